// End-to-end support: A server of a test's own (for the clock offset, or to exhaust the sign-in throttle alone).
import { spawn } from "node:child_process";
import path from "node:path";
import { findFreePort } from "../../support/smtp";
import { E2E_SESSION_SECRET } from "./staff";
import { sleep } from "./totp";

export type AppServer = {
  url: string;
  port: number;
  dataDir: string;
  dbPath: string;
  env: Record<string, string>;
  /** The server's process id (to read its memory use from /proc). */
  pid: number;
  /** Everything the process printed. */
  output: () => string;
  stop: () => Promise<void>;
};

/**
 * Starts `node server.js` from the project root (the build made by the e2e web server) with
 * NODE_ENV=test and its own data folder; resolves when /healthz answers.
 */
export async function startAppServer(options: { dataDir: string; port?: number; env?: Record<string, string> }): Promise<AppServer> {
  const port = options.port ?? (await findFreePort());
  const url = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = {
    ...baseEnv(port, options.dataDir),
    SUBMISSIONS_PER_IP_PER_HOUR: "10000",
    OUTBOX_POLL_MS: "250",
    TOTP_TEST_CLOCK: "next-step",
    ...options.env,
  };
  const childEnv = serverEnv(env);
  const child = spawn(process.execPath, ["server.js"], {
    cwd: path.resolve("."),
    env: childEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 8_000);
      await exited;
      clearTimeout(timer);
    }
  };
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    // A ceiling for a loaded machine (under the 90-second hook timeout), not a wait.
    if (Date.now() - started > 80_000) {
      await stop();
      throw new Error(`server did not start in 80 s:\n${output}`);
    }
    await sleep(200);
  }
  return { url, port, dataDir: options.dataDir, dbPath: path.join(options.dataDir, "csods.db"), env, pid: child.pid!, output: () => output, stop };
}

function baseEnv(port: number, dataDir: string): Record<string, string> {
  return { NODE_ENV: "test", PORT: String(port), DATA_DIR: dataDir, APP_URL: `http://127.0.0.1:${port}`, SESSION_SECRET: E2E_SESSION_SECRET };
}

/** This process's environment with `env` on top: nothing of this process's own settings leaks into the server's. */
function serverEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const key of ["DATABASE_PATH", "CLOCK_OFFSET_MS", "SMTP_URL", "HOST", "TRUST_PROXY", "RATE_LIMITS", "REMINDER_POLL_MS", "FORCE_NAME", "TOTP_KEY", "TOTP_KEY_FILE", "BACKUP_DIR"]) {
    delete childEnv[key];
  }
  return Object.assign(childEnv, env);
}

/** Starts server.js with `env` (over the test defaults) when it must NOT start: resolves with its exit code and output. */
export async function refusedStart(options: { dataDir: string; env: Record<string, string> }): Promise<{ code: number | null; output: string }> {
  const port = await findFreePort();
  const child = spawn(process.execPath, ["server.js"], {
    cwd: path.resolve("."),
    env: serverEnv({ ...baseEnv(port, options.dataDir), ...options.env }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  // A ceiling for a loaded machine, not a wait: a refused start exits within a second or two.
  const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  clearTimeout(timer);
  return { code, output };
}
