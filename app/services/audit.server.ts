// The DPA 2018 s.62 access log: who collected, altered, consulted, disclosed, combined or erased
// what, and when (plus sign-in, sign-out, failed sign-in and access denied).
//
// Tamper evidence has two layers (see docs/decisions/005-audit-log.md):
//  1. triggers (migration 0002) refuse UPDATE and DELETE on audit_log for anyone using SQL;
//  2. a SHA-256 hash chain: each row's `hash` covers every other column of the row, including
//     its id and the previous row's hash, so `verifyAuditChain` finds a changed, removed or
//     re-ordered row even when the triggers were dropped.
//
// `recordAudit` is synchronous and takes the caller's transaction: the log row commits or rolls
// back with the change it records. Rows hold field NAMES, never values.
import { createHash } from "node:crypto";
import { and, desc, eq, gte, lte, sql, type SQL } from "drizzle-orm";
import type { Sqlite } from "../../db/client";
import { auditLog, type AuditRow } from "../../db/schema";
import { now } from "./app-clock.server";
import { getDb, getSqlite, type DbOrTx } from "./db.server";

export type { AuditRow } from "../../db/schema";

export const AUDIT_ACTIONS = [
  "collection",
  "alteration",
  "consultation",
  "disclosure",
  "combination",
  "erasure",
  "sign_in",
  "sign_out",
  "sign_in_failed",
  "access_denied",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type AuditActor = { kind: "staff"; id: number } | { kind: "public" } | { kind: "system" };

export type AuditEvent = {
  action: AuditAction;
  actor: AuditActor;
  /** What kind of record, as a short code: "case", "case_person", "staff_user", … */
  entityType?: string;
  entityId?: string | number;
  /** Names of the fields collected, changed, shown or disclosed. Never their values. */
  fields?: string[];
  /** Why (a reason code or short text). Kept as policy after DUAA 2025 s.82. */
  reason?: string;
  /** For a disclosure: who received the data. */
  recipient?: string;
  /** Correlation id of the HTTP request, to join with the application log. */
  requestId?: string;
};

/** hash of "row 0": the first row's prev_hash. */
export const GENESIS_HASH = "0".repeat(64);

export const MAX_REASON_LENGTH = 500;
export const MAX_RECIPIENT_LENGTH = 500;
export const MAX_FIELD_NAME_LENGTH = 100;
export const MAX_FIELDS = 200;
export const MAX_ENTITY_ID_LENGTH = 200;
export const MAX_REQUEST_ID_LENGTH = 100;

/** Prefix of the canonical form: a future change of format gets a new tag, old rows keep theirs. */
const CANONICAL_TAG = "csods-audit-v1";

const ENTITY_TYPE = /^[a-z][a-z0-9_]{0,49}$/;
// A field name or path ("contactDetails", "children.0.dateOfBirth", "details[phone]"): no spaces,
// "=" or ":" so a value cannot ride along in a "name".
const FIELD_NAME = /^[A-Za-z0-9_.\-[\]]+$/;
// C0 controls (CR, LF, TAB…), DEL, C1 controls (incl. NEL U+0085), line/paragraph separators,
// and the bidirectional overrides/isolates that can make a viewer show text out of order.
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g;

export class AuditValidationError extends Error {
  override name = "AuditValidationError";
}

/**
 * The columns in the order the hash covers them (everything except `hash`).
 * `verifyAuditChain` selects exactly these, then `hash`.
 */
const HASHED_COLUMNS = [
  "id",
  "at",
  "actor_kind",
  "actor_id",
  "action",
  "entity_type",
  "entity_id",
  "fields",
  "reason",
  "recipient",
  "request_id",
  "prev_hash",
] as const;

/** A row as SQLite stores it: times as epoch ms, `fields` as its JSON text. */
type StoredValues = [
  id: number,
  at: number,
  actorKind: string,
  actorId: number | null,
  action: string,
  entityType: string | null,
  entityId: string | null,
  fields: string | null,
  reason: string | null,
  recipient: string | null,
  requestId: string | null,
  prevHash: string,
];

/**
 * SHA-256 of the canonical form: a JSON array of a format tag and the stored values in a fixed
 * order. JSON quotes and escapes every string and keeps null apart from "null", so two different
 * rows can never serialise to the same text.
 */
export function hashAuditValues(values: readonly unknown[]): string {
  return createHash("sha256")
    .update(JSON.stringify([CANONICAL_TAG, ...values]), "utf8")
    .digest("hex");
}

/**
 * Append one row to the access log. Call it inside the transaction that makes the change it
 * records (`db.transaction((tx) => { …; recordAudit(tx, {...}); })`), without awaiting: it is
 * synchronous. Throws `AuditValidationError` for a malformed event, which rolls the change back.
 *
 * The new id is the next AUTOINCREMENT value, read together with the previous row's hash in one
 * statement, and inserted explicitly. A writer that raced us to that id fails on the primary key
 * (or with SQLITE_BUSY on a stale snapshot) instead of forking the chain. Transactions that both
 * read and then audit may prefer `{ behavior: "immediate" }` when other processes write too.
 */
export function recordAudit(tx: DbOrTx, event: AuditEvent, at: Date = now()): AuditRow {
  return recordAuditMany(tx, [event], at)[0]!;
}

/**
 * Appends several rows at once (e.g. one consultation row per case in a results list): one read of
 * the chain's head and one insert, whatever the number of rows, each row chained to the one before.
 */
export function recordAuditMany(tx: DbOrTx, events: readonly AuditEvent[], at: Date = now()): AuditRow[] {
  if (events.length === 0) return [];
  const cleanEvents = events.map((event) => validateEvent(event, at));

  const head = tx.get<{ seq: number | null; lastId: number | null; lastHash: string | null }>(sql`
    SELECT
      (SELECT seq FROM sqlite_sequence WHERE name = 'audit_log') AS seq,
      (SELECT id FROM audit_log ORDER BY id DESC LIMIT 1) AS lastId,
      (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1) AS lastHash`);
  const lastId = head?.lastId ?? 0;
  // If the newest rows were removed (seq ahead of max(id)) we still continue from seq, so the
  // hole stays visible to the verifier rather than being papered over by a reused id.
  const firstId = Math.max(Number(head?.seq ?? 0), lastId) + 1;
  let prevHash = head?.lastHash ?? GENESIS_HASH;
  const rows = cleanEvents.map((clean, i) => {
    const row = auditRowOf(clean, firstId + i, at, prevHash);
    prevHash = row.hash;
    return row;
  });
  // drizzle stores `at` as getTime() and `fields` as JSON.stringify(fields): the values hashed.
  tx.insert(auditLog).values(rows).run();
  return rows;
}

function auditRowOf(clean: CleanEvent, id: number, at: Date, prevHash: string): AuditRow {
  const fieldsJson = clean.fields === null ? null : JSON.stringify(clean.fields);
  const values: StoredValues = [
    id,
    at.getTime(),
    clean.actorKind,
    clean.actorId,
    clean.action,
    clean.entityType,
    clean.entityId,
    fieldsJson,
    clean.reason,
    clean.recipient,
    clean.requestId,
    prevHash,
  ];
  const row: AuditRow = {
    id,
    at: new Date(at.getTime()),
    actorKind: clean.actorKind,
    actorId: clean.actorId,
    action: clean.action,
    entityType: clean.entityType,
    entityId: clean.entityId,
    fields: clean.fields,
    reason: clean.reason,
    recipient: clean.recipient,
    requestId: clean.requestId,
    prevHash,
    hash: hashAuditValues(values),
  };
  return row;
}

type CleanEvent = {
  action: AuditAction;
  actorKind: AuditActor["kind"];
  actorId: number | null;
  entityType: string | null;
  entityId: string | null;
  fields: string[] | null;
  reason: string | null;
  recipient: string | null;
  requestId: string | null;
};

function validateEvent(event: AuditEvent, at: Date): CleanEvent {
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) {
    throw new AuditValidationError("at must be a valid date");
  }
  if (!(AUDIT_ACTIONS as readonly string[]).includes(event.action)) {
    throw new AuditValidationError(`unknown audit action: ${oneLine(String(event.action)).slice(0, 50)}`);
  }
  const actor = event.actor;
  let actorId: number | null = null;
  if (actor?.kind === "staff") {
    if (!Number.isSafeInteger(actor.id) || actor.id <= 0) {
      throw new AuditValidationError("a staff actor needs a positive integer id");
    }
    actorId = actor.id;
  } else if (actor?.kind !== "public" && actor?.kind !== "system") {
    throw new AuditValidationError("actor.kind must be staff, public or system");
  }

  let entityType: string | null = null;
  if (event.entityType !== undefined) {
    if (typeof event.entityType !== "string" || !ENTITY_TYPE.test(event.entityType)) {
      throw new AuditValidationError("entityType must be a short lower-case code");
    }
    entityType = event.entityType;
  }

  let entityId: string | null = null;
  if (event.entityId !== undefined) {
    if (typeof event.entityId === "number" && !Number.isSafeInteger(event.entityId)) {
      throw new AuditValidationError("a numeric entityId must be an integer");
    }
    entityId = text("entityId", String(event.entityId), MAX_ENTITY_ID_LENGTH);
  }

  let fields: string[] | null = null;
  if (event.fields !== undefined) {
    if (!Array.isArray(event.fields)) throw new AuditValidationError("fields must be an array");
    if (event.fields.length > MAX_FIELDS) {
      throw new AuditValidationError(`at most ${MAX_FIELDS} field names`);
    }
    fields = event.fields.map((name) => {
      if (typeof name !== "string" || name.length === 0 || name.length > MAX_FIELD_NAME_LENGTH) {
        throw new AuditValidationError(
          `each field name must be 1 to ${MAX_FIELD_NAME_LENGTH} characters`,
        );
      }
      if (!FIELD_NAME.test(name)) {
        throw new AuditValidationError("a field name may hold letters, digits and _ . - [ ] only");
      }
      return name;
    });
  }

  return {
    action: event.action,
    actorKind: actor.kind,
    actorId,
    entityType,
    entityId,
    fields,
    reason: optionalText("reason", event.reason, MAX_REASON_LENGTH),
    recipient: optionalText("recipient", event.recipient, MAX_RECIPIENT_LENGTH),
    requestId: optionalText("requestId", event.requestId, MAX_REQUEST_ID_LENGTH),
  };
}

