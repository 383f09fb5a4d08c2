// Clocks in real time: a server of the test's own, with a real SMTP server on loopback. An
// application is sent; the server is restarted 25 hours later (CLOCK_OFFSET_MS); the case is then
// overdue: it tops the queue with an "Overdue" tag, and the managers get an OVERDUE email that
// names the case by reference and link only.
import fs from "node:fs";
import path from "node:path";
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from "../support/smtp";
import {
  caseIdOf,
  demoAccount,
  expect,
  makeAnswers,
  randomToken,
  pageAs,
  setUpOwnServer,
  staffTest as test,
  startAppServer,
  submitApplicationOverHttp,
  type AppServer,
} from "./support";

const HOURS_25 = 25 * 3_600_000;
// The demo manager, there from the server's first start: one of the managers the reminder emails.
const MANAGER = demoAccount("manager");

let smtp: TestSmtpServer | undefined;
let server: AppServer | undefined;
const dataDir = path.resolve(`tests/.tmp/e2e-clock-${randomToken(8).toLowerCase()}`);

test.beforeAll(async () => {
  smtp = await startSmtpServer();
});

test.afterEach(async ({}, testInfo) => {
  // On failure: what the SMTP server got and what the server printed.
  if (testInfo.status !== testInfo.expectedStatus) {
    await testInfo.attach("smtp-messages", { body: JSON.stringify(smtp?.messages.map((m) => ({ to: m.rcptTo, subject: m.headers["subject"] })), null, 2), contentType: "application/json" });
    if (server) await testInfo.attach("server-output", { body: server.output(), contentType: "text/plain" });
  }
});

test.afterAll(async () => {
  await server?.stop();
  await smtp?.close();
  // KEEP_E2E_DATA=1 keeps the server's database and files for a look after a failure.
  if (!process.env.KEEP_E2E_DATA) fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Waits for a message the SMTP server received; returns it. */
async function waitForMail(match: (m: ReceivedMail) => boolean, what: string, timeout = 20_000): Promise<ReceivedMail> {
  let found: ReceivedMail | undefined;
  await expect.poll(() => (found = smtp!.messages.find(match)) !== undefined, { timeout, message: what }).toBe(true);
  return found!;
}

const subjectOf = (m: ReceivedMail) => m.headers["subject"] ?? "";

test("25 hours later the case is overdue: first in the queue, tagged, and the managers are emailed", async ({ browser, externalRequests, freshPage }) => {
  test.setTimeout(180_000);
  const env = { SMTP_URL: smtp!.url, REMINDER_POLL_MS: "500", OUTBOX_POLL_MS: "250" };

  // Now: an application sent to this server (over HTTP). Its acknowledgement goes through SMTP.
  server = await startAppServer({ dataDir, env });
  const before = await freshPage({ baseURL: server.url });
  const late = makeAnswers();
  const lateReference = await submitApplicationOverHttp(before, late);
  const ack = await waitForMail((m) => m.rcptTo.includes(late.contact.email!), "the acknowledgement email");
  expect(ack.text).toContain(lateReference);
  // A 24-hour clock is not "due soon" the moment it starts: reminders come in its last quarter,
  // so nothing about this case has gone to staff yet (several reminder runs have passed).
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  expect(smtp!.messages.filter((m) => subjectOf(m).includes(lateReference) && m.rcptTo.includes(MANAGER.email))).toEqual([]);
  await before.context().close();
  await server.stop();
  const firstServerOutput = server.output();
  expect(firstServerOutput).not.toMatch(/"level":"error"/);

  // 25 hours later: the same data, the clock moved on.
  server = await startAppServer({ dataDir, env: { ...env, CLOCK_OFFSET_MS: String(HOURS_25) } });
  const lateId = caseIdOf(lateReference, server.dbPath);

  // A new application, received "now": due in 24 hours, not overdue.
  const page = await freshPage({ baseURL: server.url });
  const fresh = makeAnswers();
  const freshReference = await submitApplicationOverHttp(page, fresh);

  // A manager of the test's own, signed in there (a session made at the server's moved clock).
  const [manager] = await setUpOwnServer(server, { accounts: [["manager"]] });
  const staff = await pageAs(browser, server, manager, externalRequests);
  await staff.goto("/staff/cases?queue=all_open");
  await expect(staff.getByRole("heading", { level: 2, name: "All open cases" })).toBeVisible();
  const rows = staff.locator("main table tbody tr");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0).getByRole("link", { name: lateReference, exact: true })).toBeVisible();
  await expect(rows.nth(0).locator(".govuk-tag", { hasText: "Overdue" })).toBeVisible();
  await expect(rows.nth(1).getByRole("link", { name: freshReference, exact: true })).toBeVisible();
  await expect(rows.nth(1).locator(".govuk-tag", { hasText: "Overdue" })).toHaveCount(0);
  // The default queue is the same list; sorted oldest first or by stage, the overdue case still leads.
  for (const query of ["", "?sort=received", "?sort=status", "?queue=unassigned"]) {
    await staff.goto(`/staff/cases${query}`);
    await expect(rows.nth(0).getByRole("link", { name: lateReference, exact: true }), query).toBeVisible();
  }
  // The overdue queue holds only the overdue case.
  await staff.goto("/staff/cases?queue=overdue");
  await expect(rows).toHaveCount(1);
  await expect(rows.nth(0).getByRole("link", { name: lateReference, exact: true })).toBeVisible();
  // The case page says so.
  await rows.nth(0).getByRole("link", { name: lateReference, exact: true }).click();
  await expect(staff).toHaveURL(new RegExp(`/staff/cases/${lateId}$`));
  await expect(staff.locator(".govuk-warning-text")).toContainText("This case is overdue. Re-triage it: check the child is safe while it waits.");

  // The OVERDUE email, through SMTP, to the manager: reference and link, nobody's name.
  const overdue = await waitForMail(
    (m) => subjectOf(m) === `OVERDUE: immediate-risk check for ${lateReference}` && m.rcptTo.includes(MANAGER.email),
    "the overdue email",
  );
  expect(overdue.text).toContain(lateReference);
  expect(overdue.text).toContain(`${server.url}/staff/cases/${lateId}`);
  expect(overdue.text).toMatch(/\/staff\/cases\/\d+/);
  for (const text of [late.children[0].fullName, late.subject.fullName, late.applicant.fullName, late.concern.split(" ")[0]]) {
    expect(overdue.raw).not.toContain(text);
  }
  // Sent once, however often the reminder job runs (every 500 ms here).
  await staff.waitForTimeout(2_000);
  expect(smtp!.messages.filter((m) => subjectOf(m) === `OVERDUE: immediate-risk check for ${lateReference}` && m.rcptTo.includes(MANAGER.email))).toHaveLength(1);
  // The new case is not overdue: no OVERDUE email for it.
  expect(smtp!.messages.filter((m) => subjectOf(m).startsWith("OVERDUE") && subjectOf(m).includes(freshReference))).toEqual([]);
});
