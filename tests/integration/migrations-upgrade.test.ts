// Migrations upgrade a database from any earlier point. Drizzle applies only the migrations whose
// journal time (`when`) is later than the newest one the database has applied, so the journal's
// times must rise in its order, and a database left at each earlier point must reach the schema a
// new one gets. (The rule this cannot check alone: a migration lands at the END of the journal with
// a time later than everything released — 0010, written in parallel and landed after 0016, was
// renamed 0017 for that reason; see db/migrations/README.md.)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { afterAll, describe, expect, it } from "vitest";
import { MIGRATIONS_FOLDER } from "../../db/client";

type Entry = { idx: number; when: number; tag: string };
const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as { entries: Entry[] };
const temp = fs.mkdtempSync(path.join(os.tmpdir(), "csods-migrations-"));
afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

/** A copy of the migrations folder whose journal stops after the first `count` entries. */
function folderUpTo(count: number): string {
  const folder = path.join(temp, `upto-${count}`);
  fs.mkdirSync(path.join(folder, "meta"), { recursive: true });
  for (const entry of journal.entries) fs.copyFileSync(path.join(MIGRATIONS_FOLDER, `${entry.tag}.sql`), path.join(folder, `${entry.tag}.sql`));
  fs.writeFileSync(path.join(folder, "meta", "_journal.json"), JSON.stringify({ ...journal, entries: journal.entries.slice(0, count) }));
  return folder;
}

const tables = (sqlite: Database.Database) =>
  (sqlite.prepare("select name from sqlite_master where type = 'table' order by name").all() as Array<{ name: string }>).map((r) => r.name);

describe("migrations", () => {
  it("are listed in the journal with rising times, each with its file", () => {
    const times = journal.entries.map((e) => e.when);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Set(times).size).toBe(times.length);
    for (const entry of journal.entries) expect(fs.existsSync(path.join(MIGRATIONS_FOLDER, `${entry.tag}.sql`)), entry.tag).toBe(true);
  });

  it("bring a database left at every earlier point to the same schema as a new one", () => {
    const fresh = new Database(path.join(temp, "fresh.db"));
    migrate(drizzle(fresh), { migrationsFolder: MIGRATIONS_FOLDER });
    const latest = tables(fresh);
    fresh.close();
    for (let count = 1; count < journal.entries.length; count++) {
      const sqlite = new Database(path.join(temp, `at-${count}.db`));
      migrate(drizzle(sqlite), { migrationsFolder: folderUpTo(count) });
      migrate(drizzle(sqlite), { migrationsFolder: MIGRATIONS_FOLDER });
      const applied = sqlite.prepare("select count(*) as n from __drizzle_migrations").get() as { n: number };
      expect(applied.n, `a database at ${journal.entries[count - 1]!.tag}`).toBe(journal.entries.length);
      expect(tables(sqlite), `a database at ${journal.entries[count - 1]!.tag}`).toEqual(latest);
      sqlite.close();
    }
  });
});