/** Control characters and line breaks become one space, so a value cannot start a forged line. */
function oneLine(value: string): string {
  return value.replace(UNSAFE_CHARS, " ").trim();
}

function text(name: string, value: string, max: number): string | null {
  const cleaned = oneLine(value);
  if (cleaned.length > max) throw new AuditValidationError(`${name} must be at most ${max} characters`);
  return cleaned === "" ? null : cleaned;
}

function optionalText(name: string, value: unknown, max: number): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== "string") throw new AuditValidationError(`${name} must be a string`);
  return text(name, value, max);
}

// ---------------------------------------------------------------------------------------------
// Verification
// ---------------------------------------------------------------------------------------------

export type AuditVerification =
  | { ok: true; rows: number; lastHash: string }
  | { ok: false; rows: number; firstBrokenId: number; problem: string };

export type AuditAnchor = { id: number; hash: string };

/**
 * Walk the whole log in id order (streamed: memory stays flat however long the log), recompute
 * every hash, and check that each row links to the one before, that ids run 1, 2, 3… without a
 * gap, and that sqlite_sequence has not moved past the last row (newest rows deleted).
 * `rows` is the number of rows read before stopping.
 *
 * `anchor` is a chain head exported earlier (`npm run audit:verify` prints it): the row with that
 * id must still exist with that hash. That catches a chain rewritten from scratch by someone
 * with write access to the file, which the chain alone cannot.
 */
