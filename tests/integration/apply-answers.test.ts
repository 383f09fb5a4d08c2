// What the public form keeps, shows and sends, on the pages the server renders (what a browser
// without JavaScript sees): a contact route un-chosen, blank optional answers, a child's age,
// the person's approximate age, Change links from check answers, and adding, removing and
// changing children. The browser keeps what needs it (axe on the error states, a row scrolled
// into view): tests/e2e/public-form-slips.spec.ts. Also what the form tells someone who says a
// child is in danger now (the Call 999 page, the reminders, children by number on check answers).
import { describe, expect, it } from "vitest";
import { getSqlite } from "~/services/db.server";
import {
  answerChild,
  check,
  fill,
  formRequest,
  group,
  link,
  resolve,
  squash,
  submit,
  walkApplication,
  type ShownPage,
} from "../support/application-forms";
import { expectErrorSummaryIn } from "../support/error-summary-html";
import { HtmlBrowser } from "../support/rendered-app";
import { insertStaff, signedIn } from "../support/staff";
import { makeAnswers, makeChild, randomToken } from "../e2e/support/test-data";
import { SERVICE_NAME } from "~/components/page-title";

const text = (node: ParentNode | null | undefined) => squash(node?.textContent);
const mainText = (shown: ShownPage) => text(shown.document.querySelector("main"));

/** The value check answers shows for a row, found by its key within a section. */
function answer(shown: ShownPage, section: string, key: string): string {
  const heading = Array.from(shown.document.querySelectorAll("h2")).find((h) => text(h) === section);
  expect(heading, `section ${section}`).toBeDefined();
  let list = heading!.nextElementSibling;
  while (list && list.tagName !== "DL") list = list.nextElementSibling;
  const row = Array.from(list?.querySelectorAll(".govuk-summary-list__row") ?? []).find((r) => text(r.querySelector("dt")) === key);
  expect(row, `${section}: ${key}`).toBeDefined();
  return text(row!.querySelector(".govuk-summary-list__value"));
}

/** Sends check answers ("Accept and send") and returns the confirmation page. */
const acceptAndSend = (browser: HtmlBrowser, checkAnswers: ShownPage) => submit(browser, checkAnswers, () => {}, "Accept and send");

const referenceOf = (confirmation: ShownPage) => text(confirmation.document.querySelector(".govuk-panel--confirmation strong"));

function caseByReference(reference: string) {
  return getSqlite().prepare("SELECT * FROM cases WHERE reference = ?").get(reference) as { id: number; concern: string; urgent: number } | undefined;
}

function peopleOfCase(caseId: number) {
  return getSqlite().prepare("SELECT * FROM case_people WHERE case_id = ? ORDER BY role, position").all(caseId) as Array<{
    role: string;
    position: number;
    full_name: string;
    age_years: number | null;
    details: string;
  }>;
}

const outboxRowsTo = (address: string) => getSqlite().prepare("SELECT id FROM outbox WHERE to_address = ?").all(address);

describe("contacting the applicant", () => {
  it("an email typed then un-chosen never reaches staff; blank safe times say 'Not given'; the confirmation speaks of the phone", async () => {
    const typedEmail = `typed.then.unchosen.${randomToken(8).toLowerCase()}@example.com`;
    const answers = makeAnswers({ contact: { phone: "07700 900 982", leaveMessages: "No" } });
    const browser = new HtmlBrowser();
    await walkApplication(browser, answers);
    // She first chose email and typed her address, then switched to phone only: the browser still
    // sends the address typed in the (hidden) field.
    const contact = await browser.get("/apply/contact");
    await submit(browser, contact, (form) => {
      const ways = group(form, "Which ways are safe to contact you?");
      check(ways, "Email", false);
      check(ways, "Phone call or text message");
      fill(form, "Phone number", "07700 900 982");
      fill(form, "Email address", typedEmail);
      check(group(form, "Is it safe for us to leave you a message?"), "No");
    });
    const shown = await browser.get("/apply/check");
    expect(shown.path).toBe("/apply/check");
    expect(answer(shown, "Contacting you safely", "Safe ways to contact you")).toBe("Phone call or text message");
    expect(answer(shown, "Contacting you safely", "Safe times")).toBe("Not given");
    expect(mainText(shown)).not.toContain(typedEmail);
    expect(mainText(shown)).not.toContain("Any time");

    const confirmation = await acceptAndSend(browser, shown);
    expect(confirmation.path).toBe("/apply/confirmation");
    expect(mainText(confirmation)).toContain("We contact you by phone call or text message, as you told us is safe");
    expect(mainText(confirmation)).not.toMatch(/email/i);

    const saved = caseByReference(referenceOf(confirmation))!;
    const applicant = peopleOfCase(saved.id).find((p) => p.role === "applicant")!;
    expect(JSON.parse(applicant.details)).toMatchObject({ contactMethods: ["phone"], phone: "07700 900 982", email: null, safeTimes: null });
    expect(applicant.details).not.toContain(typedEmail);
    expect(outboxRowsTo(typedEmail)).toEqual([]);

    // What staff see: no email, and no "Any time" for a question she left blank.
    const reviewer = await insertStaff(["reviewer"]);
    const staff = new HtmlBrowser(undefined, ["routes/staff.cases.$caseId"]);
    staff.setCookie((await signedIn(reviewer.user.id)).cookie);
    const casePage = await staff.get(`/staff/cases/${saved.id}`);
    expect(casePage.status).toBe(200);
    expect(mainText(casePage)).toContain(answers.applicant.fullName);
    expect(mainText(casePage)).not.toContain(typedEmail);
    expect(mainText(casePage)).not.toContain("Any time");
    const safeTimes = Array.from(casePage.document.querySelectorAll("main .govuk-summary-list__row")).find((r) => text(r.querySelector("dt")) === "Safe times");
    expect(text(safeTimes)).toContain("Not given");
  });
});

