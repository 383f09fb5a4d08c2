// Write transactions take SQLite's write lock when they begin. The access log reads the chain's
// head and then inserts; begun as a reader, a transaction loses that race to any other process
// that commits in between, at once (SQLITE_BUSY, no wait). Seen in the browser suite, where the
// test processes write the same file: a case form failed with "database is locked".
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { recordAudit } from "~/services/audit.server";
import { getDb, getSqlite } from "~/services/db.server";

const other = new Database(getSqlite().name);
other.pragma("busy_timeout = 0");
afterAll(() => other.close());

const auditRows = () => (getSqlite().prepare("select count(*) as n from audit_log").get() as { n: number }).n;

describe("a write transaction", () => {
  it("holds the write lock from its start: another process cannot commit in the middle, and the audit row is written", () => {
    const before = auditRows();
    let otherWrite: unknown = null;
    getDb().transaction((tx) => {
      // Another process tries to write while this transaction is open (it would have succeeded
      // against a deferred transaction that had only read so far, and made this one fail).
      try {
        other.prepare("insert into settings (key, value, updated_at) values ('test.other', '\"x\"', 0)").run();
      } catch (error) {
        otherWrite = error;
      }
      recordAudit(tx, { action: "consultation", actor: { kind: "system" }, reason: "immediate transaction test" });
    });
    expect((otherWrite as { code?: string } | null)?.code).toBe("SQLITE_BUSY");
    expect(auditRows()).toBe(before + 1);
  });

  it("can still be asked to begin as a reader", () => {
    let otherWrite: unknown = "not tried";
    getDb().transaction(
      () => {
        try {
          other.prepare("insert into settings (key, value, updated_at) values ('test.deferred', '\"x\"', 0)").run();
          otherWrite = null;
        } catch (error) {
          otherWrite = error;
        }
      },
      { behavior: "deferred" },
    );
    expect(otherWrite).toBeNull();
  });
});
