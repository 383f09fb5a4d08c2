// Printed documents (issue 12): the disclosure record with its undertaking and the outcome letter
// are staff pages that read the case, so each view is logged as a consultation (s.62), and they
// appear only when the case has them.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_APPLICANT_WORDING } from "~/domain/decision-binding";
import * as casePage from "~/routes/staff.cases.$caseId";
import * as disclosureRecordPage from "~/routes/staff.cases.$caseId_.disclosure-record";
import * as outcomeLetterPage from "~/routes/staff.cases.$caseId_.outcome-letter";
import * as tellApplicantPage from "~/routes/staff.cases.$caseId_.tell-applicant";
import { performAction } from "~/services/case-actions.server";
import { getDb, schema } from "~/services/db.server";
import { submitTestCase } from "../support/cases";
import { assessment, decide, deliver, mandatoryChecks } from "../support/casework";
import { renderPage, textOf } from "../support/render-route";
import { Browser, locationOf } from "../support/routes";
import { insertStaff, signedIn } from "../support/staff";

type Staff = Awaited<ReturnType<typeof insertStaff>>["user"];
let reviewer: Staff;
let manager: Staff;
let cookie = "";

beforeAll(async () => {
  process.env.SUBMISSIONS_PER_IP_PER_HOUR = "1000";
  reviewer = (await insertStaff(["reviewer"])).user;
  manager = (await insertStaff(["manager"])).user;
  cookie = (await signedIn(reviewer.id)).cookie;
});

const context = { cspNonce: "t", requestId: "printing-test", clientIp: "127.0.0.1" };
async function load<T>(route: { loader: (args: never) => T }, caseId: number, path: string) {
  const request = new Request(`http://localhost:3000/staff/cases/${caseId}/${path}`, { headers: { Cookie: cookie } });
  return (await route.loader({ request, context, params: { caseId: String(caseId) } } as never)) as Awaited<T>;
}
const consultations = (caseId: number, reason: string) =>
  getDb()
    .select()
    .from(schema.auditLog)
    .where(and(eq(schema.auditLog.entityType, "case"), eq(schema.auditLog.entityId, String(caseId)), eq(schema.auditLog.action, "consultation"), eq(schema.auditLog.reason, reason)))
    .all();

/** A case taken to a signed decision through the real state machine. */
async function decided(recommendation: "disclose" | "no_disclosure", contact: Record<string, string | readonly string[]>) {
  const { caseId } = await submitTestCase({ contact, childName: "Casey Print" });
  const steps = [
    { action: "risk_check", data: { immediateRisk: "no", actions: ["none"] } },
    { action: "scope_in", data: { inScope: true } },
    { action: "verification", data: { result: "verified" } },
  ] as const;
  for (const step of steps) expect(performAction(caseId, step, reviewer, "t")).toMatchObject({ ok: true });
  const disclose = recommendation === "disclose";
  for (const c of mandatoryChecks(disclose)) expect(performAction(caseId, { action: "add_check", check: c }, reviewer)).toMatchObject({ ok: true });
  expect(performAction(caseId, { action: "complete_checks" }, reviewer)).toMatchObject({ ok: true });
  const data = assessment(recommendation, { recipientName: disclose ? "Pat Parent" : undefined, proposedWording: disclose ? "He has convictions for offences against children." : undefined });
  expect(performAction(caseId, { action: "submit_assessment", data }, reviewer)).toMatchObject({ ok: true });
  expect(decide(caseId, manager, "approve", { reasons: "Agreed" })).toMatchObject({ ok: true, status: "delivery" });
  return caseId;
}

