// The urgent and partner-agency drill of issue 11, in-process (moved from the browser test
// tests/e2e/urgent-and-partners.spec.ts, which keeps only the axe scans of the states it reaches):
// the whole app's pages (tests/support/rendered-app.ts) over a real SQLite file, mail through a real
// SMTP server on loopback, and the app clock moved on (CLOCK_OFFSET_MS) instead of restarting a
// server: the escalation is sent by the service's own jobs (startServices, as server.js starts it),
// the later reminder run is run directly.
//
//   the Call 999 page says nothing has reached the police and links to tel:999 and tel:18000;
//   from an address that has used its hourly submissions (the production default, 5), an ordinary
//   application is refused but the urgent one arrives: urgent, flagged, with the 1-hour clock,
//   first in every queue and sort; with no reviewer on duty the duty address and the managers get
//   the alert; an hour later one escalation, and a later run does not send it again;
//   abuse suspected at the risk check starts the referral clock: once late, the case is in the
//   overdue queue and its managers get the OVERDUE reminder; the referral recorded on its form
//   meets the clock, shows on the timeline and is an s.62 disclosure row naming the agency;
//   a proactive case is counted apart; the statistics open on the current financial year, and the
//   return CSV has one row for it with these figures.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { now } from "~/services/app-clock.server";
import { getConfig, resetConfigForTests } from "~/services/config.server";
import { getDb, getSqlite } from "~/services/db.server";
import { createSmtpTransport } from "~/services/mailer.server";
import { deliverDueMessages } from "~/services/outbox.server";
import { setSetting } from "~/services/settings.server";
import { sendClockReminders, sendUrgentEscalations } from "~/services/staff-notifications.server";
import { startServices } from "~/services/startup.server";
import {
  check,
  confirmedReference,
  fill,
  formOf,
  formRequest,
  group,
  link,
  squash,
  submit,
  walkApplication,
  type ShownPage,
} from "../support/application-forms";
import { submitTestCase } from "../support/cases";
import { HtmlBrowser } from "../support/rendered-app";
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from "../support/smtp";
import { insertStaff, signedIn } from "../support/staff";
import { makeAnswers } from "../e2e/support/test-data";

const HOUR = 3_600_000;
const DUTY = "control.room.drill@force.example";
/** One address for every application of the drill (TEST-NET-3). */
const ADDRESS = "203.0.113.211";
const STAFF_ROUTES = [
  "routes/staff.cases._index",
  "routes/staff.cases.$caseId",
  "routes/staff.cases.$caseId_.risk-check",
  "routes/staff.cases.$caseId_.referral",
  "routes/staff.cases.new",
  "routes/staff.audit._index",
  "routes/staff.statistics._index",
  "routes/staff.statistics.return[.]csv",
];

let smtp: TestSmtpServer;
type Staff = Awaited<ReturnType<typeof insertStaff>>["user"];
let manager: Staff;
let reviewer: Staff;

beforeAll(async () => {
  smtp = await startSmtpServer();
  manager = (await insertStaff(["manager"], undefined, { email: "drill.manager@force.example" })).user;
  reviewer = (await insertStaff(["reviewer"], undefined, { email: "drill.reviewer@force.example" })).user;
  // Nobody reviewing is on duty: the alert must still reach someone.
  getSqlite().prepare("UPDATE staff_users SET on_duty = 0").run();
  setSetting("alerts.dutyAddress", DUTY, null);
});
afterAll(async () => {
  delete process.env.CLOCK_OFFSET_MS;
  await smtp?.close();
});

const text = (node: ParentNode | null | undefined) => squash(node?.textContent);
const subjectOf = (m: ReceivedMail) => m.headers["subject"] ?? "";

/** The outbox sent through the SMTP server, as the server's outbox worker does. */
const deliver = () => deliverDueMessages({ transport: createSmtpTransport(smtp.url), now: now() });
/** One run of the server's reminder timer (startup.server.ts): escalations first, then the clocks. */
async function reminderRun() {
  sendUrgentEscalations(now());
  sendClockReminders(now());
  await deliver();
}

/** A member of staff signed in at the app's (moved) clock, with a browser without JavaScript. */
async function staffBrowser(user: Staff): Promise<HtmlBrowser> {
  const browser = new HtmlBrowser(undefined, STAFF_ROUTES);
  browser.setCookie((await signedIn(user.id)).cookie);
  return browser;
}

const caseOf = (reference: string) =>
  getDb()
    .query.cases.findFirst({ where: (c, { eq }) => eq(c.reference, reference) })
    .sync()!;

