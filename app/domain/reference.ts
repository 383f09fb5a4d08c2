// Application references: random (never a sequence), easy to read aloud, with a check character.
// Crockford's base-32 alphabet has no I, L, O or U, so references cannot be misread or spell words.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const RANDOM_LENGTH = 11; // 55 bits: guessing one takes ~10^16 tries

/** Luhn mod N check character over the alphabet: catches every single-character error. */
export function checkCharacter(body: string): string {
  let factor = 2;
  let sum = 0;
  for (let i = body.length - 1; i >= 0; i--) {
    const codePoint = ALPHABET.indexOf(body[i]);
    if (codePoint < 0) throw new Error("Reference contains a character outside the alphabet");
    let addend = factor * codePoint;
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / ALPHABET.length) + (addend % ALPHABET.length);
    sum += addend;
  }
  return ALPHABET[(ALPHABET.length - (sum % ALPHABET.length)) % ALPHABET.length];
}

/** `randomBytes` is injectable for tests; it must return cryptographically random bytes. */
export function generateReference(
  randomBytes: (size: number) => Uint8Array = (size) =>
    crypto.getRandomValues(new Uint8Array(size)),
): string {
  const bytes = randomBytes(RANDOM_LENGTH);
  // 256 is a multiple of 32, so taking the low 5 bits is unbiased.
  const body = Array.from(bytes, (b) => ALPHABET[b & 31]).join("");
  return format(body + checkCharacter(body));
}

function format(compact: string): string {
  return compact.match(/.{1,4}/g)!.join("-");
}

/** Accepts what people type: lower case, spaces, missing hyphens, O for 0 and I or L for 1. */
export function normaliseReference(input: string): string | null {
  const compact = input
    .toUpperCase()
    .replace(/[\s-]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  if (compact.length !== RANDOM_LENGTH + 1) return null;
  if ([...compact].some((c) => !ALPHABET.includes(c))) return null;
  const body = compact.slice(0, -1);
  return checkCharacter(body) === compact.slice(-1) ? format(compact) : null;
}

export function isValidReference(input: string): boolean {
  return normaliseReference(input) !== null;
}
