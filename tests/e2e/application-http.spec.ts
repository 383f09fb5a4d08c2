// The HTTP shortcut tests use to reach check answers (support/application-http.ts) stores what the
// browser stores: one application sent through the browser and the same one sent over HTTP become
// the same case, row for row, but for the names (each its own canaries) and the times.
import type { Browser } from "@playwright/test";
import {
  caseByReference,
  expect,
  fillApplication,
  fillApplicationOverHttp,
  makeAnswers,
  makeChild,
  peopleOfCase,
  sendApplication,
  submitApplicationOverHttp,
  test,
  withDb,
  type Answers,
} from "./support";

/** Every branch the helper takes: urgent, two children (age and date of birth), every contact way, an address, details. */
function richAnswers(): Answers {
  return makeAnswers({
    childInDanger: "Yes",
    contact: { email: makeAnswers().contact.email, phone: "07700 900123", letter: true, leaveMessages: "Yes" },
    children: [
      makeChild({ subjectRelationship: "Her uncle" }),
      makeChild({ age: undefined, dob: { day: "7", month: "3", year: "2016" }, gender: "Boy", parentsAware: "Some of them know" }),
    ],
    subject: { fullName: makeAnswers().subject.fullName, address: "2 Other Street, Testtown" },
    contactTypes: ["They visit the child's home", "Another way"],
    contactDetails: "At weekends, at the park",
  });
}

/** The same answers with fresh canary names and email address. */
function renamed(answers: Answers): Answers {
  const fresh = makeAnswers();
  return {
    ...answers,
    applicant: { ...answers.applicant, fullName: fresh.applicant.fullName },
    contact: { ...answers.contact, email: fresh.contact.email },
    children: answers.children.map((c) => ({ ...c, fullName: makeChild().fullName })),
    subject: { ...answers.subject, fullName: fresh.subject.fullName },
    concern: fresh.concern,
  };
}

/** Names, email and concern of `from` written as `to`'s, so two cases compare on everything else. */
function renameIn(value: unknown, from: Answers, to: Answers): unknown {
  const pairs: Array<[string, string]> = [
    [from.applicant.fullName, to.applicant.fullName],
    [from.contact.email!, to.contact.email!],
    [from.subject.fullName, to.subject.fullName],
    [from.concern, to.concern],
    ...from.children.map((c, i): [string, string] => [c.fullName, to.children[i].fullName]),
  ];
  let text = JSON.stringify(value);
  for (const [a, b] of pairs) text = text.split(a).join(b);
  // Normalised names are lower-cased.
  for (const [a, b] of pairs) text = text.split(a.toLowerCase()).join(b.toLowerCase());
  return JSON.parse(text);
}

/** A row without its own ids; each time only as whether it is set. */
function comparable(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (["id", "case_id", "reference", "submission_key"].includes(key)) continue;
    out[key] = /_at$|^at$/.test(key) ? value !== null : value;
  }
  return out;
}

function storedCase(reference: string) {
  const saved = caseByReference(reference);
  expect(saved).toBeDefined();
  const events = withDb(
    (db) => db.prepare("select * from case_events where case_id = ? order by id").all(saved!.id) as Array<Record<string, unknown>>,
  );
  return {
    case: comparable(saved as unknown as Record<string, unknown>),
    people: peopleOfCase(saved!.id).map((p) => comparable(p as unknown as Record<string, unknown>)),
    events: events.map(comparable),
  };
}

async function sendOverHttp(browser: Browser, answers: Answers): Promise<string> {
  const context = await browser.newContext();
  try {
    return await submitApplicationOverHttp(await context.newPage(), answers);
  } finally {
    await context.close();
  }
}

test("an application sent over HTTP is stored exactly as the same one sent through the browser", async ({ page, browser }) => {
  const answers = richAnswers();
  await fillApplication(page, answers);
  const byBrowser = await sendApplication(page);

  const twin = renamed(answers);
  const overHttp = await sendOverHttp(browser, twin);

  expect(overHttp).not.toBe(byBrowser);
  const expected = storedCase(byBrowser);
  expect(expected.case).toMatchObject({ urgent: 1, channel: "online", contact_details: "At weekends, at the park" });
  expect(expected.people).toHaveLength(4);
  expect(renameIn(storedCase(overHttp), twin, answers)).toEqual(expected);
});

test("the page's own session holds the draft: it stops where asked, and the browser carries on from there", async ({ page }) => {
  const answers = makeAnswers();
  expect(await fillApplicationOverHttp(page, answers, { stopAt: "concern" })).toBe("/apply/concern");
  await page.goto("/apply/concern");
  await page.getByLabel("Why are you worried about the person?", { exact: true }).fill(answers.concern);
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await expect(page).toHaveURL(/\/apply\/declarations$/);
  for (const box of await page.getByRole("group", { name: "Declaration", exact: true }).getByRole("checkbox").all()) {
    await box.check();
  }
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await expect(page).toHaveURL(/\/apply\/check$/);
  await expect(page.getByText(answers.applicant.fullName, { exact: true })).toBeVisible();
  await expect(page.getByText(answers.children[0].fullName, { exact: true })).toBeVisible();
});