describe("ages", () => {
  it("a child is under 18, by date of birth or by age, with a clear message; 'about 7' is 7 years old", async () => {
    const browser = new HtmlBrowser();
    const answers = makeAnswers();
    const page = await walkApplication(browser, answers, { stopAt: "child" });
    const child = { ...makeChild(), age: undefined, dob: { day: "1", month: "6", year: "2001" } };
    const byDob = await submit(browser, page, (form) => answerChild(form, child));
    expect(byDob.path).toBe("/apply/children/1");
    expectErrorSummaryIn(byDob.document, [/^The child must be under 18: enter a date of birth after \d{1,2} [A-Z][a-z]+ \d{4}$/]);

    const byAge = await submit(browser, byDob, (form) => {
      check(group(form, "Do you know the child's date of birth?"), "No, but I know their age");
      fill(form, "Age in years", "25");
    });
    expectErrorSummaryIn(byAge.document, ["The child must be under 18: enter an age from 0 to 17"]);

    const list = await submit(browser, byAge, (form) => fill(form, "Age in years", "about 7"));
    expect(list.path).toBe("/apply/children");
    expect(text(list.document.querySelector("main .govuk-summary-list"))).toContain("7 years old");
  });

  it("the person's approximate age accepts 'about 35', and says plainly what to enter otherwise", async () => {
    const browser = new HtmlBrowser();
    const answers = makeAnswers();
    const page = await walkApplication(browser, answers, { stopAt: "subject" });
    const notANumber = await submit(browser, page, (form) => {
      fill(form, "Their name", answers.subject.fullName);
      check(group(form, "Do you know their date of birth?"), "No, but I know roughly how old they are");
      check(group(form, "Do you know where they live?"), "No, I do not know");
      fill(form, "Approximate age in years", "thirty-something");
    });
    expectErrorSummaryIn(notANumber.document, ["Enter a number, like 35"]);
    expect(mainText(notANumber)).not.toContain("characters or fewer");
    const next = await submit(browser, notANumber, (form) => fill(form, "Approximate age in years", "about 35"));
    expect(next.path).toBe("/apply/subject-contact");
  });
});

describe("Change from check answers", () => {
  it("opens the question at the field, Back returns to the row; an error keeps the way back; a good answer returns to the row", async () => {
    const browser = new HtmlBrowser();
    const checkAnswers = await walkApplication(browser, makeAnswers());
    const change = link(checkAnswers, "Change contacting you safely: safe times");
    expect(change.getAttribute("href")).toBe("/apply/contact?change=contact-safeTimes#safeTimes");
    expect(checkAnswers.document.getElementById("answer-contact-safeTimes")).not.toBeNull();

    const contact = await browser.get(resolve(checkAnswers, change.getAttribute("href")));
    expect(contact.url).toMatch(/\/apply\/contact\?change=contact-safeTimes$/);
    expect(contact.document.getElementById("safeTimes")).not.toBeNull();
    expect(link(contact, "Back").getAttribute("href")).toBe("/apply/check#answer-contact-safeTimes");

    const tooLong = await submit(browser, contact, (form) => fill(form, "When is it safe to contact you? (optional)", "x".repeat(201)));
    expect(tooLong.url).toMatch(/\/apply\/contact\?change=contact-safeTimes$/);
    expectErrorSummaryIn(tooLong.document, [/200 characters or fewer/]);
    expect(link(tooLong, "Back").getAttribute("href")).toBe("/apply/check#answer-contact-safeTimes");

    // A good answer: redirected to check answers at the row.
    const form = tooLong.document.querySelector("form[method=post]") as HTMLFormElement;
    fill(form, "When is it safe to contact you? (optional)", "Weekdays after 7pm");
    const { action, body } = formRequest(tooLong, form);
    const sent = await browser.request(action, { body });
    expect(sent.status).toBe(303);
    expect(sent.headers.get("Location")).toBe("/apply/check#answer-contact-safeTimes");
    const changed = await browser.get("/apply/check");
    expect(answer(changed, "Contacting you safely", "Safe times")).toBe("Weekdays after 7pm");

    // A child: Change, then Continue, goes back to check answers, not the list of children.
    const childChange = link(changed, "Change child 1: name");
    expect(childChange.getAttribute("href")).toBe("/apply/children/1?change=child-1-fullName#fullName");
    const child = await browser.get(resolve(changed, childChange.getAttribute("href")));
    expect(link(child, "Back").getAttribute("href")).toBe("/apply/check#answer-child-1-fullName");
    const renamed = makeChild().fullName;
    const back = await submit(browser, child, (f) => fill(f, "Child's full name", renamed));
    expect(back.path).toBe("/apply/check");
    expect(answer(back, "Child 1", "Name")).toBe(renamed);
  });
});

