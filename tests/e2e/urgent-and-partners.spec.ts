// Urgent means urgent, partners hear in time, and the return comes straight out (issue 11), in
// Chromium against a server of the test's own, with a real SMTP server on loopback (the proactive
// case's own page and queue row, (c), are checked in-process through their loaders:
// tests/integration/proactive.test.ts; the page is scanned with axe by staff-accessibility.spec.ts,
// "case: opened by staff"):
//
//   (a) "yes, danger now" says nothing has reached the police and links to tel:999; from an address
//       that has used its 5 submissions this hour (the production default, SUBMISSIONS_PER_IP_PER_HOUR
//       not raised for this server), an ordinary application is refused but the urgent one arrives,
//       urgent, with the 1-hour clock, first in every queue; with no reviewer on duty the duty
//       address gets the alert; an hour later the escalation arrives, and only once;
//   (b) a referral of suspected abuse: its clock shows on the case, the case is in the overdue
//       queue once it is late, the referral shows on the timeline, and the access log has a
//       disclosure row naming the agency;
//   (c) a proactive case never shows an interview stage, and is counted apart;
//   (d) statistics open on the current financial year, and the return CSV has one row per year.
//
// Why a server of its own: the address limit is held in the server's memory and the e2e server
// raises it (10,000) so the other specs can send many applications from 127.0.0.1; moving the
// clock needs a restart (CLOCK_OFFSET_MS). Staff sessions are injected into that server's database
// (own-server-sessions.ts), never signed in through the pages. No fixed waits: "only once" is
// shown by waiting for a later reminder run (which sends the overdue referral reminder after the
// escalation pass of the same run) and counting the escalations then.
import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from "../support/smtp";
import {
  acceptAndSend,
  caseIdOf,
  expect,
  expectNoAxeViolations,
  fillApplication,
  fillApplicationOverHttp,
  makeAnswers,
  pageAs,
  randomToken,
  sendApplication,
  setUpOwnServer,
  staffTest,
  staffTitle,
  startAppServer,
  submitApplicationOverHttp,
  withDbAt,
  type AppServer,
  type OwnServerAccount,
} from "./support";

const HOUR = 3_600_000;
const DUTY = `control.room.${randomToken(6).toLowerCase()}@force.example`;
const LIMIT = 5;

/** A server of the test's own (its data folder, restarted on a moved clock) and an SMTP server. */
type OwnServer = {
  smtp: TestSmtpServer;
  env: Record<string, string>;
  /** The server now running. */
  server: () => AppServer;
  /** Starts the server (stopping the one running) with the clock moved on by `offsetMs`. */
  startAt: (offsetMs: number) => Promise<AppServer>;
};

const test = staffTest.extend<{ own: OwnServer }>({
  own: async ({}, use, testInfo) => {
    const smtp = await startSmtpServer();
    const dataDir = path.resolve(`tests/.tmp/e2e-urgent-${randomToken(8).toLowerCase()}`);
    const env = { SMTP_URL: smtp.url, SUBMISSIONS_PER_IP_PER_HOUR: String(LIMIT), REMINDER_POLL_MS: "500", OUTBOX_POLL_MS: "250" };
    let server: AppServer | undefined;
    await use({
      smtp,
      env,
      server: () => server!,
      startAt: async (offsetMs) => {
        await server?.stop();
        server = await startAppServer({ dataDir, env: offsetMs ? { ...env, CLOCK_OFFSET_MS: String(offsetMs) } : env });
        return server;
      },
    });
    if (testInfo.status !== testInfo.expectedStatus) {
      await testInfo.attach("smtp-messages", { body: JSON.stringify(smtp.messages.map((m) => ({ to: m.rcptTo, subject: m.headers["subject"] })), null, 2), contentType: "application/json" });
      if (server) await testInfo.attach("server-output", { body: server.output(), contentType: "text/plain" });
    }
    await server?.stop();
    await smtp.close();
    if (!process.env.KEEP_E2E_DATA) fs.rmSync(dataDir, { recursive: true, force: true });
  },
});

const subjectOf = (m: ReceivedMail) => m.headers["subject"] ?? "";

async function waitForMail(smtp: TestSmtpServer, match: (m: ReceivedMail) => boolean, what: string): Promise<ReceivedMail> {
  let found: ReceivedMail | undefined;
  await expect.poll(() => (found = smtp.messages.find(match)) !== undefined, { timeout: 30_000, message: what }).toBe(true);
  return found!;
}

