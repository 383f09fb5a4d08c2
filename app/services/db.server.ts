import { openDatabase, type Db, type Sqlite } from "../../db/client";
import { getConfig } from "./config.server";

export type { Db } from "../../db/client";
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
    holder.__csodsDb = { ...openDatabase(path), path };
  }
  return holder.__csodsDb;
}

export function closeDb(): void {
  holder.__csodsDb?.sqlite.close();
  holder.__csodsDb = undefined;
}
