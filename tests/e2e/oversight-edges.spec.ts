// Oversight rough edges in Chromium: the admin's settings page with its error and after saving,
// the add-a-member page refusing a personal "work email", and the deactivation confirmation, each
// scanned with axe. What they say, what they change and the notice shown once are checked
// in-process (tests/integration/settings.test.ts, staff-oversight.test.ts, notices.test.ts,
// audit-viewer.test.ts for the access log naming a case by its reference).
import { expect, expectErrorSummary, expectNoAxeViolations, makeStaff, staffTest as test, staffTitle } from "./support";

test("settings with an error and saved, a personal email refused, and the deactivation confirmation pass axe", async ({ as, account }) => {
  const page = await as("admin");
  await page.goto("/staff/admin/settings");
  const idle = page.getByLabel("Sign out after this many minutes without activity", { exact: true });
  const saved = await idle.inputValue();
  await idle.fill("soon");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expectErrorSummary(page, ["Idle timeout (minutes) must be a whole number"]);
  await expectNoAxeViolations(page, "settings with errors");
  await idle.fill(saved);
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("heading", { name: "Success" })).toBeVisible();
  await expectNoAxeViolations(page, "settings saved");

  const gmail = { ...makeStaff(), email: `someone.${Date.now()}@gmail.com` };
  await page.goto("/staff/admin/users/new");
  await page.getByLabel("Full name", { exact: true }).fill(gmail.name);
  await page.getByLabel("Work email address", { exact: true }).fill(gmail.email);
  await page.getByRole("group", { name: "Roles" }).getByLabel("Reviewer (public protection officer)").check();
  await page.getByRole("button", { name: "Add and send set-up link" }).click();
  await expectErrorSummary(page, ["Enter a work email address: @gmail.com is a personal email service"]);
  await expectNoAxeViolations(page, "add a member of staff, personal email");

  const person = await account("reviewer");
  await page.goto(`/staff/admin/users/${person.id}/deactivate`);
  await expect(page).toHaveTitle(staffTitle("Deactivate a staff account"));
  await expectNoAxeViolations(page, "deactivate confirmation");
});
