// Sending the application, on the pages the server renders: one draft makes exactly one case
// (sent again, from an old page, or by parallel posts), and hostile input (very long answers,
// markup and SQL, bots) gets a clear answer and is never run. The browser keeps the double-click
// guard and the Back button (tests/e2e/double-submit.spec.ts) and the cross-site refusals, which
// the Express server makes (tests/e2e/hostile.spec.ts).
import { describe, expect, it } from "vitest";
import { getSqlite } from "~/services/db.server";
import {
  answerApplicant,
  formOf,
  formRequest,
  squash,
  submit,
  walkApplication,
  type ShownPage,
} from "../support/application-forms";
import { expectErrorSummaryIn } from "../support/error-summary-html";
import { HtmlBrowser } from "../support/rendered-app";
import { makeAnswers } from "../e2e/support/test-data";

const text = (node: ParentNode | null | undefined) => squash(node?.textContent);
const referenceOf = (shown: ShownPage) => {
  expect(shown.path).toBe("/apply/confirmation");
  return text(shown.document.querySelector(".govuk-panel--confirmation strong"));
};

function casesForApplicant(fullName: string) {
  return getSqlite()
    .prepare("SELECT c.* FROM cases c JOIN case_people p ON p.case_id = c.id AND p.role = 'applicant' WHERE p.full_name = ? ORDER BY c.id")
    .all(fullName) as Array<{ reference: string; submission_key: string; concern: string; contact_details: string | null }>;
}

const outboxRowsTo = (address: string) => getSqlite().prepare("SELECT id FROM outbox WHERE to_address = ?").all(address);

describe("one draft makes one case", () => {
  it("sent, then sent again from the old page or by a repeated post, shows the same reference; check answers is not shown again", async () => {
    const answers = makeAnswers();
    const browser = new HtmlBrowser();
    const checkAnswers = await walkApplication(browser, answers);
    // The form a person sees after going Back, or in a second tab, still showing check answers.
    const stale = formRequest(checkAnswers, formOf(checkAnswers, "Accept and send"));

    const reference = referenceOf(await submit(browser, checkAnswers, () => {}, "Accept and send"));
    expect(referenceOf(await browser.get("/apply/check"))).toBe(reference);
    expect(referenceOf(await browser.post(stale.action, stale.body))).toBe(reference);
    // Posting the check form again, as a browser re-submitting it would.
    const again = await browser.post("/apply/check", new URLSearchParams());
    expect(again.status).toBe(200);
    expect(referenceOf(again)).toBe(reference);

    expect(casesForApplicant(answers.applicant.fullName).map((c) => c.reference)).toEqual([reference]);
    expect(outboxRowsTo(answers.contact.email!)).toHaveLength(1);
  });

  it("5 parallel posts of the check form make one case and all get the same reference", async () => {
    const answers = makeAnswers();
    const browser = new HtmlBrowser();
    await walkApplication(browser, answers);
    const responses = await Promise.all(Array.from({ length: 5 }, () => browser.post("/apply/check", new URLSearchParams())));
    const references = responses.map((r) => {
      expect(r.status).toBe(200);
      return referenceOf(r);
    });
    const reference = references[0];
    expect(references).toEqual(Array(5).fill(reference));

    const cases = casesForApplicant(answers.applicant.fullName);
    expect(cases.map((c) => c.reference)).toEqual([reference]);
    expect(cases[0].submission_key).toMatch(/^draft-\d+$/);
    expect(outboxRowsTo(answers.contact.email!)).toHaveLength(1);
    // The same confirmation afterwards, and check answers is not shown again for a sent application.
    expect(referenceOf(await browser.get("/apply/confirmation"))).toBe(reference);
    expect(referenceOf(await browser.get("/apply/check"))).toBe(reference);
  });
});

describe("hostile input", () => {
  it("a 10,000-character name gets a clear error, not a server error; shortened, the page moves on", async () => {
    const answers = makeAnswers();
    const browser = new HtmlBrowser();
    const page = await walkApplication(browser, answers, { stopAt: "applicant" });
    const longName = `${answers.applicant.fullName}${"x".repeat(10_000 - answers.applicant.fullName.length)}`;
    expect(longName).toHaveLength(10_000);
    const { action, body } = formRequest(page, formOf(page));
    body.set("fullName", longName);
    for (const [name, value] of Object.entries({ dobDay: "27", dobMonth: "3", dobYear: "1985", addressLine1: "1 Test Street", town: "Testtown", postcode: "AA1 1AA", interpreter: "no" })) {
      body.set(name, value);
    }
    const sent = await browser.request(action, { body });
    expect(sent.status).toBe(303);
    const shown = await browser.get("/apply/applicant");
    expect(shown.status).toBe(200);
    expectErrorSummaryIn(shown.document, ["Your full name must be 100 characters or fewer"]);
    expect(text(shown.document.querySelector("#fullName-error"))).toContain("Your full name must be 100 characters or fewer");
    const next = await submit(browser, shown, (form) => answerApplicant(form, answers.applicant));
    expect(next.path).toBe("/apply/contact");
  });

  it("markup and SQL in the answers are shown as text on check answers and stored verbatim", async () => {
    const concern = `<script>alert(1)</script> '; DROP TABLE cases; -- <img src=x onerror="alert(2)"> "quoted" & done`;
    const answers = makeAnswers({ concern, contactDetails: `<b>bold</b> {{constructor}} \${1+1}` });
    answers.contactTypes = ["Another way"];
    const browser = new HtmlBrowser();
    const checkAnswers = await walkApplication(browser, answers);
    const main = checkAnswers.document.querySelector("main")!;
    const values = Array.from(main.querySelectorAll(".govuk-summary-list__value")).map(text);
    expect(values).toContain(concern);
    expect(values).toContain(answers.contactDetails);
    expect(main.querySelectorAll("script, img, b")).toHaveLength(0);

    const reference = referenceOf(await submit(browser, checkAnswers, () => {}, "Accept and send"));
    const saved = casesForApplicant(answers.applicant.fullName);
    expect(saved.map((c) => c.reference)).toEqual([reference]); // the cases table is still there
    expect(saved[0].concern).toBe(concern);
    expect(saved[0].contact_details).toBe(answers.contactDetails);
  });

  it("a filled honeypot gets 400 and saves nothing: no draft for a bot on the first page, no case from check answers", async () => {
    const bot = new HtmlBrowser();
    const first = await bot.request("/apply/danger", { body: new URLSearchParams({ childInDanger: "no", contact_me_by_fax: "01632 960000" }) });
    expect(first.status).toBe(400);
    expect(first.headers.get("Set-Cookie") ?? "").not.toContain("csods_draft");
    expect(bot.cookie("csods_draft")).toBeUndefined();

    const answers = makeAnswers();
    const browser = new HtmlBrowser();
    const checkAnswers = await walkApplication(browser, answers);
    // People never reach it: out of the tab order, hidden from assistive technology.
    const honeypot = checkAnswers.document.querySelector("#contact_me_by_fax")!;
    expect(honeypot.getAttribute("tabindex")).toBe("-1");
    expect(honeypot.closest("[aria-hidden=true]")).not.toBeNull();
    const { action, body } = formRequest(checkAnswers, formOf(checkAnswers, "Accept and send"));
    body.set("contact_me_by_fax", "buy now");
    expect((await browser.request(action, { body })).status).toBe(400);
    expect(casesForApplicant(answers.applicant.fullName)).toEqual([]);
  });
});