describe("children", () => {
  it("add 3 children, remove the 2nd, change one from check answers; what is sent is what check answers showed", async () => {
    const [first, second, third] = [makeChild(), makeChild({ gender: "Boy", age: "9" }), makeChild({ age: "12" })];
    const answers = makeAnswers({ children: [first, second, third] });
    const browser = new HtmlBrowser();
    // walkApplication checks "You have added 1 child", "… 2 children", "… 3 children" on the way.
    const checkAnswers = await walkApplication(browser, answers);
    for (const child of [first, second, third]) expect(mainText(checkAnswers)).toContain(child.fullName);
    expect(Array.from(checkAnswers.document.querySelectorAll("h2")).map(text)).toContain("Child 3");

    // Change child 2: Back leads to check answers at that child's row.
    const change = link(checkAnswers, "Change child 2: name");
    expect(change.getAttribute("href")).toBe("/apply/children/2?change=child-2-fullName#fullName");
    expect(link(await browser.get(resolve(checkAnswers, change.getAttribute("href"))), "Back").getAttribute("href")).toBe("/apply/check#answer-child-2-fullName");
    expect(checkAnswers.document.getElementById("answer-child-2-fullName")).not.toBeNull();

    const list = await browser.get("/apply/children");
    expect(text(list.document.querySelector("h1"))).toBe("You have added 3 children");

    // Remove asks first; "No" keeps the child.
    const removeHref = link(list, `Remove ${second.fullName}`).getAttribute("href");
    expect(removeHref).toBe("/apply/children/2/remove");
    const remove = await browser.get(resolve(list, removeHref));
    expect(squash(remove.document.title)).toBe(`Remove a child – ${SERVICE_NAME}`);
    expect(group(remove.document, `Are you sure you want to remove ${second.fullName}?`)).toBeDefined();
    const unanswered = await submit(browser, remove, () => {});
    expect(unanswered.path).toBe("/apply/children/2/remove");
    expectErrorSummaryIn(unanswered.document, ["Select yes if you want to remove this child"]);
    const kept = await submit(browser, unanswered, (form) => check(group(form, `Are you sure you want to remove ${second.fullName}?`), "No"));
    expect(kept.path).toBe("/apply/children");
    expect(text(kept.document.querySelector("h1"))).toBe("You have added 3 children");

    // "Yes" removes it.
    const again = await browser.get(resolve(kept, link(kept, `Remove ${second.fullName}`).getAttribute("href")));
    const removed = await submit(browser, again, (form) => check(group(form, `Are you sure you want to remove ${second.fullName}?`), "Yes"));
    expect(removed.path).toBe("/apply/children");
    expect(text(removed.document.querySelector("h1"))).toBe("You have added 2 children");
    expect(Array.from(removed.document.querySelectorAll("main .govuk-summary-list .govuk-summary-list__key")).map(text)).toEqual([first.fullName, third.fullName]);
    expect(mainText(removed)).not.toContain(second.fullName);

    // No more children: everything is answered, so straight back to check answers.
    const afterList = await submit(browser, removed, (form) => check(group(form, "Do you need to add another child?"), "No"));
    expect(afterList.path).toBe("/apply/check");
    const headings = Array.from(afterList.document.querySelectorAll("h2")).map(text);
    expect(headings).toEqual(expect.arrayContaining(["Child 1", "Child 2"]));
    expect(headings).not.toContain("Child 3");
    expect(mainText(afterList)).toContain(first.fullName);
    expect(mainText(afterList)).toContain(third.fullName);
    expect(mainText(afterList)).not.toContain(second.fullName);

    // The Change link for a child leads back to that child, with its answers.
    const changeThird = await browser.get(resolve(afterList, link(afterList, "Change child 2: name").getAttribute("href")));
    expect(changeThird.url).toMatch(/\/apply\/children\/2\?change=child-2-fullName$/);
    expect(squash(changeThird.document.title)).toBe(`Change a child's details – ${SERVICE_NAME}`);
    expect(changeThird.document.querySelector("#fullName")?.getAttribute("value")).toBe(third.fullName);
    expect(changeThird.document.querySelector("#age")?.getAttribute("value")).toBe("12");
    const renamed = makeChild().fullName;
    const form = changeThird.document.querySelector("form[method=post]") as HTMLFormElement;
    fill(form, "Child's full name", renamed);
    const { action, body } = formRequest(changeThird, form);
    const sent = await browser.request(action, { body });
    // Straight back to check answers at that child, not the list of children.
    expect(sent.headers.get("Location")).toBe("/apply/check#answer-child-2-fullName");
    const final = await browser.get("/apply/check");
    expect(mainText(final)).toContain(renamed);
    expect(mainText(final)).not.toContain(third.fullName);

    // What is sent is what check answers showed.
    const confirmation = await acceptAndSend(browser, final);
    const people = peopleOfCase(caseByReference(referenceOf(confirmation))!.id);
    expect(people.filter((p) => p.role === "child").map((p) => [p.position, p.full_name, p.age_years])).toEqual([
      [1, first.fullName, 7],
      [2, renamed, 12],
    ]);
    expect(people.map((p) => p.full_name)).not.toContain(second.fullName);
  });

  it("a child number that does not exist is not found; the next free number adds a child", async () => {
    const browser = new HtmlBrowser();
    await walkApplication(browser, makeAnswers());
    for (const path of ["/apply/children/3", "/apply/children/0", "/apply/children/abc", "/apply/children/2/remove"]) {
      const shown = await browser.get(path);
      expect(shown.status, path).toBe(404);
      expect(text(shown.document.querySelector("h1")), path).toBe("Page not found");
    }
    const next = await browser.get("/apply/children/2");
    expect(next.status).toBe(200);
    expect(squash(next.document.title)).toBe(`Add a child – ${SERVICE_NAME}`);
  });
});

