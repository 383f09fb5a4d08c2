// The s.62 access log with real SQLite: append-only triggers, the hash chain, same-transaction
// writes, tampering (with the triggers dropped, as someone with the database file could) and
// the verify script as a child process. Tests that tamper get a database of their own.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase, type Db, type Sqlite } from "../../db/client";
import { auditLog, settings } from "../../db/schema";
import {
  AUDIT_ACTIONS,
  AuditValidationError,
  GENESIS_HASH,
  listAudit,
  recordAudit,
  verifyAuditChain,
  type AuditEvent,
} from "~/services/audit.server";
import { getDb, getSqlite } from "~/services/db.server";

const T0 = new Date("2025-03-01T09:00:00.000Z");
const MINUTE = 60_000;
const HEX64 = /^[0-9a-f]{64}$/;

type Fresh = { db: Db; sqlite: Sqlite; dir: string; file: string };
const opened: Fresh[] = [];

/** A new, migrated database file (triggers included), closed after the test. */
function freshDb(): Fresh {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "csods-audit-"));
  const file = path.join(dir, "audit.db");
  const handle = { ...openDatabase(file), dir, file };
  opened.push(handle);
  return handle;
}

afterEach(() => {
  for (const handle of opened.splice(0)) {
    if (handle.sqlite.open) handle.sqlite.close();
    fs.rmSync(handle.dir, { recursive: true, force: true });
  }
});

const consult = (n: number): AuditEvent => ({
  action: "consultation",
  actor: { kind: "staff", id: 7 },
  entityType: "case",
  entityId: n,
  fields: ["concern", "contactTypes"],
  reason: "triage",
  requestId: `req-${n}`,
});

/** `count` rows, each in its own transaction, one minute apart. */
function append(db: Db, count: number): void {
  for (let i = 1; i <= count; i++) {
    db.transaction((tx) => {
      recordAudit(tx, consult(i), new Date(T0.getTime() + i * MINUTE));
    });
  }
}

const ids = (sqlite: Sqlite) =>
  (sqlite.prepare("SELECT id FROM audit_log ORDER BY id").pluck().all() as number[]);

function expectBroken(sqlite: Sqlite, firstBrokenId: number, problem: RegExp) {
  const result = verifyAuditChain(sqlite);
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.firstBrokenId).toBe(firstBrokenId);
  expect(result.problem).toMatch(problem);
}

