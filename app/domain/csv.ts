// CSV writing (RFC 4180) that is safe to open in a spreadsheet.
//
// Quoting (RFC 4180): a field is wrapped in double quotes when it holds a comma, a double quote,
// a carriage return or a line feed; a double quote inside is written twice. Records end in CRLF,
// the last one included.
//
// Formula injection (OWASP "CSV injection"): spreadsheet programs run a cell that starts with
// "=", "+", "-" or "@" as a formula (and strip a leading tab or carriage return before deciding).
// So any TEXT cell starting with one of = + - @ \t \r is written with a single quote ' in front,
// which makes the spreadsheet show it as text. The quote is a visible change to the value, and
// that is the point: "=HYPERLINK(...)" must never arrive in a spreadsheet as a live formula.
//
// A line feed first is treated the same way (some guidance lists it beside tab and CR).
//
// NUL (U+0000) is replaced by U+FFFD, the replacement character, everywhere in a text cell. Many
// readers stop a cell (or the whole file) at a NUL, hiding what follows; and a spreadsheet that
// skips a leading NUL would then meet "=". Replacing rather than deleting keeps a visible mark
// that something was there (the access log export is evidence) and keeps every other character
// where it was. U+FFFD is never a formula prefix.
//
// NUMBERS ARE NOT TOUCHED. A JavaScript number is written as a number (String(n)), so -3 stays
// -3 and is not prefixed: a number cannot carry a formula. Pass figures as numbers, not strings:
// the string "-3" is text and does get the prefix ("'-3"). A number that is not finite (NaN,
// Infinity) is a bug in the caller and throws a RangeError rather than writing "NaN".
// null is an empty field.

export type CsvCell = string | number | null;

/** Characters that make a spreadsheet treat a text cell as a formula when they come first. */
export const FORMULA_PREFIXES = ["=", "+", "-", "@", "\t", "\r", "\n"] as const;

/** What a NUL in a text cell is written as. */
export const NUL_REPLACEMENT = "\uFFFD";

const NEEDS_QUOTES = /[",\r\n]/;

/** One cell as CSV text (escaped for spreadsheets, then quoted if needed). */
export function csvCell(value: CsvCell): string {
  if (value === null) return "";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${String(value)}`);
    return String(value);
  }
  const visible = value.replace(/\0/g, NUL_REPLACEMENT);
  const text = (FORMULA_PREFIXES as readonly string[]).includes(visible.charAt(0)) ? `'${visible}` : visible;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV document: one record per row, fields joined by commas, each record ending in CRLF. */
export function toCsv(rows: CsvCell[][]): string {
  return rows.map((row) => `${row.map(csvCell).join(",")}\r\n`).join("");
}
