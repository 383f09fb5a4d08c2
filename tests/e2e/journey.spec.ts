// The whole public journey, with and without JavaScript, and the urgent ("child in danger now") path.
import {
  caseByReference,
  continueExpectingErrors,
  emailsTo,
  expect,
  fillApplication,
  makeAnswers,
  makeChild,
  outboxRowsMentioning,
  peopleOfCase,
  readEmails,
  sendApplication,
  test,
  waitForEmail,
} from "./support";

test.describe("with JavaScript on", () => {
  test("two children: the case is saved and the acknowledgement email names nobody", async ({ page }) => {
    const answers = makeAnswers({ children: [makeChild(), makeChild({ gender: "Boy", age: "4" })] });
    await fillApplication(page, answers, {
      onPage: async (step, p) => {
        // Hydrated: client-side navigations from here on.
        if (step === "danger") await expect(p.locator("body.js-enabled")).toHaveCount(1);
      },
    });

    // Check answers shows both children.
    await expect(page.getByRole("heading", { name: "Child 1", exact: true })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Child 2", exact: true })).toBeVisible();
    for (const child of answers.children) await expect(page.getByText(child.fullName, { exact: true })).toBeVisible();

    const reference = await sendApplication(page);

    // The case, as stored.
    const saved = caseByReference(reference);
    expect(saved).toBeDefined();
    expect(saved).toMatchObject({ status: "received", channel: "online", urgent: 0, concern: answers.concern });
    const people = peopleOfCase(saved!.id);
    expect(people.map((p) => [p.role, p.position, p.full_name])).toEqual([
      ["applicant", 1, answers.applicant.fullName],
      ["child", 1, answers.children[0].fullName],
      ["child", 2, answers.children[1].fullName],
      ["subject", 1, answers.subject.fullName],
    ]);
    expect(people[0].date_of_birth).toBe("1985-03-27");

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

test("a child in danger now: the Call 999 page, then carry on; the case is urgent", async ({ page }) => {
  const answers = makeAnswers({ childInDanger: "Yes" });
  let sawCall999 = false;
  await fillApplication(page, answers, {
    onPage: async (step, p) => {
      if (step === "call-999") {
        await expect(p).toHaveTitle(/^Call 999 now – /);
        await expect(p.getByRole("heading", { level: 1, name: "Call 999 now" })).toBeVisible();
        await expect(p.getByText("If a child is in danger now, call 999 and ask for the police.")).toBeVisible();
        await expect(p.getByRole("button", { name: "Continue with the application" })).toHaveAttribute("href", "/apply/applicant");
        sawCall999 = true;
      }
      if (step === "applicant") {
        // The reminder stays on the question pages.
        await expect(p.getByText("If a child is in danger now, call 999. You can carry on with this form afterwards.")).toBeVisible();
      }
    },
  });
  expect(sawCall999).toBe(true);
  await expect(page.getByText("You told us a child is in danger now. If you have not already, call 999.")).toBeVisible();

  const reference = await sendApplication(page);
  const saved = caseByReference(reference)!;
  expect(saved).toMatchObject({ urgent: 1, status: "received", channel: "online" });
});