const QUESTION_REMINDER = "If a child is in danger now, call 999. You can carry on with this form afterwards.";

// What someone who says a child is in danger now is told (the client renders the same components):
// the Call 999 page, the reminder on every question page, and on check answers the reminder and
// each child by number. The walk through them with JavaScript is journey.spec.ts's.
describe("a child in danger now", () => {
  it("the Call 999 page, the reminder on each question page, and check answers' reminder and children by number", async () => {
    const answers = makeAnswers({ childInDanger: "Yes", children: [makeChild(), makeChild()] });
    const browser = new HtmlBrowser();

    const call999 = await walkApplication(browser, answers, { stopAt: "call-999" });
    expect(call999.path).toBe("/apply/call-999");
    expect(call999.document.title).toBe(`Call 999 now – ${SERVICE_NAME}`);
    expect(squash(call999.document.querySelector("main h1")?.textContent)).toBe("Call 999 now");
    expect(mainText(call999)).toContain("If a child is in danger now, call 999 and ask for the police.");
    const onward = Array.from(call999.document.querySelectorAll("main a")).find((a) => squash(a.textContent) === "Continue with the application");
    expect(onward?.getAttribute("role")).toBe("button");
    expect(onward?.getAttribute("href")).toBe("/apply/applicant");

    for (const path of ["/apply/applicant", "/apply/contact", "/apply/children/1", "/apply/subject", "/apply/subject-contact", "/apply/concern", "/apply/declarations"]) {
      const question = await browser.get(path);
      expect(question.path, path).toBe(path);
      expect(mainText(question), path).toContain(QUESTION_REMINDER);
    }

    const checkAnswers = await walkApplication(new HtmlBrowser(), answers);
    const text = mainText(checkAnswers);
    expect(text).toContain("You told us a child is in danger now. If you have not already, call 999.");
    const headings = Array.from(checkAnswers.document.querySelectorAll("main h2, main h3"), (h) => squash(h.textContent));
    expect(headings).toContain("Child 1");
    expect(headings).toContain("Child 2");
    for (const child of answers.children) expect(text).toContain(child.fullName);

    // Without a child in danger, none of it.
    const calmBrowser = new HtmlBrowser();
    const calm = await walkApplication(calmBrowser, makeAnswers({ childInDanger: "No" }));
    expect(mainText(calm)).not.toContain("You told us a child is in danger now");
    const calmQuestion = await calmBrowser.get("/apply/applicant");
    expect(calmQuestion.path).toBe("/apply/applicant");
    expect(mainText(calmQuestion)).not.toContain(QUESTION_REMINDER);
  });
});
