// A real SMTP server for integration tests (smtp-server on 127.0.0.1), keeping every
// message it accepts, plus a helper to find a port nobody listens on.
import net from "node:net";
import { SMTPServer } from "smtp-server";

export type ReceivedMail = {
  /** Envelope recipients (RCPT TO). */
  rcptTo: string[];
  mailFrom: string | undefined;
  /** Header names lower-cased, folded lines joined. */
  headers: Record<string, string>;
  /** Body, with quoted-printable undone. */
  text: string;
  raw: string;
};

export type TestSmtpServer = {
  port: number;
  url: string;
  messages: ReceivedMail[];
  close(): Promise<void>;
};

export async function startSmtpServer(port = 0): Promise<TestSmtpServer> {
  const messages: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    closeTimeout: 500,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("error", callback);
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const envelope = session.envelope;
        messages.push({
          ...parseMessage(raw),
          raw,
          rcptTo: envelope.rcptTo.map((r) => r.address),
          mailFrom: envelope.mailFrom ? envelope.mailFrom.address : undefined,
        });
        callback();
      });
    },
  });
  const actualPort = await new Promise<number>((resolve, reject) => {
    server.on("error", reject);
    const listener = server.listen(port, "127.0.0.1", () => {
      const address = listener.address();
      if (address && typeof address === "object") resolve(address.port);
      else reject(new Error("SMTP server has no port"));
    });
  });
  return {
    port: actualPort,
    url: `smtp://127.0.0.1:${actualPort}`,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port that was free a moment ago (bound to port 0, then released). */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      if (!address || typeof address !== "object") return reject(new Error("no port"));
      probe.close(() => resolve(address.port));
    });
  });
}

function parseMessage(raw: string): { headers: Record<string, string>; text: string } {
  const split = raw.indexOf("\r\n\r\n");
  const head = split === -1 ? raw : raw.slice(0, split);
  const body = split === -1 ? "" : raw.slice(split + 4);
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r\n[ \t]+/g, " ").split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const encoding = (headers["content-transfer-encoding"] ?? "").toLowerCase();
  const text =
    encoding === "quoted-printable"
      ? Buffer.from(
          body
            .replace(/=\r\n/g, "")
            .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
          "latin1",
        ).toString("utf8")
      : body;
  return { headers, text: text.replace(/\r\n$/, "") };
}
