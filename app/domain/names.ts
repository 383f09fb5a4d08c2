/** Lower case, accents and punctuation removed, single spaces: "Seán  O'Brien" → "sean obrien". */
export function normaliseName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’`.-]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}
