// England and Wales bank holidays, for clocks counted in working days (app/domain/clocks.ts).
// Seeded from db/seed/bank-holidays-england-and-wales.json (scripts/generate-bank-holidays.mjs),
// then kept up to date by admins at /staff/admin/bank-holidays. Each change writes an audit row
// in the same transaction. Dates are ISO calendar dates (YYYY-MM-DD).
import fs from "node:fs";
import path from "node:path";
import { and, asc, count, eq, gte, lte } from "drizzle-orm";
import { BANK_HOLIDAY_NAME_MAX, BANK_HOLIDAY_YEARS } from "~/domain/bank-holidays";
import { recordAudit, type AuditActor } from "./audit.server";
import { getDb, schema, type Db } from "./db.server";

export type BankHoliday = typeof schema.bankHolidays.$inferSelect;

/** Resolved from the working directory: server code is bundled into build/. */
export const BANK_HOLIDAYS_SEED_PATH = path.join(process.cwd(), "db", "seed", "bank-holidays-england-and-wales.json");


const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const AUDIT_TARGET = { action: "alteration", entityType: "setting", entityId: "bank_holidays", fields: ["bank_holidays"] } as const;

/** A change refused for a reason the person can fix (shown on the form). */
export class BankHolidayError extends Error {
  override name = "BankHolidayError";
  constructor(
    message: string,
    readonly field: "date" | "name",
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------------------------------------
// The per-process cache of holiday dates
// ---------------------------------------------------------------------------------------------

// Keyed by the connection, so a reopened database (tests, a changed DATABASE_PATH) is re-read.
let cache: { db: Db; dates: ReadonlySet<string> } | null = null;
let seedChecked: Db | null = null;

function invalidate(): void {
  cache = null;
}

/**
 * Every bank holiday date, for `computeDueDates`. Read once per process and kept until a change
 * made through this module (add, remove, seed). The first call in a process also seeds an empty
 * table, so working-day clocks never run on an empty list by accident.
 * Changes made by another process are seen after a restart.
 */
export function holidaySet(): Set<string> {
  const db = ensureBankHolidaysSeeded();
  if (!cache || cache.db !== db) {
    const rows = db.select({ date: schema.bankHolidays.date }).from(schema.bankHolidays).all();
    cache = { db, dates: new Set(rows.map((r) => r.date)) };
  }
  return new Set(cache.dates);
}

// ---------------------------------------------------------------------------------------------
// Seeding
// ---------------------------------------------------------------------------------------------

/**
 * Seeds an empty table once per process (and connection): the first use after start-up loads
 * the shipped list. An admin who then removes every holiday keeps an empty list until restart.
 */
export function ensureBankHolidaysSeeded(): Db {
  const db = getDb();
  if (seedChecked !== db) {
    seedBankHolidaysIfEmpty();
    seedChecked = db;
  }
  return db;
}

/** The seed file's entries, checked. */
export function readSeedFile(file: string = BANK_HOLIDAYS_SEED_PATH): Array<{ date: string; name: string }> {
  const parsed: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
  if (!Array.isArray(parsed)) throw new Error(`${file}: expected an array`);
  return parsed.map((entry: unknown, index) => {
    const { date, name } = (entry ?? {}) as { date?: unknown; name?: unknown };
    if (typeof date !== "string" || !isRealIsoDate(date) || typeof name !== "string" || name.trim() === "") {
      throw new Error(`${file}: entry ${index} is not { date: "YYYY-MM-DD", name }`);
    }
    return { date, name: name.trim().slice(0, BANK_HOLIDAY_NAME_MAX) };
  });
}

/**
 * Fills the table from the seed file when it holds no rows at all (first start). Returns how many
 * were inserted: 0 when there were rows already, so admins' changes are never overwritten.
 * Call it at start-up; `holidaySet` calls it too, once per process. Not audited: it loads the
 * reference list shipped with the code, like a migration; admins' changes are.
 * Safe inside a caller's transaction (better-sqlite3 nests it as a savepoint).
 */
export function seedBankHolidaysIfEmpty(): number {
  const db = getDb();
  const present = db.select({ n: count() }).from(schema.bankHolidays).get();
  if ((present?.n ?? 0) > 0) return 0;
  const entries = readSeedFile();
  const inserted = db.transaction(
    (tx) => {
      const again = tx.select({ n: count() }).from(schema.bankHolidays).get();
      if ((again?.n ?? 0) > 0) return 0;
      if (entries.length === 0) return 0;
      tx.insert(schema.bankHolidays).values(entries).run();
      return entries.length;
    },
    { behavior: "immediate" },
  );
  if (inserted > 0) invalidate();
  return inserted;
}

// ---------------------------------------------------------------------------------------------
// Reading and changing
// ---------------------------------------------------------------------------------------------

/** Bank holidays in date order, all or one year's. */
export function listBankHolidays(year?: number): BankHoliday[] {
  const table = schema.bankHolidays;
  const where =
    year === undefined
      ? undefined
      : Number.isSafeInteger(year) && year >= 0 && year <= 9999
        ? and(gte(table.date, `${pad4(year)}-01-01`), lte(table.date, `${pad4(year)}-12-31`))
        : eq(table.date, "never");
  return getDb().select().from(table).where(where).orderBy(asc(table.date)).all();
}

/** The years that have at least one bank holiday, in order. */
export function bankHolidayYears(): number[] {
  return [...new Set(listBankHolidays().map((h) => Number(h.date.slice(0, 4))))];
}

export function addBankHoliday(
  input: { date: string; name: string },
  actor: AuditActor,
  requestId?: string,
): BankHoliday {
  const date = input.date.trim();
  const name = input.name.trim();
  if (!isRealIsoDate(date)) throw new BankHolidayError("Date must be a real date", "date");
  const year = Number(date.slice(0, 4));
  if (year < BANK_HOLIDAY_YEARS.min || year > BANK_HOLIDAY_YEARS.max) {
    throw new BankHolidayError(`Date must be between ${BANK_HOLIDAY_YEARS.min} and ${BANK_HOLIDAY_YEARS.max}`, "date");
  }
  if (name === "") throw new BankHolidayError("Enter the name of the bank holiday", "name");
  if (name.length > BANK_HOLIDAY_NAME_MAX) {
    throw new BankHolidayError(`Name must be ${BANK_HOLIDAY_NAME_MAX} characters or fewer`, "name");
  }
  const row = getDb().transaction(
    (tx) => {
      const added = tx.insert(schema.bankHolidays).values({ date, name }).onConflictDoNothing().returning().get();
      if (!added) throw new BankHolidayError("There is already a bank holiday on that date", "date");
      recordAudit(tx, { ...AUDIT_TARGET, fields: [...AUDIT_TARGET.fields], actor, reason: "bank holiday added", requestId });
      return added;
    },
    { behavior: "immediate" },
  );
  invalidate();
  return row;
}

/** Removes the holiday on `date`; false (and no audit row) when there was none. */
export function removeBankHoliday(date: string, actor: AuditActor, requestId?: string): boolean {
  if (!ISO_DATE.test(date)) return false;
  const removed = getDb().transaction(
    (tx) => {
      const gone = tx.delete(schema.bankHolidays).where(eq(schema.bankHolidays.date, date)).returning().get();
      if (!gone) return false;
      recordAudit(tx, { ...AUDIT_TARGET, fields: [...AUDIT_TARGET.fields], actor, reason: "bank holiday removed", requestId });
      return true;
    },
    { behavior: "immediate" },
  );
  if (removed) invalidate();
  return removed;
}

function isRealIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function pad4(n: number): string {
  return String(n).padStart(4, "0");
}
