// The outbox end to end with real parts: the SQLite database of this test file (see
// tests/support/setup-env.ts), nodemailer, and a real SMTP server on 127.0.0.1.
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { cases, outbox } from "../../db/schema";
import { getConfig } from "~/services/config.server";
import { getDb } from "~/services/db.server";
import { createMailTransport, createSmtpTransport } from "~/services/mailer.server";
import {
  CLAIM_LEASE_MS,
  deliverDueMessages,
  enqueueEmail,
  InvalidEmailError,
  outboxHealth,
  startOutboxWorker,
} from "~/services/outbox.server";
import { findFreePort, startSmtpServer, type TestSmtpServer } from "../support/smtp";

const HOUR = 60 * 60 * 1000;
const T0 = new Date("2025-03-01T09:00:00.000Z");

let smtp: TestSmtpServer;

beforeAll(async () => {
  smtp = await startSmtpServer();
});

afterAll(async () => {
  await smtp?.close();
});

beforeEach(() => {
  getDb().delete(outbox).run();
  smtp.messages.length = 0;
});

function row(id: number) {
  const found = getDb().select().from(outbox).where(eq(outbox.id, id)).get();
  if (!found) throw new Error(`outbox row ${id} missing`);
  return found;
}

function enqueue(overrides: Partial<Parameters<typeof enqueueEmail>[1]> = {}): number {
  return enqueueEmail(getDb(), {
    kind: "application_acknowledgement",
    to: "applicant@example.org",
    subject: "We have received your application",
    text: "Your reference is ABC123.\nWe will contact you.",
    now: T0,
    ...overrides,
  });
}

