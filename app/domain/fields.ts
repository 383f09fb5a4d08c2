// Building blocks for form schemas: every text has a maximum length and a clear message.
import { z } from "zod";

// C0 control characters other than tab, line feed and carriage return carry no meaning in
// an answer and can break logs and exports; they are dropped, everything else is kept verbatim.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

const cleaned = () => z.string().transform((v) => v.replace(CONTROL_CHARACTERS, "").trim());

/**
 * What of an answer is kept: "cleaned" (control characters dropped, spaces at the ends trimmed),
 * "trimmed" (only the spaces at the ends: a security code), or "exact" (a password: as typed).
 */
export type Kept = "cleaned" | "trimmed" | "exact";

const keptText = (kept: Kept) => (kept === "exact" ? z.string() : kept === "trimmed" ? z.string().trim() : cleaned());

const tooLongMessage = (max: number, subject: string) => `${subject} must be ${max.toLocaleString("en-GB")} characters or fewer`;

// conform turns an empty string into "no answer" at each step of a pipeline, so the answer that
// was only spaces reaches the last step as undefined: it must read as missing there, not as
// zod's bare "Required".

/** `options.tooLong` replaces "<subject> must be N characters or fewer" where that does not fit. */
export function requiredText(max: number, missing: string, subject: string, options: { kept?: Kept; tooLong?: string } = {}) {
  return z
    .string({ required_error: missing, invalid_type_error: missing })
    .pipe(keptText(options.kept ?? "cleaned"))
    .pipe(
      z
        .string({ required_error: missing })
        .min(1, missing)
        .max(max, options.tooLong ?? tooLongMessage(max, subject)),
    );
}

export function optionalText(max: number, subject: string, options: { kept?: Kept; tooLong?: string } = {}) {
  return z
    .string()
    .pipe(keptText(options.kept ?? "cleaned"))
    .pipe(z.string().max(max, options.tooLong ?? tooLongMessage(max, subject)).optional())
    .optional();
}

export function choice<const T extends readonly [string, ...string[]]>(values: T, missing: string) {
  return z.enum(values, { errorMap: () => ({ message: missing }) });
}

export function choices<const T extends readonly [string, ...string[]]>(values: T, missing: string) {
  // Checked at the array level so the error belongs to the whole group, not to item [0].
  return z
    .array(z.string(), { required_error: missing, invalid_type_error: missing })
    .min(1, missing)
    .refine((list) => list.every((v) => values.includes(v)), missing)
    .transform((list) => [...new Set(list)] as T[number][]);
}

/** Whether a typed age is a whole number of years within `range` (spaces ignored). */
export function isWholeAgeIn(value: string, range: { min: number; max: number }): boolean {
  const text = value.replace(/\s+/g, "");
  return /^\d{1,3}$/.test(text) && Number(text) >= range.min && Number(text) <= range.max;
}