describe("recording", () => {
  it("chains rows written in transactions, and the chain verifies", () => {
    const { db, sqlite } = freshDb();
    expect(verifyAuditChain(sqlite)).toEqual({ ok: true, rows: 0, lastHash: GENESIS_HASH });

    const rows = db.transaction((tx) => [
      recordAudit(tx, { action: "sign_in", actor: { kind: "staff", id: 3 }, requestId: "r1" }, T0),
      recordAudit(tx, consult(1), new Date(T0.getTime() + MINUTE)),
    ]);
    const third = db.transaction((tx) =>
      recordAudit(tx, {
        action: "disclosure",
        actor: { kind: "staff", id: 3 },
        entityType: "case",
        entityId: "42",
        fields: ["subject.convictions"],
        reason: "risk to child",
        recipient: "Applicant (mother)",
      }),
    );

    expect(rows.map((r) => r.id)).toEqual([1, 2]);
    expect(third.id).toBe(3);
    expect(rows[0].prevHash).toBe(GENESIS_HASH);
    expect(rows[1].prevHash).toBe(rows[0].hash);
    expect(third.prevHash).toBe(rows[1].hash);
    for (const row of [...rows, third]) expect(row.hash).toMatch(HEX64);

    // What recordAudit returned is what was stored.
    const stored = db.select().from(auditLog).where(eq(auditLog.id, 2)).get();
    expect(stored).toEqual(rows[1]);
    expect(stored?.fields).toEqual(["concern", "contactTypes"]);
    expect(stored?.entityId).toBe("1");
    expect(stored?.actorId).toBe(7);

    expect(verifyAuditChain(sqlite)).toEqual({ ok: true, rows: 3, lastHash: third.hash });
  });

  it("records public and system actors without an id, and accepts every action", () => {
    const { db, sqlite } = freshDb();
    db.transaction((tx) => {
      for (const action of AUDIT_ACTIONS) {
        recordAudit(tx, { action, actor: { kind: "public" }, entityType: "case", entityId: 1 }, T0);
      }
      recordAudit(tx, { action: "erasure", actor: { kind: "system" }, entityType: "application_draft", entityId: 9 }, T0);
    });
    const rows = db.select().from(auditLog).all();
    expect(rows).toHaveLength(AUDIT_ACTIONS.length + 1);
    expect(rows.every((r) => r.actorId === null)).toBe(true);
    expect(rows.at(-1)?.actorKind).toBe("system");
    expect(verifyAuditChain(sqlite).ok).toBe(true);
  });

  it("commits and rolls back with the change it records; ids stay contiguous", () => {
    const { db, sqlite } = freshDb();
    append(db, 2);

    expect(() =>
      db.transaction((tx) => {
        tx.insert(settings).values({ key: "clock", value: { days: 10 }, updatedAt: T0, updatedBy: 7 }).run();
        recordAudit(tx, { action: "alteration", actor: { kind: "staff", id: 7 }, entityType: "setting", entityId: "clock", fields: ["value"] });
        throw new Error("the change failed after the audit row was written");
      }),
    ).toThrow(/the change failed/);

    expect(db.select().from(settings).all()).toHaveLength(0);
    expect(ids(sqlite)).toEqual([1, 2]);
    expect(verifyAuditChain(sqlite)).toMatchObject({ ok: true, rows: 2 });

    // A failed audit write (invalid event) rolls the change back too.
    expect(() =>
      db.transaction((tx) => {
        tx.insert(settings).values({ key: "clock", value: { days: 10 }, updatedAt: T0 }).run();
        recordAudit(tx, { action: "alteration", actor: { kind: "staff", id: 7 }, reason: "x".repeat(501) });
      }),
    ).toThrow(AuditValidationError);
    expect(db.select().from(settings).all()).toHaveLength(0);

    const next = db.transaction((tx) => {
      tx.insert(settings).values({ key: "clock", value: { days: 10 }, updatedAt: T0, updatedBy: 7 }).run();
      return recordAudit(tx, { action: "alteration", actor: { kind: "staff", id: 7 }, entityType: "setting", entityId: "clock", fields: ["value"] });
    });
    expect(next.id).toBe(3);
    expect(db.select().from(settings).all()).toHaveLength(1);
    expect(ids(sqlite)).toEqual([1, 2, 3]);
    expect(verifyAuditChain(sqlite)).toMatchObject({ ok: true, rows: 3, lastHash: next.hash });
  });

  it("keeps one chain across two connections, and a writer on a stale snapshot cannot fork it", () => {
    const a = freshDb();
    const b = { ...openDatabase(a.file), dir: a.dir, file: a.file };
    opened.push(b);

    recordAudit(a.db, consult(1), T0);
    recordAudit(b.db, consult(2), T0);
    recordAudit(a.db, consult(3), T0);

    // A reads (its snapshot starts), B appends, then A tries to append from its old view.
    a.sqlite.exec("BEGIN");
    a.sqlite.prepare("SELECT count(*) FROM audit_log").get();
    recordAudit(b.db, consult(4), T0);
    expect(() => recordAudit(a.db, consult(5), T0)).toThrow(/database is locked|UNIQUE constraint/);
    a.sqlite.exec("ROLLBACK");

    expect(ids(a.sqlite)).toEqual([1, 2, 3, 4]);
    expect(verifyAuditChain(a.sqlite)).toMatchObject({ ok: true, rows: 4 });
    expect(recordAudit(a.db, consult(5), T0).id).toBe(5);
    expect(verifyAuditChain(b.sqlite)).toMatchObject({ ok: true, rows: 5 });
  });

  it("works on the app's own database with the default arguments, timestamped by the app clock", () => {
    const before = Date.now();
    const row = getDb().transaction((tx) => recordAudit(tx, { action: "sign_out", actor: { kind: "staff", id: 1 } }));
    expect(row.at.getTime()).toBeGreaterThanOrEqual(before);
    expect(verifyAuditChain()).toMatchObject({ ok: true, lastHash: row.hash });
    expect(verifyAuditChain(getSqlite()).ok).toBe(true);
  });
});

