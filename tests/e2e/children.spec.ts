// Children: add several, remove one, change one from check answers.
import {
  answerAddAnother,
  caseByReference,
  continueButton,
  continueExpectingErrors,
  expect,
  fillApplicationOverHttp,
  group,
  makeAnswers,
  makeChild,
  openPublicPage,
  peopleOfCase,
  sendApplication,
  SERVICE_NAME,
  test,
} from "./support";

test("add 3 children, remove the 2nd, change one from check answers", async ({ page }) => {
  const [first, second, third] = [makeChild(), makeChild({ gender: "Boy", age: "9" }), makeChild({ age: "12" })];
  const answers = makeAnswers({ children: [first, second, third] });
  // Added one by one over HTTP ("You have added 1 child", "… 2 children", "… 3 children" on the way);
  // adding children in the browser is in journey.spec.ts.
  await fillApplicationOverHttp(page, answers);
  await openPublicPage(page, "/apply/check");
  for (const child of [first, second, third]) await expect(page.getByText(child.fullName, { exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Child 3", exact: true })).toBeVisible();

  // Change child 2, then Back: to check answers at that child's row.
  await page.getByRole("link", { name: "Change child 2: name", exact: true }).click();
  await expect(page).toHaveURL(/\/apply\/children\/2\?change=child-2-fullName#fullName$/);
  await page.getByRole("link", { name: "Back", exact: true }).click();
  await expect(page).toHaveURL(/\/apply\/check#answer-child-2-fullName$/);
  await page.goto("/apply/children");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("You have added 3 children");

  // Remove asks first; "No" keeps the child.
  await page.getByRole("link", { name: `Remove ${second.fullName}`, exact: true }).click();
  await expect(page).toHaveURL(/\/apply\/children\/2\/remove$/);
  await expect(page).toHaveTitle(`Remove a child – ${SERVICE_NAME}`);
  const confirm = group(page, `Are you sure you want to remove ${second.fullName}?`);
  await expect(confirm).toBeVisible();
  await continueExpectingErrors(page, ["Select yes if you want to remove this child"]);
  await confirm.getByLabel("No", { exact: true }).check();
  await continueButton(page).click();
  await expect(page).toHaveURL(/\/apply\/children$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("You have added 3 children");

  // "Yes" removes it.
  await page.getByRole("link", { name: `Remove ${second.fullName}`, exact: true }).click();
  await expect(page).toHaveURL(/\/apply\/children\/2\/remove$/);
  await group(page, `Are you sure you want to remove ${second.fullName}?`).getByLabel("Yes", { exact: true }).check();
  await continueButton(page).click();
  await expect(page).toHaveURL(/\/apply\/children$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("You have added 2 children");
  const list = page.locator("main .govuk-summary-list");
  await expect(list.locator(".govuk-summary-list__key")).toHaveText([first.fullName, third.fullName]);
  await expect(page.getByText(second.fullName)).toHaveCount(0);

  // No more children: everything is answered, so straight back to check answers.
  await answerAddAnother(page, "No");
  await expect(page).toHaveURL(/\/apply\/check$/);
  await expect(page.getByRole("heading", { name: "Child 1", exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Child 2", exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Child 3", exact: true })).toHaveCount(0);
  await expect(page.getByText(first.fullName, { exact: true })).toBeVisible();
  await expect(page.getByText(third.fullName, { exact: true })).toBeVisible();
  await expect(page.getByText(second.fullName)).toHaveCount(0);

  // The Change link for a child leads back to that child, with its answers.
  await page.getByRole("link", { name: "Change child 2: name", exact: true }).click();
  await expect(page).toHaveURL(/\/apply\/children\/2\?change=child-2-fullName#fullName$/);
  await expect(page).toHaveTitle(`Change a child's details – ${SERVICE_NAME}`);
  const nameInput = page.getByLabel("Child's full name", { exact: true });
  await expect(nameInput).toHaveValue(third.fullName);
  await expect(page.getByLabel("Age in years", { exact: true })).toHaveValue("12");
  const renamed = makeChild().fullName;
  await nameInput.fill(renamed);
  await continueButton(page).click();
  // Straight back to check answers at that child, not the list of children.
  await expect(page).toHaveURL(/\/apply\/check#answer-child-2-fullName$/);
  await expect(page.getByText(renamed, { exact: true })).toBeVisible();
  await expect(page.getByText(third.fullName)).toHaveCount(0);

  // What is sent is what check answers showed.
  const reference = await sendApplication(page);
  const people = peopleOfCase(caseByReference(reference)!.id);
  expect(people.filter((p) => p.role === "child").map((p) => [p.position, p.full_name, p.age_years])).toEqual([
    [1, first.fullName, 7],
    [2, renamed, 12],
  ]);
  expect(people.map((p) => p.full_name)).not.toContain(second.fullName);
});

test("a child number that does not exist is not found", async ({ page }) => {
  const answers = makeAnswers();
  await fillApplicationOverHttp(page, answers);
  for (const path of ["/apply/children/3", "/apply/children/0", "/apply/children/abc", "/apply/children/2/remove"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  }
  // The next free number is allowed: it adds a child.
  const next = await page.goto("/apply/children/2");
  expect(next?.status()).toBe(200);
  await expect(page).toHaveTitle(`Add a child – ${SERVICE_NAME}`);
});