/** The references on a queue's first page, in order, and the page. */
async function queue(staff: HtmlBrowser, query: string): Promise<{ refs: string[]; shown: ShownPage }> {
  const shown = await staff.get(`/staff/cases${query}`);
  expect(shown.status, query).toBe(200);
  expect(shown.document.title).toMatch(/ – Cases – /);
  const refs = Array.from(shown.document.querySelectorAll("main table tbody tr th a, main table tbody tr td:first-child a")).map((a) =>
    text(a),
  );
  return { refs, shown };
}

/** The row of the case page's table of clocks for `clock`. */
const clockRow = (shown: ShownPage, clock: RegExp) =>
  Array.from(shown.document.querySelectorAll("main table tbody tr")).find((r) => clock.test(text(r.querySelector("th, td"))));

/** Opens a form page, sets its controls with `answer` and sends it with `button`. */
async function sendForm(browser: HtmlBrowser, path: string, button: string, answer: (form: HTMLFormElement) => void): Promise<ShownPage> {
  const shown = await browser.get(path);
  expect(shown.status, path).toBe(200);
  return submit(browser, shown, answer, button);
}

describe("an urgent application over the address limit, its alerts and one escalation, a late referral logged as a disclosure, and the figures", () => {
  it("works through, with the clock moved on between the reminder runs", async () => {
    const limit = getConfig().submissionsPerIpPerHour;
    expect(limit).toBe(5); // the production default: not raised for this drill

    // ---- The address uses its submissions; one more ordinary application is refused (its page,
    // /apply/too-many, and the answers kept: apply.test.ts). ----
    const ordinary: string[] = [];
    for (let i = 0; i < limit; i++) ordinary.push((await submitTestCase({ ip: ADDRESS })).reference);
    await expect(submitTestCase({ ip: ADDRESS })).rejects.toThrow(/rate-limited/);

    // ---- The same address, a child in danger now, on the pages: the Call 999 page is truthful and
    // tap-to-call, and the application is sent from check answers. ----
    const answers = makeAnswers({ childInDanger: "Yes" });
    const person = new HtmlBrowser(ADDRESS);
    const checkAnswers = await walkApplication(person, answers); // through the Call 999 page
    const call999 = await person.get("/apply/call-999");
    expect(call999.status).toBe(200);
    expect(text(call999.document.querySelector("main h1"))).toBe("Call 999 now");
    const said = text(call999.document.querySelector("main")).toLowerCase();
    expect(said).toContain("nothing has been sent to the police yet");
    for (const claim of ["we have marked your application as urgent", "police know", "police have been told", "we have told"])
      expect(said).not.toContain(claim);
    expect(link(call999, "Call 999").getAttribute("href")).toBe("tel:999");
    expect(link(call999, "18000").getAttribute("href")).toBe("tel:18000");

    const urgentRef = confirmedReference(await submit(person, checkAnswers, () => {}, "Accept and send"));
    const urgent = caseOf(urgentRef);
    expect(urgent).toMatchObject({ urgent: true, urgentReason: "applicant_danger_now", overSubmissionLimit: true });
    expect(urgent.riskCheckDueAt!.getTime() - urgent.receivedAt.getTime()).toBe(HOUR);

    // ---- First in every queue and sort, with its reason; the case page says why and shows the 1-hour clock. ----
    let staff = await staffBrowser(manager);
    let shownQueue: ShownPage | undefined;
    for (const query of ["", "?queue=all_open", "?queue=urgent", "?sort=received", "?sort=status", "?queue=all_open&sort=received"]) {
      const { refs, shown } = await queue(staff, query);
      expect(refs[0], query).toBe(urgentRef);
      shownQueue = shown;
    }
    // The page shown last (all open cases, oldest first): its top row gives the reason.
    const top = text(shownQueue!.document.querySelector("main table tbody tr"));
    expect(top).toContain("Urgent");
    expect(top).toContain("The applicant said a child is in danger now");

    const urgentPage = await staff.get(`/staff/cases/${urgent.id}`);
    expect(urgentPage.status).toBe(200);
    const firstWarning = text(urgentPage.document.querySelector("main .govuk-warning-text"));
    expect(firstWarning).toContain("Urgent: The applicant said a child is in danger now");
    expect(firstWarning).toContain("The immediate-risk check has a short clock");
    expect(text(urgentPage.document.querySelector("main"))).toContain(
      "Possible misuse: this urgent application was sent from an internet connection",
    );
    const riskClock = clockRow(urgentPage, /^Immediate-risk check/)!;
    expect(text(riskClock)).toMatch(/Due in (59|60) minutes|Due in 1 hour/);
    expect(text(riskClock.querySelector(".govuk-tag"))).toBe("Due soon");

    // ---- No reviewer on duty: the alert goes to the duty address and the managers, never to the off-duty reviewer. ----
    await deliver();
    const isAlert = (m: ReceivedMail) => subjectOf(m) === `URGENT case ${urgentRef}`;
    const alerts = smtp.messages.filter(isAlert);
    const alerted = alerts.flatMap((m) => m.rcptTo);
    expect(alerted).toEqual(expect.arrayContaining([DUTY, manager.email]));
    expect(alerted).not.toContain(reviewer.email);
    expect(alerted.filter((a) => a === DUTY)).toHaveLength(1);
    const alert = alerts.find((m) => m.rcptTo.includes(DUTY))!;
    expect(alert.text).toContain("No reviewer is on duty");
    for (const name of [answers.applicant.fullName, answers.subject.fullName, answers.children[0].fullName])
      expect(alert.raw).not.toContain(name);

    // ---- Abuse suspected on an ordinary case, on the risk-check form: the referral clock starts. ----
    const abuseRef = ordinary[0];
    const abuse = caseOf(abuseRef);
    const scope = await sendForm(staff, `/staff/cases/${abuse.id}/risk-check`, "Save and continue to scope", (form) => {
      check(group(form, "Is any child at immediate risk?"), "No");
      check(group(form, "Action taken"), "No immediate action needed");
      check(group(form, "Is abuse of a child suspected?"), "Yes");
    });
    expect(scope.path).toBe(`/staff/cases/${abuse.id}/scope`);
    expect(clockRow(await staff.get(`/staff/cases/${abuse.id}`), /^Referral to children's social care/)).toBeDefined();
    const referralDue = caseOf(abuseRef).referralDueAt!.getTime();
    expect(referralDue).toBeGreaterThan(now().getTime());

    // ---- An hour and a minute later, the service started as server.js starts it (its own reminder
    // timer and outbox worker, mail to the SMTP server): the escalation, to the duty address and the managers. ----
    process.env.CLOCK_OFFSET_MS = String(61 * 60_000);
    const isEscalation = (m: ReceivedMail) => subjectOf(m) === `ESCALATION: urgent case ${urgentRef} not yet checked`;
    const escalatedTo = () => smtp.messages.filter(isEscalation).flatMap((m) => m.rcptTo);
    process.env.SMTP_URL = smtp.url;
    resetConfigForTests();
    const services = await startServices();
    try {
      await expect.poll(() => [DUTY, manager.email].every((to) => escalatedTo().includes(to)), { timeout: 30_000 }).toBe(true);
    } finally {
      await services.stop();
      delete process.env.SMTP_URL;
      resetConfigForTests();
    }
    const escalation = smtp.messages.find((m) => isEscalation(m) && m.rcptTo.includes(DUTY))!;
    expect(escalation.text).toContain(`/staff/cases/${urgent.id}`);

    // ---- Past the referral's due time: the run that finds it late sends the reminder, and not the escalation again. ----
    process.env.CLOCK_OFFSET_MS = String(Math.max(referralDue - Date.now() + HOUR, 2 * HOUR));
    await reminderRun();
    const overdueReminder = smtp.messages.filter((m) => subjectOf(m) === `OVERDUE: referral to children's social care for ${abuseRef}`);
    expect(overdueReminder.flatMap((m) => m.rcptTo)).toContain(manager.email);
    expect(smtp.messages.filter((m) => isEscalation(m) && m.rcptTo.includes(DUTY))).toHaveLength(1);

    // Signed in at the moved clock.
    staff = await staffBrowser(manager);
    expect((await queue(staff, "?queue=overdue")).refs).toContain(abuseRef);
    const lateCase = await staff.get(`/staff/cases/${abuse.id}`);
    expect(text(clockRow(lateCase, /^Referral to children's social care/))).toContain("Overdue");

    // ---- The referral, recorded (late) from the case page's button, on its form. ----
    const button = Array.from(lateCase.document.querySelectorAll("main a.govuk-button")).find(
      (a) => text(a) === "Record a referral to a partner agency",
    )!;
    const form = await staff.get(button.getAttribute("href")!);
    expect(form.document.title).toMatch(/^Record a referral – /);
    const saved = await submit(
      staff,
      form,
      (f) => {
        check(group(f, "Which agency was the case referred to or shared with?"), "Children's social care");
        fill(f, "Name of the local authority, force or organisation", "Leeds City Council");
        check(group(f, "How was it made?"), "Phone call");
        fill(f, "What was shared", "The concern and the subject's name, for a strategy discussion.");
        check(group(f, "Is this a referral of suspected abuse?"), "Yes");
      },
      "Save the referral",
    );
    expect(saved.path).toBe(`/staff/cases/${abuse.id}`);
    expect(text(saved.document.querySelector(".app-timeline"))).toContain("Referral made to Children's social care (suspected abuse)");
    expect(text(clockRow(saved, /^Referral to children's social care/))).toContain("Done");
    expect((await queue(staff, "?queue=overdue")).refs).not.toContain(abuseRef);

    // ---- The access log: one disclosure row, naming the agency. ----
    const log = await staff.get("/staff/audit");
    const search = formOf(log, "Search");
    (search.querySelector<HTMLInputElement>("#case") ?? fail("no case field")).value = abuseRef;
    (search.querySelector<HTMLSelectElement>("#action") ?? fail("no action field")).value = "disclosure";
    const { action, body } = formRequest(log, search);
    const found = await staff.get(`${action}?${body}`);
    const rows = Array.from(found.document.querySelectorAll("main table tbody tr"));
    expect(rows).toHaveLength(1);
    expect(text(rows[0])).toContain("recipient: Children's social care (Leeds City Council)");

    // ---- A proactive case, opened by the police on the new-case form, for the figures. ----
    const police = await staffBrowser(reviewer);
    const opened = await sendForm(police, "/staff/cases/new", "Open the case", (f) => {
      check(group(f, "How did the case come in?"), "Proactive (started by police)");
      check(group(f, "Is a child in danger now?"), "No");
      (f.querySelector<HTMLInputElement>("#childName") ?? fail("no child name")).value = "Proactive Child";
      (f.querySelector<HTMLInputElement>("#subjectName") ?? fail("no subject name")).value = "Proactive Subject";
      group(f, "How does the subject have contact with the child?").querySelector<HTMLInputElement>("input[type=checkbox]")!.checked = true;
      (f.querySelector<HTMLTextAreaElement>("#concern") ?? fail("no concern")).value =
        "Police information: the subject has convictions and lives with the child.";
    });
    expect(opened.path).toMatch(/^\/staff\/cases\/\d+$/);

    // ---- Statistics open on the current financial year (by the moved clock); the proactive case is counted apart. ----
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(now());
    const fy = Number(today.slice(5, 7)) >= 4 ? Number(today.slice(0, 4)) : Number(today.slice(0, 4)) - 1;
    const stats = await staff.get("/staff/statistics");
    expect(stats.document.title).toMatch(/^Statistics – /);
    expect(Array.from(stats.document.querySelectorAll("main h2")).map((h) => text(h))).toContain(`Financial year ${fy} to ${fy + 1}`);
    expect(text(stats.document.querySelector("#financial-years [aria-current=page]"))).toBe(`${fy} to ${fy + 1} (to date)`);
    const figureRow = (scope: ParentNode, heading: RegExp) =>
      Array.from(scope.querySelectorAll("tr")).find((r) => heading.test(text(r.querySelector("th"))));
    const lastCell = (row: Element | undefined) => text(Array.from(row?.querySelectorAll("td") ?? []).at(-1));
    expect(lastCell(figureRow(stats.document, /^Applications received \(right to ask\)/))).toBe(String(limit + 1));
    expect(lastCell(figureRow(stats.document, /^Right to be told cases \(proactive\)/))).toBe("1");
    const byAgency = Array.from(stats.document.querySelectorAll("table")).find((t) => text(t.querySelector("caption")) === "By agency")!;
    expect(Array.from(figureRow(byAgency, /^Children's social care/)!.querySelectorAll("td")).map((td) => text(td))).toEqual([
      "1",
      "1",
      "0",
      "1",
    ]);

    // ---- The return, by its link: one row, this financial year to date. ----
    const returnLink = Array.from(stats.document.querySelectorAll("main a")).find((a) => /Annual Data Requirement return/.test(text(a)))!;
    const returned = await staff.request(returnLink.getAttribute("href")!);
    expect(returned.status).toBe(200);
    const csv = (await returned.text())
      .trim()
      .split("\r\n")
      .map((line) => line.split(","));
    expect(csv[0]).toHaveLength(10);
    expect(csv.slice(1)).toEqual([
      [`${fy} to ${fy + 1}`, `${fy}-04-01`, today, "No (to date)", String(limit + 1), "0", "0", "1", "0", "0"],
    ]);
  });
});

function fail(message: string): never {
  throw new Error(message);
}
