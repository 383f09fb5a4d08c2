// The application's question pages as the server renders them (what a browser without
// JavaScript shows): each page sent empty shows every error at once in an error summary whose
// links target the fields; answers already typed are kept; what the date inputs accept.
// Client-side behaviour (focus on the summary, answers kept in a hydrated page) is in
// tests/e2e/validation.spec.ts.
import { describe, expect, it } from "vitest";
import {
  answerApplicant,
  answerChild,
  answerContact,
  answerDeclarations,
  answerSubject,
  answerSubjectContact,
  check,
  control,
  fill,
  formOf,
  formRequest,
  group,
  squash,
  submit,
  walkApplication,
  type ShownPage,
} from "../support/application-forms";
import { expectErrorSummaryIn } from "../support/error-summary-html";
import { HtmlBrowser } from "../support/rendered-app";
import type { StepName } from "../e2e/support/journey";
import { makeAnswers, type Answers } from "../e2e/support/test-data";

/** What each question page says when it is sent empty, in the journey's order. */
const EMPTY_PAGE_ERRORS: Array<[StepName, RegExp, string[]]> = [
  ["danger", /^\/apply\/danger$/, ["Select yes if a child is in danger now"]],
  // Every error at once (GOV.UK), the date of birth included, in page order.
  [
    "applicant",
    /^\/apply\/applicant$/,
    [
      "Enter your full name",
      "Enter your date of birth",
      "Enter the first line of your address",
      "Enter your town or city",
      "Enter your postcode",
      "Select yes if you need an interpreter",
    ],
  ],
  ["contact", /^\/apply\/contact$/, ["Select at least one safe way to contact you", "Select yes if it is safe to leave you a message"]],
  [
    "child",
    /^\/apply\/children\/1$/,
    [
      "Enter the child's name",
      "Select whether you know their date of birth or age",
      "Select the child's gender, or I do not know",
      "Enter where the child lives or who they live with",
      "Enter your relationship to the child",
      "Select whether the child's parents or carers know you are asking",
    ],
  ],
  ["children", /^\/apply\/children$/, ["Select yes if you need to add another child"]],
  [
    "subject",
    /^\/apply\/subject$/,
    ["Enter the person's name", "Select whether you know their date of birth or age", "Select yes if you know where the person lives"],
  ],
  ["subject-contact", /^\/apply\/subject-contact$/, ["Select how the person has contact with the child"]],
  ["concern", /^\/apply\/concern$/, ["Tell us why you are worried about the person"]],
  ["declarations", /^\/apply\/declarations$/, ["Confirm all 4 statements to continue"]],
];

/** Answers a question page's form (what `walkApplication` does on each page). */
function answerStep(step: StepName, form: HTMLFormElement, answers: Answers): void {
  switch (step) {
    case "danger":
      return check(group(form, "Is a child in danger now?"), answers.childInDanger);
    case "applicant":
      return answerApplicant(form, answers.applicant);
    case "contact":
      return answerContact(form, answers.contact);
    case "child":
      return answerChild(form, answers.children[0]);
    case "children":
      return check(group(form, "Do you need to add another child?"), "No");
    case "subject":
      return answerSubject(form, answers.subject);
    case "subject-contact":
      return answerSubjectContact(form, answers);
    case "concern":
      return fill(form, "Why are you worried about the person?", answers.concern);
    case "declarations":
      return answerDeclarations(form);
    default:
      throw new Error(`Not a question page: ${step}`);
  }
}

const title = (shown: ShownPage) => squash(shown.document.title);
const valueOf = (shown: ShownPage, label: string, scope: ParentNode = shown.document) => control(scope, label).getAttribute("value");

/** A browser that has answered every question before "Your details", and that page. */
async function atApplicant() {
  const browser = new HtmlBrowser();
  const answers = makeAnswers();
  const page = await walkApplication(browser, answers, { stopAt: "applicant" });
  return { browser, answers, page };
}

describe("every question page sent empty", () => {
  it("shows every error at once, in page order, in a summary whose links target fields on the page; answered, it moves on", async () => {
    const browser = new HtmlBrowser();
    const answers = makeAnswers();
    let page = await walkApplication(browser, answers, { stopAt: "danger" });
    const checked: StepName[] = [];
    for (const [step, path, messages] of EMPTY_PAGE_ERRORS) {
      expect(page.path, step).toMatch(path);
      const before = title(page);
      expect(before, step).not.toMatch(/^Error: /);
      // Sent as a browser sends the untouched form: POST → 303 → GET, the same address.
      const { action, body } = formRequest(page, formOf(page));
      const empty = await browser.post(action, body);
      expect(empty.path, step).toBe(page.path);
      expect(empty.status, step).toBe(200);
      expect(title(empty), step).toBe(`Error: ${before}`);
      expectErrorSummaryIn(empty.document, messages);
      checked.push(step);
      // Answered on the page that shows the errors, it moves on.
      page = await submit(browser, empty, (form) => answerStep(step, form, answers));
      expect(title(page), step).not.toMatch(/^Error: /);
    }
    expect(checked).toEqual(["danger", "applicant", "contact", "child", "children", "subject", "subject-contact", "concern", "declarations"]);
    expect(page.path).toBe("/apply/check");
  });
});

