import { describe, expect, it } from "vitest";
import { csvCell, FORMULA_PREFIXES, NUL_REPLACEMENT, toCsv } from "~/domain/csv";

/** A minimal RFC 4180 reader, to prove what we write reads back as the same cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += ch;
  }
  if (cell !== "" || row.length > 0) throw new Error("unterminated last record");
  return rows;
}

describe("toCsv quoting (RFC 4180)", () => {
  it("writes plain cells as they are, comma-separated, each record ending in CRLF", () => {
    expect(toCsv([["Section", "Metric"], ["a", "b c"]])).toBe("Section,Metric\r\na,b c\r\n");
  });

  it("quotes a cell holding a comma", () => {
    expect(toCsv([["one, two", "x"]])).toBe('"one, two",x\r\n');
  });

  it("quotes a cell holding a double quote and doubles the quote", () => {
    expect(csvCell('say "hello"')).toBe('"say ""hello"""');
    expect(csvCell('"')).toBe('""""');
  });

  it("quotes a cell holding a line feed or a carriage return (not at the start)", () => {
    expect(csvCell("line 1\nline 2")).toBe('"line 1\nline 2"');
    expect(csvCell("line 1\r\nline 2")).toBe('"line 1\r\nline 2"');
  });

  it("writes null as an empty field and an empty string as an empty field", () => {
    expect(toCsv([[null, "", "x", null]])).toBe(",,x,\r\n");
  });

  it("writes an empty row as an empty record", () => {
    expect(toCsv([["a"], [], ["b"]])).toBe("a\r\n\r\nb\r\n");
    expect(toCsv([])).toBe("");
  });

  it("reads back as the same cells (round trip through a strict reader)", () => {
    const rows = [
      ["plain", "with, comma", 'with "quotes"', "multi\nline", "crlf\r\ninside", "", "£ and é"],
      ["1", "2", "3", "4", "5", "6", "7"],
    ];
    expect(parseCsv(toCsv(rows))).toEqual(rows);
  });
});

describe("toCsv formula injection", () => {
  it.each([
    ["=", "=1+1"],
    ["+", "+1+1"],
    ["-", "-2+3"],
    ["@", "@SUM(A1:A2)"],
    ["tab", "\t=1+1"],
  ])("prefixes a text cell starting with %s with a single quote", (_name, value) => {
    expect(csvCell(value)).toBe(`'${value}`);
  });

  it("prefixes a cell starting with a carriage return, then quotes it (it holds a CR)", () => {
    expect(csvCell("\r=1+1")).toBe(`"'\r=1+1"`);
  });

  it("escapes every prefix the module lists", () => {
    expect([...FORMULA_PREFIXES].sort()).toEqual(["\t", "\r", "\n", "+", "-", "=", "@"].sort());
    for (const prefix of FORMULA_PREFIXES) {
      const written = parseCsv(toCsv([[`${prefix}cmd`]]))[0][0];
      expect(written).toBe(`'${prefix}cmd`);
    }
  });

  it("prefixes and quotes a formula that also holds quotes and commas", () => {
    const value = '=HYPERLINK("http://evil.example/?a=1,b=2","x")';
    expect(csvCell(value)).toBe(`"'=HYPERLINK(""http://evil.example/?a=1,b=2"",""x"")"`);
    expect(parseCsv(toCsv([[value]]))[0][0]).toBe(`'${value}`);
  });

  it("leaves a cell alone when the character is not first", () => {
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvCell("2025-05-01 to 2026-04-30")).toBe("2025-05-01 to 2026-04-30");
    expect(csvCell(" =1")).toBe(" =1");
  });

  it("prefixes a cell starting with a line feed, then quotes it", () => {
    expect(csvCell("\n=1+1")).toBe(`"'\n=1+1"`);
  });

  it("writes every NUL as U+FFFD, so nothing is hidden after it and a leading NUL cannot uncover a formula", () => {
    expect(NUL_REPLACEMENT).toBe("\uFFFD");
    expect(csvCell("a\0b\0")).toBe("a\uFFFDb\uFFFD");
    expect(csvCell("\0=1+1")).toBe("\uFFFD=1+1");
    expect(csvCell("=1+1\0")).toBe("'=1+1\uFFFD");
    expect(csvCell("\0")).toBe("\uFFFD");
    expect(toCsv([["\0", "x\0,y"]])).not.toContain("\0");
  });

  it("no written cell reads back as a formula, whatever it starts with", () => {
    const payloads = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1", "\n=1+1", "\0=1+1", "\0\t=1", '=HYPERLINK("http://evil.example","x")'];
    const cells = parseCsv(toCsv([payloads]))[0];
    expect(cells).toHaveLength(payloads.length);
    cells.forEach((cell, i) => {
      expect(cell).not.toContain("\0");
      // What a spreadsheet decides on: the first character after any leading tab, CR or LF.
      expect(cell.replace(/^[\t\r\n]+/, "").charAt(0)).not.toMatch(/[=+\-@]/);
      // Nothing but the quote in front (and NUL made visible) is changed.
      expect(cell.replace(/^'/, "").replace(/\uFFFD/g, "\0")).toBe(payloads[i]);
    });
  });

  it("treats a number held in a string as text: the string '-3' is prefixed", () => {
    expect(csvCell("-3")).toBe("'-3");
  });
});

describe("toCsv numbers", () => {
  it("writes numbers as numbers, untouched, negative ones included", () => {
    expect(toCsv([[-3, 0, 12.5, -0.25, 1234567]])).toBe("-3,0,12.5,-0.25,1234567\r\n");
    expect(csvCell(-1)).toBe("-1");
  });

  it("refuses a number that is not finite rather than writing NaN", () => {
    expect(() => csvCell(Number.NaN)).toThrow(RangeError);
    expect(() => csvCell(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});
