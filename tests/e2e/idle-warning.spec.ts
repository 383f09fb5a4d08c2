// No lost work (issue 12): two minutes before the idle timeout a warning appears; "Stay signed in"
// keeps the session and everything typed on the page. Without JavaScript the warning is a page of
// its own. Browser timers run on Playwright's clock: no real waiting.
import {
  caseIdOf,
  E2E_BASE_URL,
  expect,
  expectNoAxeViolations,
  makeAnswers,
  openCase,
  randomToken,
  sessionById,
  sessionIdOf,
  staffTest as test,
  staffTitle,
  submitApplicationOverHttp,
} from "./support";

test.describe.configure({ timeout: 180_000 });

test("an idle warning appears before the timeout, and 'stay signed in' keeps the typed text", async ({ page, as }) => {
  const reference = await submitApplicationOverHttp(page, makeAnswers());
  const caseId = caseIdOf(reference);
  const reviewer = await as("reviewer");
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

test("without JavaScript the warning is a page that goes back to where the person was", async ({ page, as }) => {
  const reference = await submitApplicationOverHttp(page, makeAnswers());
  const caseId = caseIdOf(reference);
  const reviewer = await as("reviewer", { javaScriptEnabled: false });
  await openCase(reviewer, caseId);
  // Each staff page refreshes to the warning page 2½ minutes before the 15-minute timeout.
  const refresh = reviewer.locator('noscript meta[http-equiv="refresh"]');
  await expect(refresh).toHaveAttribute("content", `750;url=/staff/still-there?return=${encodeURIComponent(`/staff/cases/${caseId}`)}`);

  await reviewer.goto(`/staff/still-there?return=${encodeURIComponent(`/staff/cases/${caseId}`)}`);
  await expect(reviewer).toHaveTitle(staffTitle("You are about to be signed out"));
  await reviewer.getByRole("button", { name: "Stay signed in" }).click();
  await expect(reviewer).toHaveURL(`${E2E_BASE_URL}/staff/cases/${caseId}`);
  await expect(reviewer).toHaveTitle(staffTitle(`Case ${reference}`));

  // The same page, scanned by axe (which needs JavaScript in the page to run).
  const scanner = await as("reviewer");
  await scanner.goto(`/staff/still-there?return=${encodeURIComponent(`/staff/cases/${caseId}`)}`);
  await expectNoAxeViolations(scanner, "idle warning page");
});
