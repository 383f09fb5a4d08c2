// Bank holidays with real SQLite: seeding once, admins' changes with an audit row each (in the
// same transaction), the per-process cache, working-day clocks reading the table, and the admin
// page's loader and action called with real Requests, session cookies and form tokens.
import { and, desc, eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import * as page from "~/routes/staff.admin.bank-holidays";
import { verifyAuditChain } from "~/services/audit.server";
import {
  addBankHoliday,
  BankHolidayError,
  holidaySet,
  listBankHolidays,
  readSeedFile,
  removeBankHoliday,
  seedBankHolidaysIfEmpty,
} from "~/services/bank-holidays.server";
import { clockSettings, dueDatesFor } from "~/services/case-clocks.server";
import { getDb, schema } from "~/services/db.server";
import { setSetting } from "~/services/settings.server";
import { settled } from "../support/routes";
import { insertStaff, signedIn } from "../support/staff";

const PATH = "/staff/admin/bank-holidays";
const context = { cspNonce: "t", requestId: "bank-holidays-test", clientIp: "127.0.0.1" };

const bankHolidayAudits = () =>
  getDb()
    .select()
    .from(schema.auditLog)
    .where(and(eq(schema.auditLog.entityType, "setting"), eq(schema.auditLog.entityId, "bank_holidays")))
    .orderBy(desc(schema.auditLog.id))
    .all();

const rowOn = (date: string) =>
  getDb().select().from(schema.bankHolidays).where(eq(schema.bankHolidays.date, date)).get();

let staffId = 0;
beforeAll(async () => {
  staffId = (await insertStaff(["admin"])).user.id;
});

afterEach(() => {
  setSetting("clocks.dayCounting", "calendar", null);
});

describe("seeding", () => {
  it("fills an empty table from db/seed once, and never again", () => {
    const expected = readSeedFile();
    expect(expected.length).toBe(91);
    expect(getDb().select().from(schema.bankHolidays).all()).toEqual([]);

    expect(seedBankHolidaysIfEmpty()).toBe(91);
    expect(getDb().select().from(schema.bankHolidays).all()).toHaveLength(91);
    expect(listBankHolidays(2026).map((h) => [h.date, h.name])).toEqual([
      ["2026-01-01", "New Year’s Day"],
      ["2026-04-03", "Good Friday"],
      ["2026-04-06", "Easter Monday"],
      ["2026-05-04", "Early May bank holiday"],
      ["2026-05-25", "Spring bank holiday"],
      ["2026-08-31", "Summer bank holiday"],
      ["2026-12-25", "Christmas Day"],
      ["2026-12-28", "Boxing Day (substitute day)"],
    ]);
    expect(listBankHolidays(2022)).toHaveLength(10);
    expect(listBankHolidays(1999)).toEqual([]);
    expect(listBankHolidays()).toHaveLength(91);

    expect(seedBankHolidaysIfEmpty()).toBe(0);
    expect(getDb().select().from(schema.bankHolidays).all()).toHaveLength(91);
    expect(holidaySet().has("2026-12-28")).toBe(true);
    expect(holidaySet().size).toBe(91);
  });

  it("does not refill a table that has rows, even after admins' changes", () => {
    removeBankHoliday("2030-12-26", { kind: "staff", id: staffId });
    expect(seedBankHolidaysIfEmpty()).toBe(0);
    expect(rowOn("2030-12-26")).toBeUndefined();
    addBankHoliday({ date: "2030-12-26", name: "Boxing Day" }, { kind: "staff", id: staffId });
  });
});

describe("adding and removing", () => {
  it("adds a holiday with an audit row in the same transaction, and the cache sees it", () => {
    const before = bankHolidayAudits().length;
    expect(holidaySet().has("2027-12-24")).toBe(false);

    const added = addBankHoliday({ date: "2027-12-24", name: "  Christmas Eve  " }, { kind: "staff", id: staffId }, "req-add");
    expect(added).toEqual({ date: "2027-12-24", name: "Christmas Eve" });
    expect(rowOn("2027-12-24")).toEqual(added);
    expect(holidaySet().has("2027-12-24")).toBe(true);

    const audits = bankHolidayAudits();
    expect(audits).toHaveLength(before + 1);
    expect(audits[0]).toMatchObject({
      action: "alteration",
      actorKind: "staff",
      actorId: staffId,
      entityType: "setting",
      entityId: "bank_holidays",
      fields: ["bank_holidays"],
      requestId: "req-add",
    });
    // The audit row holds no value: not the date, not the name.
    expect(JSON.stringify(audits[0])).not.toMatch(/2027-12-24|Christmas Eve/);
  });

  it("refuses a second holiday on one date, an unreal date and a bad name, writing nothing", () => {
    const before = bankHolidayAudits().length;
    const actor = { kind: "staff" as const, id: staffId };
    const refused = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        expect(error).toBeInstanceOf(BankHolidayError);
        return (error as BankHolidayError).message;
      }
      throw new Error("expected a BankHolidayError");
    };
    expect(refused(() => addBankHoliday({ date: "2026-12-25", name: "Again" }, actor))).toBe(
      "There is already a bank holiday on that date",
    );
    expect(refused(() => addBankHoliday({ date: "2027-02-29", name: "Leap" }, actor))).toBe("Date must be a real date");
    expect(refused(() => addBankHoliday({ date: "1999-06-01", name: "Old" }, actor))).toBe("Date must be between 2000 and 2100");
    expect(refused(() => addBankHoliday({ date: "2027-06-01", name: "   " }, actor))).toBe("Enter the name of the bank holiday");
    expect(refused(() => addBankHoliday({ date: "2027-06-01", name: "x".repeat(101) }, actor))).toBe(
      "Name must be 100 characters or fewer",
    );
    expect(rowOn("2026-12-25")?.name).toBe("Christmas Day");
    expect(rowOn("2027-06-01")).toBeUndefined();
    expect(bankHolidayAudits()).toHaveLength(before);
  });

  it("removes a holiday with an audit row; removing a date with none changes nothing", () => {
    addBankHoliday({ date: "2028-06-02", name: "To remove" }, { kind: "staff", id: staffId });
    expect(holidaySet().has("2028-06-02")).toBe(true);
    const before = bankHolidayAudits().length;

    expect(removeBankHoliday("2028-06-02", { kind: "staff", id: staffId }, "req-remove")).toBe(true);
    expect(rowOn("2028-06-02")).toBeUndefined();
    expect(holidaySet().has("2028-06-02")).toBe(false);
    expect(bankHolidayAudits()).toHaveLength(before + 1);
    expect(bankHolidayAudits()[0]).toMatchObject({
      action: "alteration",
      actorId: staffId,
      entityType: "setting",
      entityId: "bank_holidays",
      fields: ["bank_holidays"],
      requestId: "req-remove",
    });

    expect(removeBankHoliday("2028-06-02", { kind: "staff", id: staffId })).toBe(false);
    expect(removeBankHoliday("not a date", { kind: "staff", id: staffId })).toBe(false);
    expect(bankHolidayAudits()).toHaveLength(before + 1);
    expect(verifyAuditChain()).toMatchObject({ ok: true });
  });

  it("is safe inside a caller's transaction (seeding nests as a savepoint)", () => {
    const dates = getDb().transaction((tx) => {
      tx.select().from(schema.bankHolidays).all();
      return holidaySet();
    }, { behavior: "immediate" });
    expect(dates.has("2026-04-03")).toBe(true);
  });
});