describe("the disclosure record", () => {
  it("shows the approved recipient and words with the undertaking, and logs the view as a consultation", async () => {
    const caseId = await decided("disclose", { methods: ["phone"], phone: "07700 900 982", leaveMessages: "no" });
    const page = await load(disclosureRecordPage, caseId, "disclosure-record");
    if (!page.ok) throw new Error(page.reason);
    expect(page.record).toMatchObject({ recipient: "Pat Parent", wording: "He has convictions for offences against children.", children: ["Casey Print"] });
    expect(page.record.undertaking).toContain("I will use it only to protect Casey Print.");
    expect(consultations(caseId, "disclosure record viewed for printing")).toHaveLength(1);
    // The case page links to it; a phone-only applicant gets no letter.
    expect((await load(casePage, caseId, "")).printable).toEqual({ disclosureRecord: true, outcomeLetter: false });
    expect(await load(outcomeLetterPage, caseId, "outcome-letter")).toMatchObject({ ok: false, reason: expect.stringMatching(/did not say a letter is a safe way/) });
  });

  it("is not offered for a case with no disclosure approved", async () => {
    const caseId = await decided("no_disclosure", { methods: ["letter"], leaveMessages: "no" });
    expect(await load(disclosureRecordPage, caseId, "disclosure-record")).toMatchObject({ ok: false });
    expect((await load(casePage, caseId, "")).printable).toEqual({ disclosureRecord: false, outcomeLetter: true });
  });
});

describe("the outcome letter", () => {
  it("goes to an applicant who chose post, in the controlled wording, and the view is logged", async () => {
    const caseId = await decided("no_disclosure", { methods: ["letter"], leaveMessages: "no" });
    const page = await load(outcomeLetterPage, caseId, "outcome-letter");
    if (!page.ok) throw new Error(page.reason);
    expect(page.letter).toMatchObject({ name: "Alex Applicant", addressLines: ["1 High Street", "Exampleton", "AB1 2CD"] });
    expect(page.letter.paragraphs).toContain(DEFAULT_APPLICANT_WORDING);
    expect(page.letter.paragraphs.join(" ")).not.toMatch(/no disclosure|Sam Subject|conviction/i);
    expect(consultations(caseId, "outcome letter viewed for printing")).toHaveLength(1);
  });
});

