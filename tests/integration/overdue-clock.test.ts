// A case left 25 hours (moved from tests/e2e/staff-clock.spec.ts): with the app clock moved on, it
// tops every queue with an "Overdue" tag, its page says to re-triage it, and the managers get one
// OVERDUE email, through a real SMTP server on loopback, naming the case by reference and link
// only. The reminder job is run directly, as often as wanted, instead of waiting for its timer.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as casePage from "~/routes/staff.cases.$caseId";
import * as queuePage from "~/routes/staff.cases._index";
import { now } from "~/services/app-clock.server";
import { resetConfigForTests } from "~/services/config.server";
import { createSmtpTransport } from "~/services/mailer.server";
import { deliverDueMessages } from "~/services/outbox.server";
import { sendClockReminders } from "~/services/staff-notifications.server";
import { createSession } from "~/services/staff-sessions.server";
import { startServices } from "~/services/startup.server";
import { submitTestCase } from "../support/cases";
import { renderPage, textOf } from "../support/render-route";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp";
import { insertStaff } from "../support/staff";

const HOURS_25 = 25 * 3_600_000;
const context = { cspNonce: "t", requestId: "overdue-test", clientIp: "127.0.0.1" };
let smtp: TestSmtpServer;

beforeAll(async () => {
  process.env.SUBMISSIONS_PER_IP_PER_HOUR = "1000";
  smtp = await startSmtpServer();
});
afterEach(() => {
  delete process.env.CLOCK_OFFSET_MS;
});
afterAll(async () => {
  await smtp?.close();
});

/** Runs the reminder job `times` over, then the outbox, into the SMTP server. */
async function remindAndDeliver(times: number) {
  for (let i = 0; i < times; i++) sendClockReminders(now());
  await deliverDueMessages({ transport: createSmtpTransport(smtp.url), now: now() });
}
const subjectOf = (m: TestSmtpServer["messages"][number]) => m.headers["subject"] ?? "";

describe("a case received 25 hours ago", () => {
  it("is first in the queue, tagged overdue, says so on its page, and the managers are emailed once", async () => {
    const { user: manager } = await insertStaff(["manager"], undefined, { email: `manager.${Date.now()}@force.example` });
    const late = await submitTestCase({ childName: "Lottie Latecase", subjectName: "Lenny Lurker" });

    // A 24-hour clock is not "due soon" the moment it starts: reminders come in its last quarter,
    // so however often the job runs now, nothing about this case goes to staff.
    await remindAndDeliver(3);
    expect(smtp.messages.filter((m) => subjectOf(m).includes(late.reference) && m.rcptTo.includes(manager.email))).toEqual([]);

    // 25 hours later; a new application, received "now": due in 24 hours, not overdue.
    process.env.CLOCK_OFFSET_MS = String(HOURS_25);
    const fresh = await submitTestCase({ childName: "Freya Freshcase" });
    // The manager signed in at the moved clock.
    const { setCookie } = await createSession(manager.id, "active", new Request("http://localhost:3000/staff"), "127.0.0.1", now());
    const cookie = setCookie.split(";")[0];
    const queue = async (query: string) => {
      const path = `/staff/cases${query}`;
      const data = await queuePage.loader({ request: new Request(`http://localhost:3000${path}`, { headers: { Cookie: cookie } }), params: {}, context });
      return { data, page: await renderPage(queuePage, data, path) };
    };

    const all = await queue("?queue=all_open");
    expect(all.data.rows.map((r) => r.reference)).toEqual([late.reference, fresh.reference]);
    const rows = [...all.page.querySelectorAll("main table tbody tr, table tbody tr")];
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain(late.reference);
    expect([...rows[0].querySelectorAll(".govuk-tag")].map((t) => t.textContent)).toContain("Overdue");
    expect(rows[1].textContent).toContain(fresh.reference);
    expect([...rows[1].querySelectorAll(".govuk-tag")].map((t) => t.textContent)).not.toContain("Overdue");
    // The default queue is the same list; sorted oldest first or by stage, the overdue case still leads.
    for (const query of ["", "?sort=received", "?sort=status", "?queue=unassigned"]) {
      expect((await queue(query)).data.rows[0]?.reference, query).toBe(late.reference);
    }
    // The overdue queue holds only the overdue case.
    expect((await queue("?queue=overdue")).data.rows.map((r) => r.reference)).toEqual([late.reference]);

    // The case page says so.
    const path = `/staff/cases/${late.caseId}`;
    const data = await casePage.loader({ request: new Request(`http://localhost:3000${path}`, { headers: { Cookie: cookie } }), params: { caseId: String(late.caseId) }, context });
    expect(textOf(await renderPage(casePage, data, path), ".govuk-warning-text")).toContain("This case is overdue. Re-triage it: check the child is safe while it waits.");

    // The OVERDUE email, through SMTP, to the manager: reference and link, nobody's name. Sent
    // once however often the job runs.
    await remindAndDeliver(4);
    const overdueSubject = `OVERDUE: immediate-risk check for ${late.reference}`;
    const overdue = smtp.messages.filter((m) => subjectOf(m) === overdueSubject && m.rcptTo.includes(manager.email));
    expect(overdue).toHaveLength(1);
    expect(overdue[0].text).toContain(late.reference);
    expect(overdue[0].text).toContain(`http://localhost:3000/staff/cases/${late.caseId}`);
    for (const text of ["Lottie Latecase", "Lenny Lurker", "Alex Applicant", "He is alone"]) expect(overdue[0].raw).not.toContain(text);
    await remindAndDeliver(3);
    expect(smtp.messages.filter((m) => subjectOf(m) === overdueSubject && m.rcptTo.includes(manager.email))).toHaveLength(1);
    // The new case is not overdue: no OVERDUE email for it.
    expect(smtp.messages.filter((m) => subjectOf(m).startsWith("OVERDUE") && subjectOf(m).includes(fresh.reference))).toEqual([]);
  });
});

describe("the server's own jobs", () => {
  it("send the OVERDUE email through SMTP when the service starts with its clock 25 hours on", async () => {
    const { user: manager } = await insertStaff(["manager"], undefined, { email: `jobs.manager.${Date.now()}@force.example` });
    const late = await submitTestCase();
    // As server.js starts it, with the clock moved on (CLOCK_OFFSET_MS) and mail to the SMTP server.
    process.env.CLOCK_OFFSET_MS = String(HOURS_25);
    process.env.SMTP_URL = smtp.url;
    resetConfigForTests();
    const services = await startServices();
    try {
      const subject = `OVERDUE: immediate-risk check for ${late.reference}`;
      await expect
        .poll(() => smtp.messages.filter((m) => subjectOf(m) === subject && m.rcptTo.includes(manager.email)).length, { timeout: 30_000 })
        .toBe(1);
    } finally {
      await services.stop();
      delete process.env.SMTP_URL;
      resetConfigForTests();
    }
  });
});