describe("validation and log injection", () => {
  const staff = { kind: "staff", id: 7 } as const;

  it("stores free text on one line: CR, LF and other control characters cannot forge entries", () => {
    const { db, sqlite } = freshDb();
    const row = db.transaction((tx) =>
      recordAudit(tx, {
        action: "consultation",
        actor: staff,
        entityType: "case",
        entityId: "7\r\n2026-01-01 admin erasure",
        reason: "checking\n2026-01-01 admin sign_in",
        recipient: "PC Smith\u2028\u0085\u202e\u0000\t(Child Protection)",
        requestId: "abc\r\ndef",
      }),
    );
    const stored = sqlite
      .prepare("SELECT entity_id, reason, recipient, request_id FROM audit_log WHERE id = ?")
      .get(row.id) as Record<string, string>;
    expect(stored.reason).toBe("checking 2026-01-01 admin sign_in");
    expect(stored.entity_id).toBe("7 2026-01-01 admin erasure");
    expect(stored.recipient).toBe("PC Smith (Child Protection)");
    expect(stored.request_id).toBe("abc def");
    // eslint-disable-next-line no-control-regex
    for (const value of Object.values(stored)) expect(value).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e]/);
    expect(verifyAuditChain(sqlite).ok).toBe(true);
  });

  it("refuses malformed events", () => {
    const { db, sqlite } = freshDb();
    const bad: unknown[] = [
      { action: "read", actor: staff },
      { action: "consultation", actor: { kind: "staff", id: 0 } },
      { action: "consultation", actor: { kind: "staff", id: 1.5 } },
      { action: "consultation", actor: { kind: "robot" } },
      { action: "consultation", actor: staff, reason: "x".repeat(501) },
      { action: "disclosure", actor: staff, recipient: "y".repeat(501) },
      { action: "alteration", actor: staff, fields: ["f".repeat(101)] },
      { action: "alteration", actor: staff, fields: [""] },
      // A value smuggled in as a field "name".
      { action: "alteration", actor: staff, fields: ["fullName=Jane Doe"] },
      { action: "alteration", actor: staff, fields: "fullName" },
      { action: "consultation", actor: staff, entityType: "Case; DROP TABLE" },
      { action: "consultation", actor: staff, entityId: "z".repeat(201) },
    ];
    for (const event of bad) {
      expect(() => recordAudit(db, event as AuditEvent, T0), JSON.stringify(event)).toThrow(AuditValidationError);
    }
    expect(() => recordAudit(db, { action: "consultation", actor: staff }, new Date(Number.NaN))).toThrow(AuditValidationError);

    // The limits themselves are allowed.
    recordAudit(db, {
      action: "disclosure",
      actor: staff,
      reason: "x".repeat(500),
      recipient: "y".repeat(500),
      fields: ["f".repeat(100), "children.0.dateOfBirth", "details[phone]"],
    }, T0);
    expect(verifyAuditChain(sqlite)).toMatchObject({ ok: true, rows: 1 });
  });
});

describe("append-only triggers", () => {
  it("refuse UPDATE and DELETE through SQL", () => {
    const { db, sqlite } = freshDb();
    append(db, 3);
    expect(() => sqlite.prepare("UPDATE audit_log SET reason = 'none' WHERE id = 2").run()).toThrow(
      "audit_log is append-only: UPDATE is not allowed",
    );
    expect(() => sqlite.prepare("DELETE FROM audit_log WHERE id = 3").run()).toThrow(
      "audit_log is append-only: DELETE is not allowed",
    );
    expect(() => sqlite.prepare("DELETE FROM audit_log").run()).toThrow(/DELETE is not allowed/);
    expect(() => db.update(auditLog).set({ entityId: "99" }).run()).toThrow(/UPDATE is not allowed/);
    expect(ids(sqlite)).toEqual([1, 2, 3]);
    expect(verifyAuditChain(sqlite)).toMatchObject({ ok: true, rows: 3 });
  });
});