describe("clocks with this force's settings", () => {
  it("counts calendar days by default, and working days with the bank holidays in the table", () => {
    expect(clockSettings()).toEqual({ riskCheckHours: 24, urgentRiskCheckHours: 1, interviewDays: 10, decisionDays: 28, dayCounting: "calendar" });
    const t0 = new Date("2026-04-02T08:30:00Z"); // Thursday before Easter, 9:30am BST
    expect(dueDatesFor(t0)).toEqual({
      riskCheckDueAt: new Date("2026-04-03T08:30:00Z"),
      interviewDueAt: new Date("2026-04-12T08:30:00Z"),
      decisionDueAt: new Date("2026-04-30T08:30:00Z"),
    });

    setSetting("clocks.dayCounting", "working", null);
    setSetting("clocks.interviewDays", 1, null);
    try {
      expect(dueDatesFor(t0).interviewDueAt).toEqual(new Date("2026-04-07T08:30:00Z"));
      // An admin adds a one-off holiday: the next case's clock skips it too.
      addBankHoliday({ date: "2026-04-07", name: "One-off" }, { kind: "staff", id: staffId });
      expect(dueDatesFor(t0).interviewDueAt).toEqual(new Date("2026-04-08T08:30:00Z"));
      removeBankHoliday("2026-04-07", { kind: "staff", id: staffId });
      expect(dueDatesFor(t0).interviewDueAt).toEqual(new Date("2026-04-07T08:30:00Z"));
    } finally {
      setSetting("clocks.interviewDays", 10, null);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// The admin page
// ---------------------------------------------------------------------------------------------

type Session = { cookie: string; csrfToken: string };

/** Keeps the flash cookie a redirect sets, as a browser would. */
function cookiesAfter(session: Session, response: Response): string {
  const flash = response.headers.get("Set-Cookie")?.split(";")[0];
  return flash ? `${session.cookie}; ${flash}` : session.cookie;
}

function getPage(cookie: string, search = "") {
  const request = new Request(`http://localhost:3000${PATH}${search}`, { headers: { Cookie: cookie } });
  return settled(() => page.loader({ request, params: {}, context }));
}

function postPage(cookie: string, body: Record<string, string>, search = "") {
  const request = new Request(`http://localhost:3000${PATH}${search}`, {
    method: "POST",
    body: new URLSearchParams(body),
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
  });
  return settled(() => page.action({ request, params: {}, context })) as Promise<Response>;
}

type PageData = Awaited<ReturnType<typeof page.loader>>;

describe("the admin page", () => {
  let admin: Session;
  beforeAll(async () => {
    admin = await signedIn((await insertStaff(["admin"])).user.id);
  });

  it("lists a year's holidays and shows the clock settings", async () => {
    const data = (await getPage(admin.cookie, "?year=2026")) as PageData;
    expect(data.year).toBe(2026);
    expect(data.years).toEqual(expect.arrayContaining([2020, 2026, 2030]));
    expect(data.holidays.map((h) => h.label)).toContain("Friday 3 April 2026");
    expect(data.holidays).toHaveLength(8);
    expect(data.settings).toEqual({ riskCheckHours: 24, urgentRiskCheckHours: 1, interviewDays: 10, decisionDays: 28, dayCounting: "calendar" });
    expect(data.hasErrors).toBe(false);
  });

  it("adds a holiday (POST → 303 → GET with a confirmation), with an audit row", async () => {
    const response = await postPage(
      admin.cookie,
      { csrf: admin.csrfToken, intent: "add", dateDay: "24", dateMonth: "December", dateYear: "2029", name: "Christmas Eve" },
      "?year=2026",
    );
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe(`${PATH}?year=2029`);
    expect(rowOn("2029-12-24")).toEqual({ date: "2029-12-24", name: "Christmas Eve" });
    expect(bankHolidayAudits()[0]).toMatchObject({ action: "alteration", entityId: "bank_holidays", requestId: context.requestId });

    const data = (await getPage(cookiesAfter(admin, response), "?year=2029")) as PageData;
    expect(data.notice).toBe("Christmas Eve added on Monday 24 December 2029");
    expect(data.holidays.map((h) => h.date)).toContain("2029-12-24");
  });

  it("removes a holiday with the Remove button's post", async () => {
    addBankHoliday({ date: "2029-06-01", name: "To remove" }, { kind: "staff", id: staffId });
    const before = bankHolidayAudits().length;
    const response = await postPage(admin.cookie, { csrf: admin.csrfToken, intent: "remove", date: "2029-06-01" }, "?year=2029");
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe(`${PATH}?year=2029`);
    expect(rowOn("2029-06-01")).toBeUndefined();
    expect(bankHolidayAudits()).toHaveLength(before + 1);
    const data = (await getPage(cookiesAfter(admin, response), "?year=2029")) as PageData;
    expect(data.notice).toBe("Bank holiday on Friday 1 June 2029 removed");
  });

  it("sends errors back to the form once, keeping what was typed", async () => {
    const response = await postPage(
      admin.cookie,
      { csrf: admin.csrfToken, intent: "add", dateDay: "31", dateMonth: "2", dateYear: "2029", name: "" },
      "?year=2029",
    );
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe(`${PATH}?year=2029`);
    const cookie = cookiesAfter(admin, response);
    const data = (await getPage(cookie, "?year=2029")) as PageData;
    expect(data.hasErrors).toBe(true);
    expect(data.lastResult?.error).toMatchObject({
      date: ["The date of the bank holiday must be a real date"],
      name: ["Enter the name of the bank holiday"],
    });
    expect(data.lastResult?.initialValue).toMatchObject({ dateDay: "31", dateMonth: "2" });
    // Shown once: a reload is clean.
    expect(((await getPage(cookie, "?year=2029")) as PageData).hasErrors).toBe(false);

    const missing = await postPage(admin.cookie, { csrf: admin.csrfToken, intent: "add", dateDay: "", dateMonth: "", dateYear: "", name: "x".repeat(101) });
    const missingData = (await getPage(cookiesAfter(admin, missing))) as PageData;
    expect(missingData.lastResult?.error).toMatchObject({
      date: ["Enter the date of the bank holiday"],
      name: ["The name must be 100 characters or fewer"],
    });

    const early = await postPage(admin.cookie, { csrf: admin.csrfToken, intent: "add", dateDay: "1", dateMonth: "1", dateYear: "1990", name: "Old" });
    const earlyData = (await getPage(cookiesAfter(admin, early))) as PageData;
    expect(earlyData.lastResult?.error).toMatchObject({ date: ["The date of the bank holiday must be between 2000 and 2100"] });
  });

  it("says so when the date already has a bank holiday", async () => {
    const before = bankHolidayAudits().length;
    const response = await postPage(admin.cookie, {
      csrf: admin.csrfToken, intent: "add", dateDay: "25", dateMonth: "12", dateYear: "2026", name: "Another",
    });
    const data = (await getPage(cookiesAfter(admin, response))) as PageData;
    expect(data.lastResult?.error).toMatchObject({ date: ["There is already a bank holiday on that date"] });
    expect(rowOn("2026-12-25")?.name).toBe("Christmas Day");
    expect(bankHolidayAudits()).toHaveLength(before);
  });

  it.each(["reviewer", "manager"] as const)("refuses a %s with 403 (loader and action) and logs it", async (role) => {
    const { user } = await insertStaff([role]);
    const session = await signedIn(user.id);
    const got = await getPage(session.cookie);
    expect(got).toBeInstanceOf(Response);
    expect((got as Response).status).toBe(403);
    const posted = await postPage(session.cookie, { csrf: session.csrfToken, intent: "remove", date: "2026-12-25" });
    expect(posted.status).toBe(403);
    expect(rowOn("2026-12-25")).toBeDefined();
    const denied = getDb().select().from(schema.auditLog).where(eq(schema.auditLog.actorId, user.id)).orderBy(desc(schema.auditLog.id)).all();
    expect(denied).toHaveLength(2);
    expect(denied[0]).toMatchObject({ action: "access_denied", entityType: "route", entityId: PATH });
  });

  it("refuses an admin's post without the form token", async () => {
    const response = await postPage(admin.cookie, { intent: "remove", date: "2026-12-25" });
    expect(response.status).toBe(403);
    expect(rowOn("2026-12-25")).toBeDefined();
  });
});