type CaseRow = { received_at: number; risk_check_due_at: number; urgent: number; urgent_reason: string | null; over_submission_limit: number; referral_due_at: number | null };
const caseRow = (server: AppServer, reference: string) =>
  withDbAt(server.dbPath, (db) => db.prepare("SELECT * FROM cases WHERE reference = ?").get(reference) as CaseRow);

/** The references on the first page of a queue, in order. */
async function queueOrder(page: Page, query: string): Promise<string[]> {
  await page.goto(`/staff/cases${query}`);
  await expect(page).toHaveTitle(/ – Cases – /);
  return page.locator("main table tbody tr th a, main table tbody tr td:first-child a").allInnerTexts();
}

/** A police officer opens a proactive case (right to be told) on the form; returns its id. */
async function openProactiveCase(police: Page): Promise<number> {
  await police.goto("/staff/cases/new");
  await police.getByRole("group", { name: "How did the case come in?" }).getByLabel("Proactive (started by police)").check();
  await police.getByRole("group", { name: "Is a child in danger now?" }).getByLabel("No", { exact: true }).check();
  await police.locator("#childName").fill(`Proactive Child ${randomToken(4)}`);
  await police.locator("#subjectName").fill(`Proactive Subject ${randomToken(4)}`);
  await police.getByRole("group", { name: "How does the subject have contact with the child?" }).getByRole("checkbox").first().check();
  await police.locator("#concern").fill("Police information: the subject has convictions and lives with the child.");
  await police.getByRole("button", { name: "Open the case" }).click();
  await expect(police).toHaveURL(/\/staff\/cases\/\d+$/);
  return Number(/\/staff\/cases\/(\d+)$/.exec(police.url())![1]);
}