describe("tampering (triggers dropped first)", () => {
  function tamperable(count = 5) {
    const handle = freshDb();
    append(handle.db, count);
    handle.sqlite.exec("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;");
    return handle;
  }

  it("an edited middle row is named (entity_id)", () => {
    const { sqlite } = tamperable();
    sqlite.prepare("UPDATE audit_log SET entity_id = '999' WHERE id = 3").run();
    expectBroken(sqlite, 3, /^row 3 was changed: its hash does not match its content$/);
  });

  it("an edited middle row is named (at, moved by one millisecond)", () => {
    const { sqlite } = tamperable();
    sqlite.prepare("UPDATE audit_log SET at = at + 1 WHERE id = 4").run();
    expectBroken(sqlite, 4, /row 4 was changed/);
  });

  it("an edit to the field names, or to the stored hash alone, is caught", () => {
    const { sqlite } = tamperable();
    sqlite.prepare(`UPDATE audit_log SET fields = '["concern"]' WHERE id = 2`).run();
    expectBroken(sqlite, 2, /row 2 was changed/);

    const other = tamperable();
    other.sqlite.prepare(`UPDATE audit_log SET hash = '${"a".repeat(64)}' WHERE id = 5`).run();
    expectBroken(other.sqlite, 5, /row 5 was changed/);
  });

  it("a row whose own hash was recomputed after the edit is caught at the next row", () => {
    const { sqlite } = tamperable();
    const original = sqlite.prepare("SELECT * FROM audit_log WHERE id = 3").get() as Record<string, unknown>;
    sqlite.prepare("UPDATE audit_log SET actor_id = 8 WHERE id = 3").run();
    // Recompute row 3's hash the way the service does.
    const doctored = fresh3(sqlite);
    sqlite.prepare("UPDATE audit_log SET hash = ? WHERE id = 3").run(doctored);
    expect(doctored).not.toBe(original.hash);
    expectBroken(sqlite, 4, /^row 4 does not link to row 3: .*row 3 was changed or replaced/);
  });

  it("a deleted middle row is named as missing", () => {
    const { sqlite } = tamperable();
    sqlite.prepare("DELETE FROM audit_log WHERE id = 3").run();
    expectBroken(sqlite, 3, /^row 3 is missing \(deleted\?\)$/);

    const other = tamperable(8);
    other.sqlite.prepare("DELETE FROM audit_log WHERE id IN (2, 3, 4)").run();
    expectBroken(other.sqlite, 2, /^rows 2 to 4 are missing/);

    const first = tamperable();
    first.sqlite.prepare("DELETE FROM audit_log WHERE id = 1").run();
    expectBroken(first.sqlite, 1, /row 1 is missing/);
  });

  it("deleting the newest rows is caught through sqlite_sequence", () => {
    const { sqlite } = tamperable();
    sqlite.prepare("DELETE FROM audit_log WHERE id = 5").run();
    expectBroken(sqlite, 5, /^the newest rows after 4 were deleted/);

    const all = tamperable();
    all.sqlite.prepare("DELETE FROM audit_log").run();
    expectBroken(all.sqlite, 1, /all rows were deleted/);
  });

  it("a later append does not hide an earlier deletion of the newest row", () => {
    const { db, sqlite } = tamperable();
    sqlite.prepare("DELETE FROM audit_log WHERE id = 5").run();
    const next = recordAudit(db, consult(6), T0);
    expect(next.id).toBe(6);
    expectBroken(sqlite, 5, /row 5 is missing/);
  });

  it("a chain rewritten from scratch passes on its own but fails against an exported head", () => {
    const { db, sqlite } = tamperable();
    const head = verifyAuditChain(sqlite);
    if (!head.ok) throw new Error("expected an intact chain");
    const anchor = { id: head.rows, hash: head.lastHash };

    // Someone with the file wipes the log and the sequence, then writes a "clean" history.
    sqlite.exec("DELETE FROM audit_log; DELETE FROM sqlite_sequence WHERE name = 'audit_log';");
    for (let i = 1; i <= 5; i++) recordAudit(db, { ...consult(i), reason: "nothing to see" }, T0);
    expect(verifyAuditChain(sqlite).ok).toBe(true);
    expect(verifyAuditChain(sqlite, { anchor })).toMatchObject({ ok: false, firstBrokenId: 5 });
  });
});

/** Row 3's hash recomputed from its (edited) content, as a forger would. */
function fresh3(sqlite: Sqlite): string {
  const row = sqlite
    .prepare(
      "SELECT id, at, actor_kind, actor_id, action, entity_type, entity_id, fields, reason, recipient, request_id, prev_hash FROM audit_log WHERE id = 3",
    )
    .raw(true)
    .get() as unknown[];
  // Same canonical form as the service (a tag and the values, as JSON).
  return createHash("sha256").update(JSON.stringify(["csods-audit-v1", ...row]), "utf8").digest("hex");
}