export function verifyAuditChain(
  sqlite: Sqlite = getSqlite(),
  options: { anchor?: AuditAnchor } = {},
): AuditVerification {
  // One read transaction: sqlite_sequence and the rows come from the same snapshot, so a row
  // appended meanwhile by another connection cannot look like a deletion.
  return sqlite.transaction(() => verifySnapshot(sqlite, options.anchor))();
}

function verifySnapshot(sqlite: Sqlite, anchor: AuditAnchor | undefined): AuditVerification {
  const seqRow = sqlite
    .prepare("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'")
    .get() as { seq: number } | undefined;
  const seq = Number(seqRow?.seq ?? 0);

  const select = sqlite
    .prepare(`SELECT ${HASHED_COLUMNS.join(", ")}, hash FROM audit_log ORDER BY id`)
    .raw(true);

  let rows = 0;
  let lastId = 0;
  let lastHash = GENESIS_HASH;
  let anchorSeen = false;
  const broken = (firstBrokenId: number, problem: string): AuditVerification => ({
    ok: false,
    rows,
    firstBrokenId,
    problem,
  });

  for (const raw of select.iterate() as IterableIterator<unknown[]>) {
    const id = Number(raw[0]);
    const prevHash = raw[HASHED_COLUMNS.length - 1];
    const hash = raw[HASHED_COLUMNS.length];

    if (id !== lastId + 1) {
      // The iterator ends early on return (the statement is reset), keeping the connection usable.
      return broken(
        lastId + 1,
        id === lastId + 2
          ? `row ${lastId + 1} is missing (deleted?)`
          : `rows ${lastId + 1} to ${id - 1} are missing (deleted?)`,
      );
    }
    if (prevHash !== lastHash) {
      return broken(
        id,
        id === 1
          ? "row 1 does not start the chain: its prev_hash is not the genesis value"
          : `row ${id} does not link to row ${id - 1}: its prev_hash differs from ` +
            `row ${id - 1}'s hash (row ${id - 1} was changed or replaced?)`,
      );
    }
    if (hashAuditValues(raw.slice(0, HASHED_COLUMNS.length)) !== hash) {
      return broken(id, `row ${id} was changed: its hash does not match its content`);
    }
    if (anchor && id === anchor.id) {
      if (hash !== anchor.hash) {
        return broken(
          id,
          `row ${id} does not match the chain head exported earlier (the log was rewritten?)`,
        );
      }
      anchorSeen = true;
    }
    rows++;
    lastId = id;
    lastHash = String(hash);
  }

  if (seq > lastId) {
    return broken(
      lastId + 1,
      lastId === 0
        ? `all rows were deleted (the sequence is at ${seq})`
        : `the newest rows after ${lastId} were deleted (the sequence is at ${seq})`,
    );
  }
  if (seq < lastId) {
    return broken(
      seq + 1,
      `sqlite_sequence for audit_log is at ${seq} but the last row is ${lastId}: the sequence was altered`,
    );
  }
  if (anchor && !anchorSeen) {
    return broken(
      Math.min(anchor.id, lastId + 1),
      `row ${anchor.id} of the chain head exported earlier is not in the log ` +
        "(rows deleted or the log rewritten?)",
    );
  }
  return { ok: true, rows, lastHash };
}

