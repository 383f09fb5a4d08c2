// Attack: a failed form used to keep the whole posted body in form_flash. Now only the form's
// own fields are kept, each cut to its maximum, and purged rows give their space back.
import Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../db/client";
import * as applicantRoute from "~/routes/apply.applicant";
import * as signInRoute from "~/routes/staff.sign-in";
import { getConfig } from "~/services/config.server";
import { getSqlite, reclaimSpace } from "~/services/db.server";
import { purgeExpiredFlash } from "~/services/flash.server";
import { Browser, locationOf } from "../support/routes";

const flashRows = () => {
  const db = new Database(getConfig().databasePath, { readonly: true });
  try {
    return db.prepare("SELECT form_key AS formKey, result FROM form_flash").all() as Array<{ formKey: string; result: string }>;
  } finally {
    db.close();
  }
};

describe("failed form input kept for the next view", () => {
  it("keeps only the page's fields, each cut to the field's maximum, never unknown fields", async () => {
    const browser = new Browser("198.51.100.91");
    const body = new URLSearchParams({ fullName: "N".repeat(5_000), junk: "J".repeat(60_000) });
    for (let i = 0; i < 200; i++) body.append(`extra${i}`, "x".repeat(100));
    const response = await browser.post("/apply/applicant", applicantRoute.action, body);
    expect(response.status).toBe(303);
    expect(locationOf(response)).toBe("/apply/applicant");

    const row = flashRows().find((r) => r.formKey === "apply:applicant")!;
    const result = JSON.parse(row.result) as { initialValue: Record<string, unknown>; fields: string[]; intent?: unknown };
    expect(Object.keys(result.initialValue)).toEqual(["fullName"]);
    expect(result.initialValue.fullName).toBe("N".repeat(100));
    expect(result.fields.every((f) => !f.startsWith("extra") && f !== "junk")).toBe(true);
    expect(row.result.length).toBeLessThan(2_000);

    // The page still shows the error and what was kept.
    const page = await browser.get("/apply/applicant", applicantRoute.loader);
    const data = (await page.json()) as { hasErrors: boolean; lastResult: { error: Record<string, string[]> } };
    expect(data.hasErrors).toBe(true);
    expect(data.lastResult.error.fullName?.[0]).toMatch(/100 characters or fewer/);
  });

  it("drops conform's client-sent intent and state", async () => {
    const browser = new Browser("198.51.100.92");
    const body = new URLSearchParams({
      email: "",
      __intent__: JSON.stringify({ type: "validate", payload: { name: "x".repeat(50_000) } }),
      __state__: JSON.stringify({ validated: { y: true }, pad: "p".repeat(50_000) }),
    });
    await browser.post("/staff/sign-in", signInRoute.action, body);
    const row = flashRows().find((r) => r.formKey === signInRoute.FORM_KEY)!;
    expect(row.result).not.toContain("xxxxxxxxxx");
    expect(row.result).not.toContain("pppppppppp");
    expect(row.result.length).toBeLessThan(2_000);
  });
});

describe("space given back", () => {
  it("runs with auto_vacuum INCREMENTAL, and purging then reclaiming shrinks the file", async () => {
    const sqlite = getSqlite();
    expect(sqlite.pragma("auto_vacuum", { simple: true })).toBe(2);
    const insert = sqlite.prepare("INSERT INTO form_flash (token_hash, form_key, result, expires_at) VALUES (?, 'pad', ?, 0)");
    sqlite.transaction(() => {
      for (let i = 0; i < 400; i++) insert.run(`pad-${i}`, JSON.stringify("z".repeat(20_000)));
    })();
    sqlite.pragma("wal_checkpoint(TRUNCATE)");
    const pages = () => Number(sqlite.pragma("page_count", { simple: true }));
    const grown = pages();
    expect(purgeExpiredFlash(new Date(1))).toBeGreaterThanOrEqual(400);
    expect(Number(sqlite.pragma("freelist_count", { simple: true }))).toBeGreaterThan(1000);
    expect(reclaimSpace()).toBeGreaterThan(1000);
    expect(Number(sqlite.pragma("freelist_count", { simple: true }))).toBe(0);
    expect(pages()).toBeLessThan(grown - 1000);
  });
});

it("switches a database made before auto_vacuum to INCREMENTAL once, keeping its rows", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "csods-vacuum-"));
  const file = path.join(dir, "old.db");
  try {
    const old = new Database(file);
    old.pragma("journal_mode = WAL");
    old.exec("CREATE TABLE kept (x TEXT); INSERT INTO kept VALUES ('still here');");
    expect(old.pragma("auto_vacuum", { simple: true })).toBe(0);
    old.close();
    const { sqlite } = openDatabase(file);
    expect(sqlite.pragma("auto_vacuum", { simple: true })).toBe(2);
    expect(sqlite.prepare("SELECT x FROM kept").get()).toEqual({ x: "still here" });
    sqlite.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
