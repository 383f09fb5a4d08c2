// End-to-end support: Mail (.eml files written by the file transport).
import fs from "node:fs";
import path from "node:path";
import { expect } from "@playwright/test";
import { MAIL_DIR } from "./base";

export type Email = { file: string; raw: string; headers: string; body: string; to: string; subject: string };

function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  const input = text.replace(/=\r?\n/g, "");
  for (let i = 0; i < input.length; i++) {
    const hex = input.slice(i + 1, i + 3);
    if (input[i] === "=" && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(input[i], "utf8"));
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

/** Decodes RFC 2047 encoded words in a header value. */
function decodeHeader(value: string): string {
  return value.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_m, _charset, encoding: string, text: string) =>
    encoding.toUpperCase() === "B"
      ? Buffer.from(text, "base64").toString("utf8")
      : decodeQuotedPrintable(text.replace(/_/g, " ")),
  );
}

/** A minimal parser for the single-part text messages the service sends. */
export function parseEml(file: string, raw: string): Email {
  const split = raw.search(/\r?\n\r?\n/);
  const headers = raw.slice(0, split).replace(/\r?\n[ \t]+/g, " ");
  const rawBody = raw.slice(split).replace(/^\r?\n\r?\n/, "");
  const header = (name: string) =>
    decodeHeader(new RegExp(`^${name}:\\s*(.*)$`, "im").exec(headers)?.[1]?.trim() ?? "");
  const encoding = header("Content-Transfer-Encoding").toLowerCase();
  const body =
    encoding === "base64"
      ? Buffer.from(rawBody.replace(/\s+/g, ""), "base64").toString("utf8")
      : encoding === "quoted-printable"
        ? decodeQuotedPrintable(rawBody)
        : rawBody;
  return { file, raw, headers, body, to: header("To"), subject: header("Subject") };
}

export function readEmails(): Email[] {
  if (!fs.existsSync(MAIL_DIR)) return [];
  return fs
    .readdirSync(MAIL_DIR)
    .filter((name) => name.endsWith(".eml"))
    .sort()
    .map((name) => {
      const file = path.join(MAIL_DIR, name);
      return parseEml(file, fs.readFileSync(file, "utf8"));
    });
}

export function emailsTo(address: string): Email[] {
  return readEmails().filter((m) => m.to.toLowerCase().includes(address.toLowerCase()));
}

/** Polls the mail folder until a message to `address` arrives (the outbox runs every 250 ms). */
export async function waitForEmail(address: string, timeout = 15_000): Promise<Email> {
  let found: Email[] = [];
  await expect
    .poll(() => (found = emailsTo(address)).length, { timeout, message: `an email to ${address}` })
    .toBeGreaterThan(0);
  return found[0];
}