describe("answers already typed", () => {
  it("are kept when the page has an error, the date highlighted and its message with the field; corrected, the page moves on", async () => {
    const { browser, answers, page } = await atApplicant();
    const shown = await submit(browser, page, (form) => answerApplicant(form, { ...answers.applicant, dob: { day: "31", month: "2", year: "2020" } }));
    expect(shown.path).toBe("/apply/applicant");
    expect(title(shown)).toMatch(/^Error: Your details – /);
    expectErrorSummaryIn(shown.document, ["Your date of birth must be a real date"]);
    expect(valueOf(shown, "Full name")).toBe(answers.applicant.fullName);
    expect(valueOf(shown, "Address line 1")).toBe(answers.applicant.addressLine1);
    expect(valueOf(shown, "Town or city")).toBe(answers.applicant.town);
    expect(valueOf(shown, "Postcode")).toBe(answers.applicant.postcode);
    const dob = group(shown.document, "Date of birth");
    expect([valueOf(shown, "Day", dob), valueOf(shown, "Month", dob), valueOf(shown, "Year", dob)]).toEqual(["31", "2", "2020"]);
    expect(control(group(shown.document, "Do you need an interpreter?"), "No").hasAttribute("checked")).toBe(true);
    // The date inputs are highlighted and the message is shown with the field.
    expect(control(dob, "Day").classList.contains("govuk-input--error")).toBe(true);
    expect(squash(shown.document.querySelector("#dob-error")?.textContent)).toContain("Your date of birth must be a real date");

    // Missing answers elsewhere on the page keep what was typed too.
    const twice = await submit(browser, shown, (form) => fill(form, "Town or city", ""));
    expectErrorSummaryIn(twice.document, ["Your date of birth must be a real date", "Enter your town or city"]);
    expect(valueOf(twice, "Full name")).toBe(answers.applicant.fullName);
    expect(valueOf(twice, "Day", group(twice.document, "Date of birth"))).toBe("31");

    // Corrected, the page moves on.
    const next = await submit(browser, twice, (form) => {
      fill(form, "Town or city", answers.applicant.town);
      fill(group(form, "Date of birth"), "Day", "28");
    });
    expect(next.path).toBe("/apply/contact");
    expect(title(next)).not.toMatch(/^Error: /);
  });
});

describe("dates", () => {
  async function tryDate(dob: { day: string; month: string; year: string }) {
    const { browser, answers, page } = await atApplicant();
    return submit(browser, page, (form) => answerApplicant(form, { ...answers.applicant, dob }));
  }

  it("31 2 2020 must be a real date", async () => {
    const shown = await tryDate({ day: "31", month: "2", year: "2020" });
    expect(shown.path).toBe("/apply/applicant");
    expectErrorSummaryIn(shown.document, ["Your date of birth must be a real date"]);
  });

  it("a date in the future is refused", async () => {
    const shown = await tryDate({ day: "1", month: "1", year: String(new Date().getFullYear() + 1) });
    expect(shown.path).toBe("/apply/applicant");
    expectErrorSummaryIn(shown.document, ["Your date of birth must be today or in the past"]);
  });

  for (const [what, dob] of [
    ["spaces around the numbers are accepted", { day: " 7 ", month: " 3 ", year: "1985" }],
    ["a month typed as a word is accepted", { day: "7", month: "March", year: "1985" }],
  ] as const) {
    it(`${what}, and check answers shows the date in words`, async () => {
      const answers = makeAnswers();
      answers.applicant.dob = { ...dob };
      // walkApplication checks the applicant page moves on to /apply/contact without an error.
      const checkAnswers = await walkApplication(new HtmlBrowser(), answers);
      const row = Array.from(checkAnswers.document.querySelectorAll(".govuk-summary-list__row")).find(
        (r) => squash(r.querySelector("dt")?.textContent) === "Date of birth",
      );
      expect(squash(row?.querySelector("dd")?.textContent)).toBe("7 March 1985");
    });
  }
});
