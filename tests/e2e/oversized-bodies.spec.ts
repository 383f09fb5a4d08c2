// Attack: huge request bodies. Every body is counted as it arrives, chunked or not, and refused
// with 413 past 100 KB before anything parses it; memory stays flat and nothing is stored.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { test } from "@playwright/test";
import Database from "better-sqlite3";
// A server of its own, driven over HTTP: Playwright's own `test`, no browser.
import { expect, randomToken, startAppServer, type AppServer } from "./support";

const MB = 1024 * 1024;
const dataDir = path.resolve(`tests/.tmp/e2e-bodies-${randomToken(8).toLowerCase()}`);
let server: AppServer;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  server = await startAppServer({ dataDir });
  // The server loads its pages' code on their first request: those megabytes are not a body kept
  // in memory, so every page posted to below is fetched once before any memory is measured.
  for (const page of ["/apply/danger", "/apply/applicant", "/apply/concern", "/staff/sign-in"]) {
    const response = await fetch(`${server.url}${page}`);
    await response.arrayBuffer();
  }
});

test.afterAll(async () => {
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const rssMb = () => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${server.pid}/status`, "utf8"))![1]) / 1024;

function stored() {
  const db = new Database(server.dbPath, { readonly: true });
  try {
    const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    const size = ["", "-wal"].reduce((sum, suffix) => sum + (fs.statSync(server.dbPath + suffix, { throwIfNoEntry: false })?.size ?? 0), 0);
    return { flash: count("form_flash"), drafts: count("application_drafts"), audit: count("audit_log"), size };
  } finally {
    db.close();
  }
}

/** Streams `total` bytes of a form body; resolves with the status and when it arrived. */
function post(pathname: string, total: number, { chunked = true } = {}): Promise<{ status: number; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url };
    if (!chunked) headers["Content-Length"] = String(total);
    const request = http.request(`${server.url}${pathname}`, { method: "POST", headers });
    const chunk = Buffer.alloc(64 * 1024, "a");
    let sent = 0;
    let answered = false;
    request.on("response", (response) => {
      answered = true;
      resolve({ status: response.statusCode ?? 0, ms: performance.now() - started });
      response.resume();
    });
    // The whole body is sent even after the answer, as an attacker would; the server reads and drops it.
    request.on("error", (error) => (answered ? undefined : reject(error)));
    const write = () => {
      while (sent < total) {
        const piece = chunk.subarray(0, Math.min(chunk.length, total - sent));
        sent += piece.length;
        if (!request.write(piece)) return void request.once("drain", write);
      }
      request.end();
    };
    write();
  });
}

test("a 20 MB chunked POST is refused with 413 within a second, memory flat, database unchanged", async () => {
  for (const target of ["/apply/danger", "/staff/sign-in"]) {
    const before = stored();
    const rssBefore = rssMb();
    const { status, ms } = await post(target, 20 * MB);
    expect(status, target).toBe(413);
    expect(ms, target).toBeLessThan(1_000);
    expect(rssMb() - rssBefore, target).toBeLessThan(20);
    expect(stored(), target).toEqual(before);
  }
});

test("four 20 MB chunked POSTs at once: all refused, memory flat", async () => {
  const rssBefore = rssMb();
  const before = stored();
  const results = await Promise.all(["/apply/danger", "/apply/applicant", "/staff/sign-in", "/apply/concern"].map((p) => post(p, 20 * MB)));
  expect(results.map((r) => r.status)).toEqual([413, 413, 413, 413]);
  expect(rssMb() - rssBefore).toBeLessThan(20);
  expect(stored()).toEqual(before);
});

test("a declared 20 MB Content-Length is refused before the body is read", async () => {
  const { status } = await post("/apply/danger", 20 * MB, { chunked: false });
  expect(status).toBe(413);
});

test("a form under the limit, chunked, is read and answered as usual", async () => {
  const body = `childInDanger=no&padding=${"p".repeat(90 * 1024)}`;
  const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
    const request = http.request(
      `${server.url}/apply/danger`,
      {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url, "Transfer-Encoding": "chunked" },
      },
      resolve,
    );
    request.on("error", reject);
    request.write(body.slice(0, 1000));
    request.end(body.slice(1000));
  });
  response.resume();
  expect(response.statusCode).toBe(303);
  expect(response.headers.location).toBe("/apply/applicant");
});