test("urgent over the address limit, alerts and one escalation, a late referral logged as a disclosure, the statistics and the return", async ({ browser, freshPage, externalRequests, own }) => {
  test.setTimeout(600_000); // a ceiling, not a wait: three server starts and two clocks moved on, on a busy machine
  const { smtp } = own;
  let server = await own.startAt(0);
  let manager: OwnServerAccount;
  let reviewer: OwnServerAccount;
  [manager, reviewer] = await setUpOwnServer(server, { accounts: [["manager"], ["reviewer"]], dutyAddress: DUTY, reviewersOffDuty: true });

  // ---- (a) The address uses its five submissions; a sixth ordinary one is refused. ----
  const person = await freshPage({ baseURL: server.url });
  const ordinary: string[] = [];
  for (let i = 0; i < LIMIT; i++) ordinary.push(await submitApplicationOverHttp(person, makeAnswers()));
  // The sixth is answered over HTTP too, and sent from check answers in the browser.
  const other = await freshPage({ baseURL: server.url });
  await other.goto(await fillApplicationOverHttp(other, makeAnswers()));
  await acceptAndSend(other).click();
  await expect(other).toHaveURL(/\/apply\/too-many$/);

  // The same person, a child in danger now: the page is truthful and the numbers are tap-to-call.
  const answers = makeAnswers({ childInDanger: "Yes" });
  await fillApplication(person, answers, {
    onPage: async (step, p) => {
      if (step !== "call-999") return;
      await expect(p.getByRole("heading", { level: 1, name: "Call 999 now" })).toBeVisible();
      const main = (await p.locator("main").innerText()).toLowerCase();
      expect(main).toContain("nothing has been sent to the police yet");
      for (const claim of ["we have marked your application as urgent", "police know", "police have been told", "we have told"]) expect(main).not.toContain(claim);
      const call = p.getByRole("link", { name: "Call 999", exact: true });
      await expect(call).toHaveAttribute("href", "tel:999");
      await expect(p.getByRole("link", { name: "18000", exact: true })).toHaveAttribute("href", "tel:18000");
      await expectNoAxeViolations(p, "call 999");
    },
  });
  const urgentRef = await sendApplication(person);
  const urgent = caseRow(server, urgentRef);
  expect(urgent).toMatchObject({ urgent: 1, urgent_reason: "applicant_danger_now", over_submission_limit: 1 });
  expect(urgent.risk_check_due_at - urgent.received_at).toBe(HOUR);

  // First in every queue and sort, with its reason; the case page says why and shows the 1-hour clock.
  let staff = await pageAs(browser, server, manager, externalRequests);
  for (const query of ["", "?queue=all_open", "?queue=urgent", "?sort=received", "?sort=status", "?queue=all_open&sort=received"]) {
    const order = await queueOrder(staff, query);
    expect(order[0], query).toBe(urgentRef);
  }
  // The page shown (all open cases, oldest first): its top row gives the reason.
  const top = staff.locator("main table tbody tr").first();
  await expect(top).toContainText("Urgent");
  await expect(top).toContainText("The applicant said a child is in danger now");
  await expectNoAxeViolations(staff, "queue with an urgent case");
  const urgentId = caseIdOf(urgentRef, server.dbPath);
  await staff.goto(`/staff/cases/${urgentId}`);
  await expect(staff.locator(".govuk-warning-text").first()).toContainText("Urgent: The applicant said a child is in danger now");
  await expect(staff.getByText("Possible misuse: this urgent application was sent from an internet connection")).toBeVisible();
  const riskClock = staff.getByRole("row", { name: /Immediate-risk check/ });
  await expect(riskClock).toContainText(/Due in (59|60) minutes|Due in 1 hour/);
  await expect(riskClock.locator(".govuk-tag")).toHaveText("Due soon");
  await expect(staff.locator(".govuk-warning-text").first()).toContainText("The immediate-risk check has a short clock");
  await expectNoAxeViolations(staff, "urgent case page");

  // No reviewer on duty: the alert goes to the duty address (and the managers), never to the off-duty reviewer.
  // (One message per address.)
  const isAlert = (m: ReceivedMail) => subjectOf(m) === `URGENT case ${urgentRef}`;
  const alert = await waitForMail(smtp, (m) => isAlert(m) && m.rcptTo.includes(DUTY), "the urgent alert to the duty address");
  expect(alert.text).toContain("No reviewer is on duty");
  await waitForMail(smtp, (m) => isAlert(m) && m.rcptTo.includes(manager.email), "the urgent alert to the manager");
  const alerted = smtp.messages.filter(isAlert).flatMap((m) => m.rcptTo);
  expect(alerted).not.toContain(reviewer.email);
  expect(alerted.filter((a) => a === DUTY)).toHaveLength(1);
  for (const text of [answers.applicant.fullName, answers.subject.fullName, answers.children[0].fullName]) expect(alert.raw).not.toContain(text);

  // ---- (b) Abuse suspected on an ordinary case: the referral clock starts. ----
  const abuseRef = ordinary[0];
  const abuseId = caseIdOf(abuseRef, server.dbPath);
  await staff.goto(`/staff/cases/${abuseId}/risk-check`);
  const group = (legend: string) => staff.getByRole("group", { name: legend });
  await group("Is any child at immediate risk?").getByLabel("No", { exact: true }).check();
  await group("Action taken").getByLabel("No immediate action needed", { exact: true }).check();
  await group("Is abuse of a child suspected?").getByLabel("Yes", { exact: true }).check();
  await staff.getByRole("button", { name: "Save and continue to scope", exact: true }).click();
  await expect(staff).toHaveURL(new RegExp(`/staff/cases/${abuseId}/scope$`));
  await staff.goto(`/staff/cases/${abuseId}`);
  await expect(staff.getByRole("row", { name: /Referral to children's social care/ })).toBeVisible();
  const referralDue = caseRow(server, abuseRef).referral_due_at!;
  expect(referralDue).toBeGreaterThan(Date.now());
  await staff.context().close();

  // ---- An hour and a minute later: the escalation arrives. ----
  const start = Date.now();
  server = await own.startAt(61 * 60_000);
  const isEscalation = (m: ReceivedMail) => subjectOf(m) === `ESCALATION: urgent case ${urgentRef} not yet checked`;
  const escalation = await waitForMail(smtp, (m) => isEscalation(m) && m.rcptTo.includes(DUTY), "the escalation to the duty address");
  await waitForMail(smtp, (m) => isEscalation(m) && m.rcptTo.includes(manager.email), "the escalation to the manager");
  expect(escalation.text).toContain(`/staff/cases/${urgentId}`);

  // ---- Past the referral's due time (a later clock on the same data): the referral is late. ----
  const late = Math.max(referralDue - start + HOUR, 2 * HOUR);
  server = await own.startAt(late);
  // The reminder run that finds the referral overdue has already run its escalation pass: the
  // escalation was not sent again.
  await waitForMail(smtp, (m) => subjectOf(m) === `OVERDUE: referral to children's social care for ${abuseRef}`, "the overdue referral reminder");
  expect(smtp.messages.filter((m) => isEscalation(m) && m.rcptTo.includes(DUTY))).toHaveLength(1);

  // Sessions made at this server's clock.
  [manager, reviewer] = await setUpOwnServer(server, { accounts: [["manager"], ["reviewer"]] });
  staff = await pageAs(browser, server, manager, externalRequests);
  expect(await queueOrder(staff, "?queue=overdue")).toContain(abuseRef);
  await staff.goto(`/staff/cases/${abuseId}`);
  await expect(staff.getByRole("row", { name: /Referral to children's social care/ })).toContainText("Overdue");

  // The referral, recorded (late) from the case page.
  await staff.getByRole("button", { name: "Record a referral to a partner agency" }).click();
  await expect(staff).toHaveTitle(staffTitle("Record a referral"));
  await expectNoAxeViolations(staff, "referral form");
  await staff.getByRole("group", { name: "Which agency was the case referred to or shared with?" }).getByLabel("Children's social care", { exact: true }).check();
  await staff.getByLabel("Name of the local authority, force or organisation").fill("Leeds City Council");
  await staff.getByRole("group", { name: "How was it made?" }).getByLabel("Phone call", { exact: true }).check();
  await staff.getByLabel("What was shared").fill("The concern and the subject's name, for a strategy discussion.");
  await staff.getByRole("group", { name: "Is this a referral of suspected abuse?" }).getByLabel("Yes", { exact: true }).check();
  await staff.getByRole("button", { name: "Save the referral" }).click();
  await expect(staff).toHaveURL(new RegExp(`/staff/cases/${abuseId}$`));
  await expect(staff.locator(".app-timeline")).toContainText("Referral made to Children's social care (suspected abuse)");
  await expect(staff.getByRole("row", { name: /Referral to children's social care/ })).toContainText("Done");
  expect(await queueOrder(staff, "?queue=overdue")).not.toContain(abuseRef);

  // The access log: a disclosure row naming the agency.
  await staff.context().close();
  const [admin] = await setUpOwnServer(server, { accounts: [["manager"]] });
  const oversight = await pageAs(browser, server, admin, externalRequests);
  await oversight.goto("/staff/audit");
  await oversight.getByLabel("Case reference").fill(abuseRef);
  await oversight.getByLabel("Action").selectOption("disclosure");
  await oversight.getByRole("button", { name: "Search" }).click();
  const logRows = oversight.locator("main table tbody tr");
  await expect(logRows).toHaveCount(1);
  await expect(logRows.first()).toContainText("recipient: Children's social care (Leeds City Council)");
  await expectNoAxeViolations(oversight, "access log, disclosures");

  // ---- (c) A proactive case, opened by the police, for the figures (its pages: the test below). ----
  const police = await pageAs(browser, server, reviewer, externalRequests);
  await openProactiveCase(police);
  await police.context().close();

  // ---- (d) Statistics open on the current financial year; the proactive case is counted apart. ----
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date(Date.now() + late));
  const fy = Number(today.slice(5, 7)) >= 4 ? Number(today.slice(0, 4)) : Number(today.slice(0, 4)) - 1;
  await oversight.goto("/staff/statistics");
  await expect(oversight).toHaveTitle(staffTitle("Statistics"));
  await expect(oversight.getByRole("heading", { level: 2, name: `Financial year ${fy} to ${fy + 1}` })).toBeVisible();
  await expect(oversight.locator("#financial-years [aria-current=page]")).toHaveText(`${fy} to ${fy + 1} (to date)`);
  await expect(oversight.getByRole("row", { name: /^Applications received \(right to ask\)/ }).getByRole("cell").last()).toHaveText(String(LIMIT + 1));
  await expect(oversight.getByRole("row", { name: /^Right to be told cases \(proactive\)/ }).getByRole("cell").last()).toHaveText("1");
  const csc = oversight.getByRole("table", { name: "By agency" }).getByRole("row", { name: /^Children's social care/ });
  await expect(csc.getByRole("cell")).toHaveText(["1", "1", "0", "1"]);
  await expectNoAxeViolations(oversight, "statistics");

  const [download] = await Promise.all([oversight.waitForEvent("download"), oversight.getByRole("link", { name: /Annual Data Requirement return/ }).click()]);
  const rows = fs.readFileSync((await download.path())!, "utf8").trim().split("\r\n").map((line) => line.split(","));
  expect(rows[0]).toHaveLength(10);
  expect(rows.slice(1)).toEqual([[`${fy} to ${fy + 1}`, `${fy}-04-01`, today, "No (to date)", String(LIMIT + 1), "0", "0", "1", "0", "0"]]);
  await oversight.context().close();
});
