// End-to-end support: staff accounts and cases as the e2e database holds them.
import crypto from "node:crypto";
import type { BrowserContext } from "@playwright/test";
import type Database from "better-sqlite3";
import { DB_PATH } from "./base";
import { withDb, withDbAt } from "./database";

/** A writable connection, for the few things only the database can simulate (idle sessions). */
export function withWritableDb<T>(fn: (db: Database.Database) => T, dbPath = DB_PATH): T {
  return withDbAt(dbPath, fn, { readonly: false });
}

export type StaffUserRow = {
  id: number;
  email: string;
  display_name: string;
  roles: string;
  active: number;
  password_hash: string | null;
  totp_secret: string | null;
  totp_enrolled_at: number | null;
  totp_last_step: number | null;
};

export function staffUserByEmail(email: string, dbPath = DB_PATH): StaffUserRow | undefined {
  return withDbAt(
    dbPath,
    (db) => db.prepare("select * from staff_users where email = ?").get(email.toLowerCase()) as StaffUserRow | undefined,
  );
}

export type SessionRow = { id: string; user_id: number; stage: string; csrf_token: string; last_seen_at: number; created_at: number };

export function sessionById(id: string): SessionRow | undefined {
  return withDb((db) => db.prepare("select * from staff_sessions where id = ?").get(id) as SessionRow | undefined);
}

/** The database id of the staff session a context holds: sha256 of the token in its cookie. */
export async function sessionIdOf(context: BrowserContext): Promise<string> {
  const cookie = (await context.cookies()).find((c) => c.name === "csods_staff");
  if (!cookie) throw new Error("no staff session cookie");
  // Remix writes an unsigned cookie as base64 of the JSON value.
  const token = JSON.parse(Buffer.from(decodeURIComponent(cookie.value), "base64").toString("utf8")) as string;
  return crypto.createHash("sha256").update(token).digest("hex");
}

export function caseIdOf(reference: string, dbPath = DB_PATH): number {
  const row = withDbAt(dbPath, (db) => db.prepare("select id from cases where reference = ?").get(reference) as { id: number } | undefined);
  if (!row) throw new Error(`no case ${reference}`);
  return row.id;
}
