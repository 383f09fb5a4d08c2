import { openDatabase, reclaimFreePages, type Db, type Sqlite } from "../../db/client";
import { getConfig } from "./config.server";

export type { Db, DbOrTx, Tx } from "../../db/client";
export * as schema from "../../db/schema";

type Handle = { db: Db; sqlite: Sqlite; path: string };

// Kept on globalThis so a re-imported server build (dev) reuses the one connection.
const holder = globalThis as typeof globalThis & { __csodsDb?: Handle };

/** The one database connection of this process, opened (and migrated) on first use. */
export function getDb(): Db {
  return getHandle().db;
}

export function getSqlite(): Sqlite {
  return getHandle().sqlite;
}

function getHandle(): Handle {
  const path = getConfig().databasePath;
  if (!holder.__csodsDb || holder.__csodsDb.path !== path) {
    holder.__csodsDb?.sqlite.close();
    const opened = openDatabase(path);
    countStatements(opened.sqlite);
    holder.__csodsDb = { ...opened, path };
  }
  return holder.__csodsDb;
}

// Every query, from drizzle or raw, is prepared on the connection: counting prepares counts
// queries. Benchmarks and tests use it to hold pages to a query budget (no N+1).
let statements = 0;
function countStatements(sqlite: Sqlite) {
  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((source: string) => {
    statements += 1;
    return prepare(source);
  }) as Sqlite["prepare"];
}

/** Runs `work` and returns its result with the number of SQL statements it prepared. */
export async function countQueries<T>(work: () => T | Promise<T>): Promise<{ result: T; queries: number }> {
  const before = statements;
  const result = await work();
  return { result, queries: statements - before };
}

/** Gives the space of purged rows back to the file system (auto_vacuum is INCREMENTAL). */
export function reclaimSpace(): number {
  return reclaimFreePages(getSqlite());
}

export function closeDb(): void {
  holder.__csodsDb?.sqlite.close();
  holder.__csodsDb = undefined;
}
