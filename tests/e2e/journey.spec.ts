// The whole public journey walked in the browser, once with JavaScript (through the Call 999 page,
// every branch of the form) and once without; each page's rules are checked on the server's HTML
// in tests/integration/apply-*.test.ts. The JavaScript walk also proves that the HTTP form filler
// other tests use (support/application-http.ts) stores exactly what the browser stores, and it is
// the privacy walk with JavaScript: its client-side navigations, data requests, titles and storage
// are the browser's own, and none holds anything personal (support/privacy-checks.ts; the same
// checks without JavaScript, over HTTP, are in privacy.spec.ts).
import type { Browser } from "@playwright/test";
import {
  caseByReference,
  clickContinue,
  continueButton,
  continueExpectingErrors,
  emailsTo,
  expect,
  fillApplication,
  group,
  makeAnswers,
  makeChild,
  outboxRowsMentioning,
  peopleOfCase,
  readEmails,
  sendApplication,
  submitApplicationOverHttp,
  test,
  waitForEmail,
  waitOutDoubleClickGuard,
  withDb,
  type Answers,
} from "./support";
import { recordPrivacy } from "./support/privacy-checks";

/** Every branch the form has: urgent, two children (age and date of birth), every contact way, an address, details. */
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

test.describe("with JavaScript on", () => {
  test("a child in danger now: the Call 999 page, then every branch of the form; the urgent case is saved, the acknowledgement names nobody, and the HTTP filler stores the same; nothing personal in addresses, titles, requests or storage, safe headers, only localhost", async ({
    page,
    browser,
    context,
    externalRequests,
  }) => {
    test.setTimeout(180_000); // a ceiling, not a wait: a whole journey, then every response's headers, on a busy machine
    const answers = richAnswers();
    const privacy = recordPrivacy(page, answers);
    let sawCall999 = false;
    await fillApplication(page, answers, {
      onPage: async (step, p) => {
        await privacy.record(step);
        // Hydrated: client-side navigations from here on.
        if (step === "danger") await expect(p.locator("body.js-enabled")).toHaveCount(1);
        if (step === "call-999") {
          // Its words, the reminders on the question pages and check answers' children by number
          // are the server's HTML: tests/integration/apply-answers.test.ts ("a child in danger now").
          await expect(p.getByRole("heading", { level: 1, name: "Call 999 now" })).toBeVisible();
          sawCall999 = true;
        }
        if (step === "applicant") {
          // A page with errors and typed answers: still nothing in the address or title.
          await p.getByLabel("Full name", { exact: true }).fill(answers.applicant.fullName);
          const clickedAt = await clickContinue(p);
          await expect(p).toHaveTitle(/^Error: /);
          await expect(p.getByLabel("Full name", { exact: true })).toHaveValue(answers.applicant.fullName);
          await privacy.record("applicant with errors");
          await waitOutDoubleClickGuard(p, clickedAt);
        }
        if (step === "children" && (await p.getByRole("heading", { level: 1 }).innerText()).includes("2 children")) {
          // The remove page names the child in its heading, never in its address or title.
          await p.getByRole("link", { name: `Remove ${answers.children[1].fullName}`, exact: true }).click();
          await expect(p).toHaveURL(/\/apply\/children\/2\/remove$/);
          await privacy.record("remove");
          await group(p, `Are you sure you want to remove ${answers.children[1].fullName}?`).getByLabel("No", { exact: true }).check();
          await continueButton(p).click();
          await expect(p).toHaveURL(/\/apply\/children$/);
          await privacy.record("children again");
        }
      },
    });
    expect(sawCall999).toBe(true);
    await privacy.record("check");

    const reference = await sendApplication(page);
    await privacy.record("confirmation");
    await privacy.expectNothingPersonal(context, externalRequests);

    // The case, as stored.
    const saved = caseByReference(reference);
    expect(saved).toMatchObject({ status: "received", channel: "online", urgent: 1, concern: answers.concern, contact_details: "At weekends, at the park" });
    const people = peopleOfCase(saved!.id);
    expect(people.map((p) => [p.role, p.position, p.full_name])).toEqual([
      ["applicant", 1, answers.applicant.fullName],
      ["child", 1, answers.children[0].fullName],
      ["child", 2, answers.children[1].fullName],
      ["subject", 1, answers.subject.fullName],
    ]);
    expect(people[0].date_of_birth).toBe("1985-03-27");
    expect(people[2].date_of_birth).toBe("2016-03-07");

    // The acknowledgement email: the reference, and nothing about the application.
    const email = await waitForEmail(answers.contact.email!);
    expect(emailsTo(answers.contact.email!)).toHaveLength(1);
    expect(email.subject).toContain(reference);
    expect(email.body).toContain(`Your reference is ${reference}.`);
    const forbidden = [
      answers.applicant.fullName,
      answers.subject.fullName,
      ...answers.children.map((c) => c.fullName),
      answers.concern,
      answers.concern.split(" ")[0], // the concern's unique canary word
    ];
    for (const text of forbidden) expect(email.raw).not.toContain(text);
    for (const text of forbidden) expect(email.body).not.toContain(text);

    // The same application sent over HTTP becomes the same case, row for row, but for the names
    // (each its own canaries) and the times.
    const twin = renamed(answers);
    const overHttp = await sendOverHttp(browser, twin);
    expect(overHttp).not.toBe(reference);
    const expected = storedCase(reference);
    expect(expected.people).toHaveLength(4);
    expect(renameIn(storedCase(overHttp), twin, answers)).toEqual(expected);
  });
});

test.describe("with JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("the journey works, shows a validation error on the way, and phone-only contact sends no email", async ({ page }) => {
    const answers = makeAnswers({
      contact: { phone: "07700 900982", leaveMessages: "Yes" },
      children: [makeChild(), makeChild({ age: undefined, dob: { day: "7", month: "3", year: "2016" } })],
    });
    let sawError = false;
    await fillApplication(page, answers, {
      onPage: async (step, p) => {
        if (step === "danger") await expect(p.locator("body.js-enabled")).toHaveCount(0);
        if (step !== "subject") return;
        // One validation error on the way: send the person's page empty.
        await continueExpectingErrors(p, [
          "Enter the person's name",
          "Select whether you know their date of birth or age",
          "Select yes if you know where the person lives",
        ]);
        sawError = true;
      },
    });
    expect(sawError).toBe(true);

    const reference = await sendApplication(page);
    const saved = caseByReference(reference)!;
    expect(saved).toMatchObject({ status: "received", channel: "online", urgent: 0 });
    const people = peopleOfCase(saved.id);
    expect(people.map((p) => p.role)).toEqual(["applicant", "child", "child", "subject"]);
    expect(people[2].date_of_birth).toBe("2016-03-07");
    expect(JSON.parse(people[0].details)).toMatchObject({ contactMethods: ["phone"], email: null, phone: "07700 900982" });

    // Phone only: no acknowledgement queued, so none can be written to the mail folder. The
    // acknowledgement is queued in the submission's own transaction (or not at all), so this holds
    // as soon as the reference is shown: no wait for outbox runs is needed.
    // (Staff reminders about the case may mention its reference; they never go to the applicant.)
    expect(outboxRowsMentioning(reference).filter((r) => r.kind === "application_acknowledgement")).toEqual([]);
    expect(readEmails().filter((m) => m.raw.includes(reference) && m.subject.includes("your reference")).map((m) => m.file)).toEqual([]);
  });
});
