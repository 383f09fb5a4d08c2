// Transactional outbox. A change that must be announced by e-mail writes its message with
// `enqueueEmail` in the same (synchronous) transaction, so the message exists if and only
// if the change was committed. `deliverDueMessages` sends what is due; the worker runs it
// on a timer. Logs carry ids and counts only: never addresses, subjects or bodies.
import { and, asc, count, eq, isNotNull, isNull, lte, min } from "drizzle-orm";
import { z } from "zod";
import { outbox, type OutboxMessage } from "../../db/schema";
import { now as appNow } from "./app-clock.server";
import { getConfig } from "./config.server";
import { getDb, type Db, type DbOrTx } from "./db.server";
import { log } from "./logger.server";
import { createMailTransport, type MailTransport } from "./mailer.server";

export const FIRST_RETRY_DELAY_MS = 30_000;
export const MAX_RETRY_DELAY_MS = 60 * 60 * 1000;
/** A message still undelivered this long after it was written is given up (failedAt). */
export const GIVE_UP_AFTER_MS = 72 * 60 * 60 * 1000;
/** How far a run pushes `nextAttemptAt` while it is sending, so another run leaves the row alone. */
export const CLAIM_LEASE_MS = 2 * 60 * 1000;
const MAX_ERROR_LENGTH = 500;
const DEFAULT_BATCH = 50;

export class InvalidEmailError extends Error {
  override name = "InvalidEmailError";
}

export type NewEmail = {
  /** What kind of message, e.g. "application_acknowledgement". Never personal data. */
  kind: string;
  to: string;
  subject: string;
  text: string;
  now: Date;
};

const singleAddress = z.string().max(254).email();
const KIND = /^[a-z0-9_.-]{1,100}$/;
// CR/LF would start a new header; other control characters have no place in a subject either.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f\u2028\u2029]/;

/**
 * Queue an e-mail. Pass the transaction that makes the change the message announces.
 * Synchronous: call it inside `db.transaction((tx) => …)` without awaiting.
 * Throws `InvalidEmailError` for anything that could inject headers or extra recipients.
 * Returns the outbox id.
 */
export function enqueueEmail(tx: DbOrTx, email: NewEmail): number {
  const { kind, to, subject, text, now } = email;
  if (!KIND.test(kind)) throw new InvalidEmailError("kind must be a short lower-case code");
  // A bare address only: no display name, no list, no whitespace or line breaks.
  if (typeof to !== "string" || !singleAddress.safeParse(to).success || /[\s,;<>"]/.test(to)) {
    throw new InvalidEmailError("to must be a single valid e-mail address");
  }
  if (typeof subject !== "string" || subject.trim() === "" || CONTROL_CHARS.test(subject)) {
    throw new InvalidEmailError("subject must be one non-empty line");
  }
  if (subject.length > 200) throw new InvalidEmailError("subject is too long");
  if (typeof text !== "string") throw new InvalidEmailError("text must be a string");
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
    throw new InvalidEmailError("now must be a valid date");
  }
  const row = tx
    .insert(outbox)
    .values({
      kind,
      toAddress: to,
      subject,
      textBody: text,
      createdAt: now,
      attempts: 0,
      nextAttemptAt: now,
    })
    .returning({ id: outbox.id })
    .get();
  return row.id;
}

export type DeliveryCounts = { sent: number; failed: number; retried: number };

/** 30 s, 1 min, 2 min, … doubling per failed attempt, at most 1 h. */
export function retryDelayMs(attempts: number): number {
  const exponent = Math.max(0, attempts - 1);
  return Math.min(MAX_RETRY_DELAY_MS, FIRST_RETRY_DELAY_MS * 2 ** Math.min(exponent, 30));
}

/**
 * Send every message that is due (oldest first, at most `limit`). Each row is claimed by one
 * atomic UPDATE … RETURNING that moves `nextAttemptAt` a lease ahead, so an overlapping run
 * (another timer tick, the drain script) skips it. On success the row gets `sentAt`; on
 * failure `attempts`, `lastError` and a backed-off `nextAttemptAt`, or `failedAt` once the
 * message is older than 72 h.
 */
export async function deliverDueMessages(options: {
  db?: Db;
  transport: MailTransport;
  now?: Date;
  limit?: number;
}): Promise<DeliveryCounts> {
  const db = options.db ?? getDb();
  const now = options.now ?? appNow();
  const limit = options.limit ?? DEFAULT_BATCH;
  const config = getConfig();
  const host = new URL(config.appUrl).hostname || "localhost";
  const counts: DeliveryCounts = { sent: 0, failed: 0, retried: 0 };

  const due = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(isNull(outbox.sentAt), isNull(outbox.failedAt), lte(outbox.nextAttemptAt, now)))
    .orderBy(asc(outbox.createdAt), asc(outbox.id))
    .limit(limit)
    .all();

  for (const { id } of due) {
    const message = claim(db, id, now);
    if (!message) continue; // another run took it, or it was sent meanwhile

    try {
      await options.transport.sendMail({
        from: config.mailFrom,
        to: message.toAddress,
        subject: message.subject,
        text: message.textBody,
        messageId: messageIdFor(message, host),
        // RFC 3834: tells mail systems not to auto-reply (out-of-office etc.).
        headers: { "Auto-Submitted": "auto-generated" },
        outboxId: message.id,
      });
    } catch (error) {
      const attempts = message.attempts + 1;
      const giveUp = now.getTime() - message.createdAt.getTime() >= GIVE_UP_AFTER_MS;
      db.update(outbox)
        .set({
          attempts,
          lastError: safeErrorText(error),
          ...(giveUp
            ? { failedAt: now }
            : { nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)) }),
        })
        .where(eq(outbox.id, message.id))
        .run();
      const fields = { outboxId: message.id, kind: message.kind, attempts, ...errorCodes(error) };
      if (giveUp) {
        counts.failed++;
        log.error("outbox_gave_up", fields);
      } else {
        counts.retried++;
        log.warn("outbox_send_failed", fields);
      }
      continue;
    }

    db.update(outbox)
      .set({ sentAt: now, attempts: message.attempts + 1, lastError: null })
      .where(eq(outbox.id, message.id))
      .run();
    counts.sent++;
    log.info("outbox_sent", { outboxId: message.id, kind: message.kind });
  }

  if (counts.sent + counts.failed + counts.retried > 0) log.info("outbox_run", counts);
  return counts;
}