// ---------------------------------------------------------------------------------------------
// Reading (for the viewer)
// ---------------------------------------------------------------------------------------------

export type AuditFilter = {
  actorId?: number;
  entityType?: string;
  entityId?: string | number;
  action?: AuditAction;
  /** Inclusive. */
  from?: Date;
  /** Inclusive. */
  to?: Date;
  /** Default 50, at most 500. */
  limit?: number;
  offset?: number;
};

export const DEFAULT_AUDIT_PAGE = 50;
export const MAX_AUDIT_PAGE = 500;

/**
 * Rows matching every given filter, newest first (by time, then id). Each filter maps to an
 * index: (entity_type, entity_id, at), (actor_id, at) or (at); SQLite appends the rowid to each,
 * so the ORDER BY is served by the index too.
 */
export function listAudit(filter: AuditFilter = {}, db: DbOrTx = getDb()): AuditRow[] {
  const conditions: SQL[] = [];
  if (filter.actorId !== undefined) conditions.push(eq(auditLog.actorId, filter.actorId));
  if (filter.entityType !== undefined) conditions.push(eq(auditLog.entityType, filter.entityType));
  if (filter.entityId !== undefined) conditions.push(eq(auditLog.entityId, String(filter.entityId)));
  if (filter.action !== undefined) conditions.push(eq(auditLog.action, filter.action));
  if (filter.from !== undefined) conditions.push(gte(auditLog.at, filter.from));
  if (filter.to !== undefined) conditions.push(lte(auditLog.at, filter.to));
  const limit = clampInt(filter.limit, DEFAULT_AUDIT_PAGE, 1, MAX_AUDIT_PAGE);
  const offset = clampInt(filter.offset, 0, 0, Number.MAX_SAFE_INTEGER);
  return db
    .select()
    .from(auditLog)
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit)
    .offset(offset)
    .all();
}

function clampInt(value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.trunc(value)));
}
