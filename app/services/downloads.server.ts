// A file the browser saves rather than shows: the CSV and JSON exports (statistics, the Annual
// Data Requirement return, the access log). Every export is figures someone must account for or
// personal data, so it is never kept in a cache.
import { toCsv, type CsvCell } from "~/domain/csv";

// Our own names only (dates, a time stamp): nothing a person typed reaches the header.
const SAFE_FILENAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** `body` as an attachment named `filename`, of type `contentType`. */
export function fileDownload(body: string, filename: string, contentType: string): Response {
  if (!SAFE_FILENAME.test(filename)) throw new Error(`not a safe download file name: ${JSON.stringify(filename)}`);
  return new Response(body, {
    headers: {
      "Content-Type": contentType,
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
}

/** The rows as a CSV attachment (see domain/csv.ts for quoting and formula escaping). */
export function csvDownload(filename: string, rows: CsvCell[][]): Response {
  return fileDownload(toCsv(rows), filename, "text/csv; charset=utf-8");
}
