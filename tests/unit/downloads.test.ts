import { describe, expect, it } from "vitest";
import { csvDownload, fileDownload } from "~/services/downloads.server";

describe("csvDownload", () => {
  it("sends the rows as a CSV attachment with its name, never cached", async () => {
    const response = csvDownload("csods-statistics-2025-04-01-to-2026-03-31.csv", [
      ["section", "value"],
      ["=SUM(A1)", -3],
      [null, "a, b"],
    ]);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="csods-statistics-2025-04-01-to-2026-03-31.csv"');
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    // The same bytes as toCsv: CRLF records, formula text escaped, numbers as numbers, commas quoted.
    expect(await response.text()).toBe("section,value\r\n'=SUM(A1),-3\r\n,\"a, b\"\r\n");
  });

  it("refuses a file name that could break the header", () => {
    expect(() => csvDownload('x".csv', [])).toThrow(/not a safe download file name/);
    expect(() => csvDownload("a\r\nSet-Cookie: x.csv", [])).toThrow(/not a safe download file name/);
    expect(() => csvDownload("../x.csv", [])).toThrow(/not a safe download file name/);
    expect(() => csvDownload("", [])).toThrow(/not a safe download file name/);
  });
});

describe("fileDownload", () => {
  it("sends any body with the given type as an attachment, never cached", async () => {
    const response = fileDownload('{"a":1}', "csods-access-log-2026-11-28T15-57-27-000Z.json", "application/json; charset=utf-8");
    expect(response.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="csods-access-log-2026-11-28T15-57-27-000Z.json"');
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    expect(await response.text()).toBe('{"a":1}');
  });
});