describe("outbox", () => {
  it("delivers a message enqueued in the same transaction as the change, and marks it sent", async () => {
    const db = getDb();
    const id = db.transaction((tx) => {
      tx.insert(cases)
        .values({
          reference: "TESTREF1",
          channel: "online",
          receivedAt: T0,
          contactTypes: ["family"],
          concern: "test",
          createdAt: T0,
          updatedAt: T0,
        })
        .run();
      return enqueueEmail(tx, {
        kind: "application_acknowledgement",
        to: "applicant@example.org",
        subject: "We have received your application TESTREF1",
        text: "Your reference is TESTREF1.\nWe will contact you within 10 working days.",
        now: T0,
      });
    });

    const counts = await deliverDueMessages({
      transport: createSmtpTransport(smtp.url),
      now: new Date(T0.getTime() + 1000),
    });

    expect(counts).toEqual({ sent: 1, failed: 0, retried: 0 });
    expect(smtp.messages).toHaveLength(1);
    const mail = smtp.messages[0];
    expect(mail.rcptTo).toEqual(["applicant@example.org"]);
    expect(mail.mailFrom).toBe(getConfig().mailFrom);
    expect(mail.headers.to).toBe("applicant@example.org");
    expect(mail.headers.subject).toBe("We have received your application TESTREF1");
    expect(mail.headers["message-id"]).toBe(`<outbox-${id}.${T0.getTime()}@localhost>`);
    expect(mail.headers["auto-submitted"]).toBe("auto-generated");
    expect(mail.text).toBe(
      "Your reference is TESTREF1.\r\nWe will contact you within 10 working days.",
    );

    const after = row(id);
    expect(after.sentAt?.getTime()).toBe(T0.getTime() + 1000);
    expect(after.attempts).toBe(1);
    expect(after.failedAt).toBeNull();

    // Sent messages are not sent again.
    const again = await deliverDueMessages({
      transport: createSmtpTransport(smtp.url),
      now: new Date(T0.getTime() + 2 * HOUR),
    });
    expect(again).toEqual({ sent: 0, failed: 0, retried: 0 });
    expect(smtp.messages).toHaveLength(1);
  });

  it("writes no message when the transaction that announces the change rolls back", () => {
    const db = getDb();
    expect(() =>
      db.transaction((tx) => {
        enqueueEmail(tx, {
          kind: "application_acknowledgement",
          to: "applicant@example.org",
          subject: "Never sent",
          text: "x",
          now: T0,
        });
        throw new Error("change failed");
      }),
    ).toThrow("change failed");
    expect(db.select().from(outbox).all()).toHaveLength(0);
  });

  it("retries with backoff while the SMTP server is down and delivers exactly once when it is back", async () => {
    const port = await findFreePort();
    const transport = createSmtpTransport(`smtp://127.0.0.1:${port}`);
    const id = enqueue();

    const first = await deliverDueMessages({ transport, now: T0 });
    expect(first).toEqual({ sent: 0, failed: 0, retried: 1 });
    let state = row(id);
    expect(state.attempts).toBe(1);
    expect(state.sentAt).toBeNull();
    expect(state.failedAt).toBeNull();
    expect(state.nextAttemptAt.getTime()).toBe(T0.getTime() + 30_000);
    expect(state.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(state.lastError).not.toContain("applicant@example.org");

    // Not due yet: nothing happens before the backoff has passed.
    expect(await deliverDueMessages({ transport, now: new Date(T0.getTime() + 10_000) })).toEqual({
      sent: 0,
      failed: 0,
      retried: 0,
    });
    expect(row(id).attempts).toBe(1);

    const late = await startSmtpServer(port);
    try {
      const second = await deliverDueMessages({ transport, now: new Date(T0.getTime() + 31_000) });
      expect(second).toEqual({ sent: 1, failed: 0, retried: 0 });
      state = row(id);
      expect(state.sentAt?.getTime()).toBe(T0.getTime() + 31_000);
      expect(state.attempts).toBe(2);
      expect(state.lastError).toBeNull();

      for (const offset of [CLAIM_LEASE_MS + 60_000, 2 * HOUR, 80 * HOUR]) {
        expect(
          await deliverDueMessages({ transport, now: new Date(T0.getTime() + offset) }),
        ).toEqual({ sent: 0, failed: 0, retried: 0 });
      }
      expect(late.messages).toHaveLength(1);
      expect(late.messages[0].headers.subject).toBe("We have received your application");
    } finally {
      await late.close();
    }
  });

  it("doubles the retry delay per failed attempt, capped at one hour", async () => {
    const port = await findFreePort();
    const transport = createSmtpTransport(`smtp://127.0.0.1:${port}`);
    const id = enqueue();
    const delays: number[] = [];
    let now = T0;
    for (let i = 0; i < 9; i++) {
      await deliverDueMessages({ transport, now });
      const next = row(id).nextAttemptAt;
      delays.push(next.getTime() - now.getTime());
      now = next;
    }
    expect(delays).toEqual([
      30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000, HOUR, HOUR,
    ]);
    expect(row(id).attempts).toBe(9);
  });

  it("rejects header injection and anything but one valid address", () => {
    for (const subject of [
      "Hello\r\nBcc: victim@example.org",
      "Hello\nBcc: victim@example.org",
      "Hello\rX-Injected: 1",
      "",
    ]) {
      expect(() => enqueue({ subject })).toThrow(InvalidEmailError);
    }
    for (const to of [
      "not-an-address",
      "a@example.org, b@example.org",
      "a@example.org;b@example.org",
      "a@example.org b@example.org",
      "a@example.org\r\nBcc: b@example.org",
      "Someone <a@example.org>",
      "",
    ]) {
      expect(() => enqueue({ to })).toThrow(InvalidEmailError);
    }
    expect(getDb().select().from(outbox).all()).toHaveLength(0);
  });

  it("writes an .eml file under DATA_DIR/mail when no SMTP_URL is configured", async () => {
    const config = getConfig();
    expect(config.smtpUrl).toBeUndefined();
    const id = enqueue({ subject: "File transport subject line" });

    const counts = await deliverDueMessages({ transport: createMailTransport(config), now: T0 });
    expect(counts).toEqual({ sent: 1, failed: 0, retried: 0 });

    const dir = path.join(config.dataDir, "mail");
    const files = fs.readdirSync(dir).filter((f) => f.endsWith(`-outbox-${id}.eml`));
    expect(files).toHaveLength(1);
    expect(files[0]).not.toContain("applicant");
    const content = fs.readFileSync(path.join(dir, files[0]), "utf8");
    expect(content).toContain("Subject: File transport subject line");
    expect(content).toContain("To: applicant@example.org");
    expect(content).toContain("Your reference is ABC123.");
    expect(row(id).sentAt).not.toBeNull();
  });

  it("gives up (failedAt) on a message older than 72 hours instead of retrying forever", async () => {
    const port = await findFreePort();
    const transport = createSmtpTransport(`smtp://127.0.0.1:${port}`);
    const now = new Date(T0.getTime() + 73 * HOUR);
    const id = enqueue({ now: T0 });
    // A younger message that fails at the same time is retried, not given up.
    const young = enqueue({ now: new Date(now.getTime() - HOUR) });

    const counts = await deliverDueMessages({ transport, now });
    expect(counts).toEqual({ sent: 0, failed: 1, retried: 1 });
    const state = row(id);
    expect(state.failedAt?.getTime()).toBe(now.getTime());
    expect(state.attempts).toBe(1);
    expect(state.sentAt).toBeNull();
    expect(row(young).failedAt).toBeNull();

    // A failed message is never picked up again.
    await deliverDueMessages({ transport: createSmtpTransport(smtp.url), now: new Date(now.getTime() + 2 * HOUR) });
    expect(row(id).attempts).toBe(1);
    expect(row(id).sentAt).toBeNull();
    expect(smtp.messages).toHaveLength(1); // only the young one
    expect(outboxHealth(new Date(now.getTime() + 2 * HOUR))).toEqual({
      pending: 0,
      oldestPendingAgeMs: null,
      failed: 1,
    });
  });

  it("sends a message once when two runs overlap", async () => {
    const transport = createSmtpTransport(smtp.url);
    enqueue();
    enqueue({ subject: "Second message" });
    const [a, b] = await Promise.all([
      deliverDueMessages({ transport, now: T0 }),
      deliverDueMessages({ transport, now: T0 }),
    ]);
    expect(a.sent + b.sent).toBe(2);
    expect(smtp.messages).toHaveLength(2);
    expect(new Set(smtp.messages.map((m) => m.headers["message-id"])).size).toBe(2);
  });

  it("reports pending messages and the age of the oldest", () => {
    expect(outboxHealth(T0)).toEqual({ pending: 0, oldestPendingAgeMs: null, failed: 0 });
    enqueue({ now: new Date(T0.getTime() - 5 * 60_000) });
    enqueue({ now: T0 });
    expect(outboxHealth(T0)).toEqual({ pending: 2, oldestPendingAgeMs: 5 * 60_000, failed: 0 });
  });

  it("runs in the background, survives a broken transport, and stops", async () => {
    let calls = 0;
    const broken = {
      sendMail: async () => {
        calls++;
        throw new Error("relay exploded");
      },
    };
    enqueue({ now: new Date() });
    const failing = startOutboxWorker({ intervalMs: 20, transport: broken });
    await waitFor(() => calls > 0);
    await failing.stop();
    expect(getDb().select().from(outbox).get()?.attempts).toBe(1);

    getDb().delete(outbox).run();
    const id = enqueue({ now: new Date() });
    const worker = startOutboxWorker({ intervalMs: 20, transport: createSmtpTransport(smtp.url) });
    try {
      await waitFor(() => smtp.messages.length > 0);
      await waitFor(() => row(id).sentAt !== null);
    } finally {
      await worker.stop();
    }
    expect(smtp.messages).toHaveLength(1);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("sent message retention", () => {
  it("deletes sent messages after 30 days and keeps unsent and recent ones", async () => {
    const { purgeSentMessages, SENT_RETENTION_MS } = await import("~/services/outbox.server");
    const db = getDb();
    const at = new Date();
    const old = enqueueEmail(db, { kind: "retention_test", to: "old@example.org", subject: "Old", text: "x", now: at });
    const recent = enqueueEmail(db, { kind: "retention_test", to: "recent@example.org", subject: "Recent", text: "x", now: at });
    const unsent = enqueueEmail(db, { kind: "retention_test", to: "unsent@example.org", subject: "Unsent", text: "x", now: at });
    db.update(outbox).set({ sentAt: new Date(at.getTime() - SENT_RETENTION_MS - 1000) }).where(eq(outbox.id, old)).run();
    db.update(outbox).set({ sentAt: new Date(at.getTime() - 1000) }).where(eq(outbox.id, recent)).run();
    expect(purgeSentMessages(at)).toBeGreaterThanOrEqual(1);
    const left = db.select({ id: outbox.id }).from(outbox).all().map((r) => r.id);
    expect(left).not.toContain(old);
    expect(left).toEqual(expect.arrayContaining([recent, unsent]));
  });
});
