// Oversight rough edges in Chromium: the access log in words, one notice per page on settings,
// a clear error for a personal "work email", deactivation only after a confirmation page.
import {
  caseIdOf,
  expect,
  expectErrorSummary,
  expectNoAxeViolations,
  inviteStaff,
  makeAnswers,
  makeStaff,
  staffTest as test,
  staffTitle,
  staffUserByEmail,
  submitApplicationOverHttp,
} from "./support";

test("the access log names the case by its reference, not 'case 12'", async ({ as, page: publicPage }) => {
  const reference = await submitApplicationOverHttp(publicPage, makeAnswers());
  const caseId = caseIdOf(reference);

  const page = await as("manager");
  await page.goto(`/staff/audit?case=${reference.toLowerCase()}&action=collection`);
  const rows = page.locator("table tbody tr");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(`Case ${reference}`);
  await expect(rows.first()).not.toContainText(`case ${caseId}`);
});

test("settings: after fixing an error the page shows only the success notice", async ({ as }) => {
  const page = await as("admin");
  await page.goto("/staff/admin/settings");
  const idle = page.getByLabel("Sign out after this many minutes without activity", { exact: true });
  const saved = await idle.inputValue();
  await idle.fill("soon");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expectErrorSummary(page, ["Idle timeout (minutes) must be a whole number"]);
  await expect(page.getByRole("heading", { name: "Success" })).toHaveCount(0);
  await expectNoAxeViolations(page, "settings with errors");

  await idle.fill(saved);
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page).toHaveURL(/\/staff\/admin\/settings$/);
  await expect(page).toHaveTitle(staffTitle("Settings"));
  await expect(page.getByRole("heading", { name: "Success" })).toBeVisible();
  await expect(page.getByText("There is a problem")).toHaveCount(0);
  await expect(page.locator(".govuk-error-summary, .govuk-error-message")).toHaveCount(0);
  await expectNoAxeViolations(page, "settings saved");
});

test("without JavaScript a success notice is announced once and gone after a reload", async ({ as }) => {
  const page = await as("admin", { javaScriptEnabled: false });
  await page.goto("/staff/admin/settings");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page).toHaveURL(/\/staff\/admin\/settings$/);
  const banner = page.getByRole("alert");
  await expect(banner).toHaveCount(1);
  await expect(banner.getByRole("heading", { name: "Success" })).toBeVisible();
  await expect(banner).toContainText("Settings saved");
  await page.reload();
  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
  await expect(page.getByRole("alert")).toHaveCount(0);
});

test("a personal email is refused as a work email; deactivating an account asks first", async ({ as }) => {
  const admin = await as("admin");
  const gmail = { ...makeStaff(), email: `someone.${Date.now()}@gmail.com` };
  await admin.goto("/staff/admin/users/new");
  await admin.getByLabel("Full name", { exact: true }).fill(gmail.name);
  await admin.getByLabel("Work email address", { exact: true }).fill(gmail.email);
  await admin.getByRole("group", { name: "Roles" }).getByLabel("Reviewer (public protection officer)").check();
  await admin.getByRole("button", { name: "Add and send set-up link" }).click();
  await expectErrorSummary(admin, ["Enter a work email address: @gmail.com is a personal email service"]);
  await expect(admin.getByLabel("Work email address", { exact: true })).toHaveValue(gmail.email);
  await expectNoAxeViolations(admin, "add a member of staff, personal email");
  expect(staffUserByEmail(gmail.email)).toBeUndefined();

  const person = makeStaff();
  await inviteStaff(admin, person);
  const accountUrl = admin.url();
  await admin.getByRole("button", { name: "Deactivate account" }).click();
  await expect(admin).toHaveURL(/\/staff\/admin\/users\/\d+\/deactivate$/);
  await expect(admin).toHaveTitle(staffTitle("Deactivate a staff account"));
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText(`Are you sure you want to deactivate ${person.name}'s account?`);
  await expectNoAxeViolations(admin, "deactivate confirmation");
  expect(staffUserByEmail(person.email)?.active).toBe(1);

  // "No" goes back and changes nothing.
  await admin.getByRole("link", { name: "No, keep the account active" }).click();
  await expect(admin).toHaveURL(accountUrl);
  expect(staffUserByEmail(person.email)?.active).toBe(1);

  await admin.getByRole("button", { name: "Deactivate account" }).click();
  await admin.getByRole("button", { name: "Yes, deactivate this account" }).click();
  await expect(admin).toHaveURL(accountUrl);
  await expect(admin.getByText("This account is deactivated. The person cannot sign in.")).toBeVisible();
  expect(staffUserByEmail(person.email)?.active).toBe(0);
});
