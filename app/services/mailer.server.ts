// How e-mail leaves the service. With SMTP_URL: an SMTP relay. Without it (development,
// tests, an offline install): each message is written as an .eml file under
// ${DATA_DIR}/mail/ so an operator can read it. The outbox (outbox.server.ts) decides
// what to send and when; this module only sends.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import nodemailer from "nodemailer";
import { machineNow } from "./app-clock.server";
import type { Config } from "./config.server";

/** One message, as the outbox hands it to a transport. */
export type OutgoingMail = {
  from: string;
  to: string;
  subject: string;
  text: string;
  /** Deterministic per outbox row, so a receiver can drop a duplicate delivery. */
  messageId: string;
  headers?: Record<string, string>;
  /** The outbox row: names the .eml file of the file transport. Not sent as a header. */
  outboxId?: number;
};

/**
 * What `deliverDueMessages` needs from a transport. A nodemailer transporter satisfies it,
 * and so does the object returned by `createMailTransport`.
 */
export type MailTransport = {
  sendMail(mail: OutgoingMail): Promise<unknown>;
  /** Closes pooled connections, if any. */
  close?(): void;
};

export const SMTP_TIMEOUT_MS = 10_000;

/** The SMTP relay when `smtpUrl` is set, otherwise the .eml file writer. */
export function createMailTransport(config: Pick<Config, "smtpUrl" | "dataDir">): MailTransport {
  return config.smtpUrl
    ? createSmtpTransport(config.smtpUrl)
    : createFileTransport(path.join(config.dataDir, "mail"));
}

/**
 * nodemailer's defaults wait minutes for a dead relay (2 min to connect, 10 min of socket
 * silence); we time out after ~10 s and let the outbox retry. Timeouts go in as URL query
 * options (nodemailer reads them from there) unless the URL already sets them.
 */
export function createSmtpTransport(smtpUrl: string): MailTransport {
  const url = new URL(smtpUrl);
  for (const key of ["connectionTimeout", "greetingTimeout", "socketTimeout"]) {
    if (!url.searchParams.has(key)) url.searchParams.set(key, String(SMTP_TIMEOUT_MS));
  }
  const transporter = nodemailer.createTransport(url.toString());
  return {
    sendMail: ({ outboxId: _outboxId, ...mail }) => transporter.sendMail(mail),
    close: () => transporter.close(),
  };
}

/**
 * Renders each message with nodemailer's stream transport and writes it to `dir` as
 * `<UTC time>-outbox-<id>.eml`. The recipient never appears in the file name. Files are
 * owner-only: they hold personal data.
 */
export function createFileTransport(dir: string): MailTransport {
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true });
  return {
    async sendMail({ outboxId, ...mail }) {
      const info = await transporter.sendMail(mail);
      const message = info.message;
      if (!Buffer.isBuffer(message)) throw new Error("stream transport did not return a buffer");
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      // File names sort in the order written (the machine clock, like the files' own times).
      const stamp = machineNow().toISOString().replace(/[-:.]/g, "");
      const id = outboxId !== undefined ? `outbox-${outboxId}` : `adhoc-${crypto.randomUUID()}`;
      const file = path.join(dir, `${stamp}-${id}.eml`);
      // Write then rename: a reader never sees half a message.
      const partial = `${file}.${process.pid}.partial`;
      fs.writeFileSync(partial, message, { mode: 0o600 });
      fs.renameSync(partial, file);
      return { messageId: info.messageId, file };
    },
    close: () => transporter.close(),
  };
}