// Moved from the browser (tests/e2e/printing.spec.ts, which keeps the print layout and the axe
// scans): what each printable page says, rendered from its loader's data.
describe("the printed pages' words", () => {
  const RECIPIENT = "Robin Recipientcanary";
  const WORDING = "WordingCanary The person has convictions for sexual offences against children.";
  const render = async <T,>(route: Parameters<typeof renderPage>[0] & { loader: (args: never) => T }, caseId: number, path: string) => {
    const data = await load(route, caseId, path);
    return renderPage(route, data, `/staff/cases/${caseId}${path ? `/${path}` : ""}`);
  };
  const regionText = (page: Document, name: string) =>
    [...page.querySelectorAll("section, [role=region]")].find((r) => r.querySelector("h2, h3")?.textContent?.trim() === name)?.textContent ?? "";

  /** To a decision to disclose to someone other than the applicant, who chose post. */
  async function atDecision() {
    const { caseId } = await submitTestCase({ contact: { methods: ["letter"], leaveMessages: "no" }, childName: "Poppy Printcase" });
    for (const step of [
      { action: "risk_check", data: { immediateRisk: "no", actions: ["none"] } },
      { action: "scope_in", data: { inScope: true } },
      { action: "verification", data: { result: "verified" } },
    ] as const) expect(performAction(caseId, step, reviewer, "t")).toMatchObject({ ok: true });
    for (const c of mandatoryChecks(true)) expect(performAction(caseId, { action: "add_check", check: c }, reviewer)).toMatchObject({ ok: true });
    expect(performAction(caseId, { action: "complete_checks" }, reviewer)).toMatchObject({ ok: true });
    expect(performAction(caseId, { action: "submit_assessment", data: assessment("disclose", { recipientName: RECIPIENT, proposedWording: WORDING }) }, reviewer)).toMatchObject({ ok: true });
    return caseId;
  }

  it("before the decision: no link, and the record page says there is nothing to print (the view still logged)", async () => {
    const caseId = await atDecision();
    const casePageHtml = await render(casePage, caseId, "");
    expect([...casePageHtml.querySelectorAll("a")].map((a) => a.textContent)).not.toContain("Disclosure record and confidentiality undertaking");
    const record = await render(disclosureRecordPage, caseId, "disclosure-record");
    expect(textOf(record, ".govuk-inset-text")).toBe("No disclosure has been approved on this case, so there is no disclosure record to print.");
    expect(consultations(caseId, "disclosure record viewed for printing")).toHaveLength(1);
  });

  it("the disclosure record, its undertaking and signature lines; once delivered, its place, officers and undertaking", async () => {
    const caseId = await atDecision();
    expect(decide(caseId, manager, "approve", { reasons: "Presumption to disclose; necessary and proportionate." })).toMatchObject({ ok: true });
    const casePageHtml = await render(casePage, caseId, "");
    const links = [...casePageHtml.querySelectorAll("a")];
    expect(links.find((a) => a.textContent === "Disclosure record and confidentiality undertaking")?.getAttribute("href")).toBe(`/staff/cases/${caseId}/disclosure-record`);
    expect(links.find((a) => a.textContent === "Outcome letter to the applicant")?.getAttribute("href")).toBe(`/staff/cases/${caseId}/outcome-letter`);

    const page = await render(disclosureRecordPage, caseId, "disclosure-record");
    const main = textOf(page, "body");
    expect(textOf(page, "h1")).toBe("Disclosure record and confidentiality undertaking");
    expect(main).toContain(RECIPIENT);
    expect(main).toContain(WORDING);
    expect(main).toContain("I will use it only to protect Poppy Printcase.");
    expect(main).toContain("Do not share it with anyone else unless the police have agreed.");
    expect([...page.querySelectorAll("h2")].map((h) => h.textContent)).toContain("Confidentiality undertaking");
    expect(regionText(page, "Signed by the recipient")).toContain("Signature");
    expect(regionText(page, "Signed by the officers")).toContain("Name and collar number");
    expect(textOf(page, ".app-protective-marking")).toBe("OFFICIAL-SENSITIVE");
    // Without scripts the page says how to print (the button, made by script, is checked in the browser).
    expect([...page.querySelectorAll(".app-print-hide")].map((e) => e.textContent)).toContain("To print this page, use your browser's print command (for example Ctrl and P).");
    expect(main).not.toContain("Undertaking recorded as");

    expect(deliver(caseId, reviewer, true, { data: { place: "Testtown police station", officers: "PC 1234 Example, DC 5678 Example", warningsGiven: "Told it is confidential.", undertaking: "signed" } })).toMatchObject({ ok: true });
    const delivered = textOf(await render(disclosureRecordPage, caseId, "disclosure-record"), "body");
    expect(delivered).toContain("Testtown police station");
    expect(delivered).toContain("PC 1234 Example, DC 5678 Example");
    expect(delivered).toContain("Undertaking recorded as: Signed.");
    // Every view reads the case: each one logged.
    expect(consultations(caseId, "disclosure record viewed for printing")).toHaveLength(2);
  });

  it("the case record's print part, and the outcome letter to the applicant who is not the recipient", async () => {
    const caseId = await atDecision();
    expect(decide(caseId, manager, "approve", { reasons: "Agreed" })).toMatchObject({ ok: true });
    const record = await render(casePage, caseId, "");
    const print = [...record.querySelectorAll("section, [role=region]")].find((r) => r.getAttribute("aria-label") === "Print" || r.querySelector("h2")?.textContent === "Print");
    expect(print?.querySelector(".app-print-hide")?.textContent).toBe("To print this page, use your browser's print command (for example Ctrl and P).");
    expect([...record.querySelectorAll("h2")].map((h) => h.textContent)).toContain("The application");
    expect(textOf(record, "body")).toContain("Poppy Printcase");
    expect(record.querySelector(".app-identity-bar .app-protective-marking")).not.toBeNull();

    const letter = await render(outcomeLetterPage, caseId, "outcome-letter");
    const text = textOf(letter, "body");
    expect(textOf(letter, "h1")).toBe("Outcome letter to the applicant");
    expect(text).toContain("Dear Alex Applicant,");
    expect(text).toContain("AB1 2CD");
    expect(text).toContain("have taken any action needed to protect the child");
    // Nothing of the disclosure made to someone else.
    expect(text).not.toContain(RECIPIENT);
    expect(text).not.toContain("WordingCanary");
    expect(letter.querySelector(".app-letter")).not.toBeNull();
    expect(letter.querySelectorAll(".app-protective-marking")).toHaveLength(0);
    expect(consultations(caseId, "outcome letter viewed for printing")).toHaveLength(1);
  });

  it("once closed, the applicant who chose post is told by letter: one way offered, the date needed, then recorded on the case", async () => {
    const caseId = await atDecision();
    expect(decide(caseId, manager, "approve", { reasons: "Agreed" })).toMatchObject({ ok: true });
    expect(deliver(caseId, reviewer, true, { data: { place: "Testtown", officers: "PC 1", warningsGiven: "Told.", undertaking: "signed" } })).toMatchObject({ ok: true });
    expect(performAction(caseId, { action: "close", outcomes: ["disclosure_cso"] }, reviewer)).toMatchObject({ ok: true, status: "closed" });
    const { cookie: session, csrfToken } = await signedIn(reviewer.id);
    const browser = new Browser();
    const path = `/staff/cases/${caseId}/tell-applicant`;
    const params = { caseId: String(caseId) };
    const show = async () => {
      const response = await browser.get(path, (args) => tellApplicantPage.loader({ ...args, request: new Request(args.request.url, { headers: { Cookie: `${session}; ${args.request.headers.get("Cookie") ?? ""}` } }) } as never), params);
      const data = await response.json();
      return { data, page: await renderPage(tellApplicantPage, data, path) };
    };
    const send = (body: Record<string, string>) =>
      browser.post(path, (args) => tellApplicantPage.action({ ...args, request: new Request(args.request.url, { method: "POST", body: new URLSearchParams({ csrf: csrfToken, ...body }), headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: `${session}; ${args.request.headers.get("Cookie") ?? ""}` } }) } as never), new URLSearchParams(), params);

    const first = await show();
    expect(textOf(first.page, "h1")).toBe("Tell the applicant the case is closed");
    expect([...first.page.querySelectorAll("input[type=radio]")].map((r) => r.getAttribute("value"))).toEqual(["letter"]);
    const noDate = await send({ route: "letter" });
    expect(locationOf(noDate)).toBe(path);
    const withError = await show();
    expect(textOf(withError.page, ".govuk-error-summary")).toContain("Enter the date you told them");

    const today = new Date();
    const saved = await send({ route: "letter", toldDay: String(today.getDate()), toldMonth: String(today.getMonth() + 1), toldYear: String(today.getFullYear()) });
    expect(locationOf(saved)).toBe(`/staff/cases/${caseId}`);
    const caseResponse = await browser.get(`/staff/cases/${caseId}`, (args) => casePage.loader({ ...args, request: new Request(args.request.url, { headers: { Cookie: `${session}; ${args.request.headers.get("Cookie") ?? ""}` } }) } as never), params);
    const caseHtml = await renderPage(casePage, await caseResponse.json(), `/staff/cases/${caseId}`);
    expect(textOf(caseHtml, ".govuk-notification-banner")).toContain("Recorded: the applicant was told the case is closed");
    const card = [...caseHtml.querySelectorAll(".govuk-summary-card")].find((c) => c.textContent?.includes("Applicant told the case is closed"));
    expect(card?.textContent).toContain("We have finished dealing with your enquiry.");
    expect(textOf(caseHtml, "body")).toContain("Applicant told the case is closed (letter to your address)");
  });
});
