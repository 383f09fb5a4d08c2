import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { assertDurableSettings, openDatabase, UnsafeDatabaseSettingsError } from "../../db/client";
import * as dangerRoute from "~/routes/apply.danger";
import { ConfigError, loadConfig } from "~/services/config.server";
import { purgeExpiredDrafts } from "~/services/drafts.server";
import { getDb, schema } from "~/services/db.server";
import { toFormData } from "../support/answers";
import { Browser } from "../support/routes";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "csods-foundation-"));

describe("configuration", () => {
  it("names each bad variable in one clear message", () => {
    expect(() => loadConfig({ PORT: "eighty", SMTP_URL: "ftp://mail", MAIL_FROM: "nobody", DATA_DIR: tmp() })).toThrowError(
      ConfigError,
    );
    try {
      loadConfig({ PORT: "eighty", SMTP_URL: "ftp://mail", MAIL_FROM: "nobody", DATA_DIR: tmp() });
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toMatch(/PORT/);
      expect(message).toMatch(/SMTP_URL: must start with smtp:\/\/ or smtps:\/\//);
      expect(message).toMatch(/MAIL_FROM/);
    }
  });

  it("rejects a short SESSION_SECRET", () => {
    expect(() => loadConfig({ SESSION_SECRET: "short", DATA_DIR: tmp() })).toThrowError(/SESSION_SECRET: must be at least 32/);
  });

  it("has the embedded defaults, and generates the session secret once and keeps it", () => {
    const dir = tmp();
    const first = loadConfig({ DATA_DIR: dir });
    expect(first.port).toBe(3000);
    expect(first.databasePath).toBe(path.join(dir, "csods.db"));
    expect(first.appUrl).toBe("http://localhost:3000");
    expect(first.secureCookies).toBe(false);
    expect(first.sessionSecrets[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.statSync(path.join(dir, "session-secret")).mode & 0o777).toBe(0o600);
    expect(loadConfig({ DATA_DIR: dir }).sessionSecrets).toEqual(first.sessionSecrets);
  });

  it("uses secure cookies when the service is on https", () => {
    expect(loadConfig({ DATA_DIR: tmp(), APP_URL: "https://csods.example.police.uk/" }).secureCookies).toBe(true);
  });
});

describe("the database", () => {
  it("opens with WAL, synchronous FULL, foreign keys and a busy timeout, and is migrated", () => {
    const file = path.join(tmp(), "db", "x.db");
    const { sqlite } = openDatabase(file);
    expect(sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(sqlite.pragma("synchronous", { simple: true })).toBe(2);
    expect(sqlite.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(Number(sqlite.pragma("busy_timeout", { simple: true }))).toBeGreaterThanOrEqual(5000);
    const tables = sqlite.prepare("select name from sqlite_master where type = 'table'").all().map((r) => (r as { name: string }).name);
    expect(tables).toEqual(expect.arrayContaining(["cases", "case_people", "case_events", "application_drafts", "outbox"]));
    sqlite.close();
  });

  it("refuses to go on when a durability setting is not in force", () => {
    const sqlite = new Database(path.join(tmp(), "y.db"));
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = NORMAL");
    sqlite.pragma("busy_timeout = 100");
    expect(() => assertDurableSettings(sqlite)).toThrowError(UnsafeDatabaseSettingsError);
    expect(() => assertDurableSettings(sqlite)).toThrowError(/synchronous is 1.*busy_timeout is 100/);
    sqlite.close();
  });
});

describe("drafts", () => {
  afterEach(() => {
    delete process.env.CLOCK_OFFSET_MS;
  });

  it("expire after 24 hours: the person is told and starts again, and the purge deletes them", async () => {
    const browser = new Browser("192.0.2.10");
    await browser.post("/apply/danger", dangerRoute.action, toFormData({ childInDanger: "no" }));
    const before = getDb().select().from(schema.applicationDrafts).all().length;

    process.env.CLOCK_OFFSET_MS = String(24 * 60 * 60 * 1000 + 1000);
    const page = (await (await browser.get("/apply/danger", dangerRoute.loader)).json()) as { expired: boolean; values: unknown };
    expect(page.expired).toBe(true);
    expect(page.values).toBeUndefined();

    const purged = purgeExpiredDrafts();
    expect(purged).toBeGreaterThanOrEqual(1);
    expect(getDb().select().from(schema.applicationDrafts).all().length).toBe(before - purged);
  });

  it("are not purged while still in date", async () => {
    const browser = new Browser("192.0.2.11");
    await browser.post("/apply/danger", dangerRoute.action, toFormData({ childInDanger: "no" }));
    const page = (await (await browser.get("/apply/danger", dangerRoute.loader)).json()) as { values: unknown };
    expect(page.values).toEqual({ childInDanger: "no" });
    expect(purgeExpiredDrafts()).toBe(0);
  });
});