/** Take a due row for this run: one atomic statement, so two runs cannot both get it. */
function claim(db: Db, id: number, now: Date): OutboxMessage | undefined {
  return db
    .update(outbox)
    .set({ nextAttemptAt: new Date(now.getTime() + CLAIM_LEASE_MS) })
    .where(
      and(
        eq(outbox.id, id),
        isNull(outbox.sentAt),
        isNull(outbox.failedAt),
        lte(outbox.nextAttemptAt, now),
      ),
    )
    .returning()
    .get();
}

/** Same row, same Message-ID on every attempt; the creation time guards against id reuse after a database reset. */
export function messageIdFor(message: Pick<OutboxMessage, "id" | "createdAt">, host: string): string {
  return `<outbox-${message.id}.${message.createdAt.getTime()}@${host}>`;
}

/** Error class and message, without addresses (SMTP replies often quote the recipient). */
function safeErrorText(error: unknown): string {
  const text =
    error instanceof Error ? `${error.name}: ${error.message}` : `Error: ${String(error)}`;
  return text
    .replace(/[^\s<>@"']+@[^\s<>@"']+/g, "[address]")
    .replace(/\s+/g, " ")
    .slice(0, MAX_ERROR_LENGTH);
}

/** nodemailer's error code and SMTP reply code: safe to log. */
function errorCodes(error: unknown): { code?: string; responseCode?: number } {
  if (typeof error !== "object" || error === null) return {};
  const { code, responseCode } = error as { code?: unknown; responseCode?: unknown };
  return {
    ...(typeof code === "string" ? { code: code.slice(0, 50) } : {}),
    ...(typeof responseCode === "number" ? { responseCode } : {}),
  };
}

export type OutboxWorker = { stop(): Promise<void> };

/**
 * Run `deliverDueMessages` every `intervalMs` (the next run is scheduled when the previous one
 * ends, so runs never overlap). Everything is caught and logged: e-mail trouble never takes
 * the server down. `stop()` cancels the timer and waits for a run in progress.
 */
export function startOutboxWorker(
  options: { intervalMs?: number; transport?: MailTransport; db?: Db } = {},
): OutboxWorker {
  const intervalMs = options.intervalMs ?? getConfig().outboxPollMs;
  let transport = options.transport;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const tick = async () => {
    try {
      transport ??= createMailTransport(getConfig());
      // The application clock: messages are queued with its time (CLOCK_OFFSET_MS moves it in tests).
      await deliverDueMessages({ db: options.db, transport, now: appNow() });
    } catch (error) {
      log.error("outbox_run_failed", errorCodes(error));
    }
  };

  const schedule = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      timer = undefined;
      running = tick().finally(() => {
        running = undefined;
        schedule(intervalMs);
      });
    }, delay);
    // A pending tick must not keep a process (a script, a test run) alive on its own.
    timer.unref();
  };

  schedule(0);
  log.info("outbox_worker_started", { intervalMs });

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await running;
      // Only close what the worker made itself; a transport passed in belongs to the caller.
      if (!options.transport) transport?.close?.();
    },
  };
}

export type OutboxHealth = {
  /** Neither sent nor given up. */
  pending: number;
  /** Age of the oldest pending message, or null when nothing is pending. */
  oldestPendingAgeMs: number | null;
  /** Given up (kept for an operator to look at). */
  failed: number;
};

export function outboxHealth(now: Date = appNow(), db: Db = getDb()): OutboxHealth {
  const pendingRow = db
    .select({ pending: count(), oldest: min(outbox.createdAt) })
    .from(outbox)
    .where(and(isNull(outbox.sentAt), isNull(outbox.failedAt)))
    .get();
  const failedRow = db
    .select({ failed: count() })
    .from(outbox)
    .where(isNotNull(outbox.failedAt))
    .get();
  const oldest = pendingRow?.oldest;
  return {
    pending: pendingRow?.pending ?? 0,
    oldestPendingAgeMs: oldest ? Math.max(0, now.getTime() - toMs(oldest)) : null,
    failed: failedRow?.failed ?? 0,
  };
}

// min() over a timestamp column may come back as a Date or as the raw integer.
function toMs(value: Date | number | string): number {
  return value instanceof Date ? value.getTime() : Number(value);
}

/** Sent messages hold addresses: they are kept 30 days (for delivery questions), then deleted. */
export const SENT_RETENTION_MS = 30 * 24 * 3_600_000;

export function purgeSentMessages(at: Date = appNow(), db: Db = getDb()): number {
  return db
    .delete(outbox)
    .where(and(isNotNull(outbox.sentAt), lte(outbox.sentAt, new Date(at.getTime() - SENT_RETENTION_MS))))
    .run().changes;
}