describe("reading", () => {
  it("lists newest first with each filter, using the indexes", () => {
    const { db, sqlite } = freshDb();
    db.transaction((tx) => {
      recordAudit(tx, { action: "consultation", actor: { kind: "staff", id: 1 }, entityType: "case", entityId: 10 }, new Date(T0.getTime() + 1 * MINUTE));
      recordAudit(tx, { action: "alteration", actor: { kind: "staff", id: 2 }, entityType: "case", entityId: 10 }, new Date(T0.getTime() + 2 * MINUTE));
      recordAudit(tx, { action: "consultation", actor: { kind: "staff", id: 1 }, entityType: "case", entityId: 11 }, new Date(T0.getTime() + 3 * MINUTE));
      recordAudit(tx, { action: "sign_in", actor: { kind: "staff", id: 2 } }, new Date(T0.getTime() + 4 * MINUTE));
    });
    const list = (filter: Parameters<typeof listAudit>[0]) => listAudit(filter, db).map((r) => r.id);
    expect(list({})).toEqual([4, 3, 2, 1]);
    expect(list({ actorId: 1 })).toEqual([3, 1]);
    expect(list({ entityType: "case", entityId: 10 })).toEqual([2, 1]);
    expect(list({ entityType: "case", entityId: "11" })).toEqual([3]);
    expect(list({ action: "consultation" })).toEqual([3, 1]);
    expect(list({ from: new Date(T0.getTime() + 2 * MINUTE), to: new Date(T0.getTime() + 3 * MINUTE) })).toEqual([3, 2]);
    expect(list({ limit: 2 })).toEqual([4, 3]);
    expect(list({ limit: 2, offset: 2 })).toEqual([2, 1]);
    expect(list({ limit: 0 })).toEqual([4]);

    const plan = (where: string) =>
      (sqlite.prepare(`EXPLAIN QUERY PLAN SELECT * FROM audit_log ${where} ORDER BY at DESC, id DESC LIMIT 50`).all() as { detail: string }[])
        .map((r) => r.detail)
        .join("; ");
    expect(plan("WHERE entity_type = 'case' AND entity_id = '10'")).toMatch(/USING INDEX audit_log_entity_idx/);
    expect(plan("WHERE actor_id = 1")).toMatch(/USING INDEX audit_log_actor_idx/);
    for (const where of ["", "WHERE entity_type = 'case' AND entity_id = '10'", "WHERE actor_id = 1"]) {
      expect(plan(where)).not.toMatch(/TEMP B-TREE/);
    }
  });
});

describe("volume", () => {
  it("verifies 10,000 rows", () => {
    const { db, sqlite } = freshDb();
    db.transaction((tx) => {
      for (let i = 1; i <= 10_000; i++) recordAudit(tx, consult(i), new Date(T0.getTime() + i));
    });
    const started = performance.now();
    const result = verifyAuditChain(sqlite);
    const elapsed = performance.now() - started;
    expect(result).toMatchObject({ ok: true, rows: 10_000 });
    expect(elapsed).toBeLessThan(5_000);
  });
});

describe("npm run audit:verify (scripts/audit-verify.ts)", () => {
  function runScript(dir: string, file: string, args: string[] = []) {
    return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      // tsx from node_modules/.bin directly: npx would add its own start-up to each run.
      execFile(
        path.join("node_modules", ".bin", "tsx"),
        ["scripts/audit-verify.ts", ...args],
        { cwd: process.cwd(), env: { ...process.env, DATA_DIR: dir, DATABASE_PATH: file }, timeout: 60_000 },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
          resolve({ code, stdout, stderr });
        },
      );
    });
  }

  it("exits 0 with the chain head when intact, and 1 naming the row when tampered", async () => {
    const { db, sqlite, dir, file } = freshDb();
    append(db, 4);
    const head = verifyAuditChain(sqlite);
    if (!head.ok) throw new Error("expected an intact chain");

    // The runs that only read the intact database go side by side.
    const missingFile = path.join(dir, "no-such.db");
    const [intact, anchored, missing] = await Promise.all([
      runScript(dir, file),
      runScript(dir, file, ["--anchor", `4:${head.lastHash}`]),
      runScript(dir, missingFile),
    ]);
    expect(intact.stderr).not.toMatch(/audit-verify:/);
    expect(intact.code).toBe(0);
    expect(intact.stdout).toMatch(new RegExp(`^Audit log OK: 4 rows, chain head 4:${head.lastHash}`));
    expect(anchored.code).toBe(0);
    expect(missing.code).toBe(2);
    expect(fs.existsSync(missingFile)).toBe(false);

    sqlite.exec("DROP TRIGGER audit_log_no_update");
    sqlite.prepare("UPDATE audit_log SET reason = 'routine' WHERE id = 2").run();
    const tampered = await runScript(dir, file);
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toMatch(/^Audit log BROKEN at row 2: row 2 was changed/);
  }, 300_000); // a ceiling for a busy machine: it starts tsx processes
});
