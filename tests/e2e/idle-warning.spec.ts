// No lost work (issue 12): two minutes before the idle timeout a warning appears; "Stay signed in"
// keeps the session and everything typed on the page. Without JavaScript the warning is a page of
// its own. Browser timers run on Playwright's clock: no real waiting. The application is sent over
// HTTP in the test's own browser context, which then carries the reviewer's injected session.
import { formOf, formRequest } from "../support/application-forms";
import {
  caseIdOf,
  E2E_BASE_URL,
  expect,
  expectNoAxeViolations,
  injectSession,
  makeAnswers,
  openCase,
  randomToken,
  sessionById,
  sessionIdOf,
  staffTest as test,
  staffTitle,
  submitApplicationOverHttp,
} from "./support";
import { recordingTransport } from "./support/public-http";

test.describe.configure({ timeout: 180_000 });

test("an idle warning appears before the timeout, and 'stay signed in' keeps the typed text", async ({ page, context, account }) => {
  const reference = await submitApplicationOverHttp(page, makeAnswers());
  const caseId = caseIdOf(reference);
  await injectSession(context, await account("reviewer"));
  const reviewer = page;
  await reviewer.clock.install();
  await openCase(reviewer, caseId);

  const note = `Typed but not saved ${randomToken()}`;
  await reviewer.getByLabel("Add a note").fill(note);
  const dialog = reviewer.getByRole("dialog", { name: "You are about to be signed out" });
  await expect(dialog).toBeHidden();

  // The idle timeout is 15 minutes; the warning comes 2 minutes before (and 30 seconds early, as
  // activity is recorded at most every 30 seconds).
  await reviewer.clock.fastForward("12:00");
  await expect(dialog).toBeHidden();
  await reviewer.clock.fastForward("00:31");
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("we will sign you out in 2 minutes");
  await expectNoAxeViolations(reviewer, "idle warning");

  const sessionId = await sessionIdOf(reviewer.context());
  const before = sessionById(sessionId)!.last_seen_at;
  await dialog.getByRole("button", { name: "Stay signed in" }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(() => sessionById(sessionId)!.last_seen_at).toBeGreaterThan(before);
  await expect(reviewer.getByLabel("Add a note")).toHaveValue(note);

  // The note is then saved as usual.
  await reviewer.getByRole("button", { name: "Add note", exact: true }).click();
  await expect(reviewer.locator(".app-timeline")).toContainText(note);
});

test("without JavaScript the warning is a page that goes back to where the person was", async ({ page, context, account }) => {
  const reference = await submitApplicationOverHttp(page, makeAnswers());
  const caseId = caseIdOf(reference);
  await injectSession(context, await account("reviewer"));
  const reviewer = page;
  const casePath = `/staff/cases/${caseId}`;
  const stillThere = `/staff/still-there?return=${encodeURIComponent(casePath)}`;
  // A browser without JavaScript has only the server's HTML (its <noscript> included): read in the
  // reviewer's session, every request and redirect recorded.
  const http = recordingTransport(reviewer.request);

  // Each staff page refreshes to the warning page 2½ minutes before the 15-minute timeout.
  const casePage = await http.get(casePath);
  expect(casePage.document.title).toBe(staffTitle(`Case ${reference}`));
  const refresh = casePage.document.querySelectorAll('noscript meta[http-equiv="refresh"]');
  expect(refresh).toHaveLength(1);
  expect(refresh[0]!.getAttribute("content")).toBe(`750;url=${stillThere}`);

  const warning = await http.get(stillThere);
  expect(warning.document.title).toBe(staffTitle("You are about to be signed out"));
  const stay = formRequest(warning, formOf(warning, "Stay signed in"));
  const back = await http.post(stay.action, stay.body);
  const posted = http.exchanges.at(-2)!;
  expect(posted).toMatchObject({ method: "POST", status: 303 });
  expect(posted.headers["location"]).toBe(casePath);
  expect(back.url).toBe(`${E2E_BASE_URL}${casePath}`);
  expect(back.document.title).toBe(staffTitle(`Case ${reference}`));

  // The same page, scanned by axe (which needs JavaScript in the page to run).
  await reviewer.goto(stillThere);
  await expectNoAxeViolations(reviewer, "idle warning page");
});
