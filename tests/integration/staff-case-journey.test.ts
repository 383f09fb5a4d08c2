// The staff side of a whole case, in-process: the real route loaders and actions with real Requests,
// a real signed-in session and form token, the real SQLite file. A person's walk is followed page by
// page (each form sent once, each redirect followed), so the work a whole case takes is counted:
// issue 12 asked for it (a person walking it before counted about 39 page loads and 19 forms). Also
// what the staff accessibility browser tests used to check on the pages they reached by walking.
import { beforeAll, describe, expect, it } from "vitest";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { eq } from "drizzle-orm";
import * as casePage from "~/routes/staff.cases.$caseId";
import * as assessmentPage from "~/routes/staff.cases.$caseId_.assessment";
import * as checksCompletePage from "~/routes/staff.cases.$caseId_.checks-complete";
import * as checksPage from "~/routes/staff.cases.$caseId_.checks";
import * as closePage from "~/routes/staff.cases.$caseId_.close";
import * as decisionPage from "~/routes/staff.cases.$caseId_.decision";
import * as deliveryPage from "~/routes/staff.cases.$caseId_.delivery";
import * as riskCheckPage from "~/routes/staff.cases.$caseId_.risk-check";
import * as scopePage from "~/routes/staff.cases.$caseId_.scope";
import * as verificationPage from "~/routes/staff.cases.$caseId_.verification";
import * as queuePage from "~/routes/staff.cases._index";
import * as newCasePage from "~/routes/staff.cases.new";
import * as sessionEndedPage from "~/routes/staff.session-ended";
import * as staffAccountPage from "~/routes/staff.admin.users.$userId";
import * as newStaffPage from "~/routes/staff.admin.users.new";
import { caseSummary } from "~/services/case-view.server";
import { getDb, schema } from "~/services/db.server";
import { currentStep, totpCode } from "~/services/totp.server";
import { submitTestCase } from "../support/cases";
import { caseAtDecision, decide } from "../support/casework";
import { settled } from "../support/routes";
import { insertStaff, signedIn } from "../support/staff";

type Loader = (args: LoaderFunctionArgs) => unknown;
type Action = (args: ActionFunctionArgs) => unknown;
type Route = { loader: Loader; action?: Action };
type Data = Record<string, unknown>;

const ORIGIN = "http://localhost:3000";
const context = { cspNonce: "t", requestId: "staff-case-journey-test", clientIp: "127.0.0.1" };

/** The staff pages of a case, by address, as the app's routes match them. */
const CASE_FORMS: Record<string, Route> = {
  "risk-check": riskCheckPage,
  scope: scopePage,
  verification: verificationPage,
  checks: checksPage,
  "checks-complete": checksCompletePage,
  assessment: assessmentPage,
  decision: decisionPage,
  delivery: deliveryPage,
  close: closePage,
};

function routeOf(path: string): { route: Route; params: Record<string, string> } {
  const { pathname } = new URL(path, ORIGIN);
  if (pathname === "/staff/cases") return { route: queuePage, params: {} };
  if (pathname === "/staff/cases/new") return { route: newCasePage, params: {} };
  if (pathname === "/staff/admin/users/new") return { route: newStaffPage, params: {} };
  const account = /^\/staff\/admin\/users\/(\d+)$/.exec(pathname);
  if (account) return { route: staffAccountPage, params: { userId: account[1] } };
  const match = /^\/staff\/cases\/(\d+)(?:\/([a-z-]+))?$/.exec(pathname);
  const route = match && (match[2] ? CASE_FORMS[match[2]] : casePage);
  if (!match || !route) throw new Error(`no route in this test for ${path}`);
  return { route, params: { caseId: match[1] } };
}

/**
 * A signed-in member of staff with a browser's habits: a page is loaded (its loader run) when they
 * open an address or a form sends them on (its redirect followed); a form is sent with the page's
 * form token and its pre-filled values. Page loads and form submissions are counted.
 */
class Person {
  pageLoads = 0;
  submissions = 0;
  private cookies = new Map<string, string>();
  private csrf = "";
  shown = "";
  data: Data = {};

  static async signIn(userId: number) {
    const person = new Person();
    const { cookie, csrfToken } = await signedIn(userId, ORIGIN);
    person.remember(cookie);
    person.csrf = csrfToken;
    return person;
  }

  private remember(setCookie: string) {
    const [pair] = setCookie.split(";");
    const at = pair.indexOf("=");
    this.cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1));
  }

  private request(path: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers);
    headers.set("Cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    return new Request(new URL(path, ORIGIN), { ...init, headers });
  }

  private keepCookies(response: Response) {
    const headers = response.headers as Headers & { getSetCookie?: () => string[] };
    const all = headers.getSetCookie?.() ?? (headers.get("Set-Cookie") ? [headers.get("Set-Cookie")!] : []);
    for (const setCookie of all) this.remember(setCookie);
  }

  /** Opens a page: an address typed or followed, or where a form sent them. Each one is a page load. */
  async open(path: string): Promise<Data> {
    const { route, params } = routeOf(path);
    const result = await settled(() => route.loader({ request: this.request(path), params, context }));
    if (result instanceof Response) {
      this.keepCookies(result);
      const location = result.headers.get("Location");
      if (result.status >= 300 && result.status < 400 && location) return this.open(location);
      throw new Error(`${path}: ${result.status}`);
    }
    this.pageLoads += 1;
    this.shown = path;
    this.data = result as Data;
    return this.data;
  }

  /** On a case page: follows its button to the next stage's form (the page must offer it). */
  async follow(button: string): Promise<Data> {
    const step = (this.data.next as Array<{ path: string; text: string }> | undefined)?.find((s) => s.text === button);
    expect(step, `the case page offers "${button}"`).toBeDefined();
    return this.open(`${this.shown}/${step!.path}`);
  }

  /** Sends the form of the page shown (its defaults, then `fields`) to `path`; follows the redirect. */
  async send(path: string, fields: Record<string, string | string[]>): Promise<string> {
    const { route, params } = routeOf(path);
    const body = new URLSearchParams({ csrf: this.csrf });
    const values = { ...((this.data.defaults as Record<string, string> | undefined) ?? {}), ...fields };
    for (const [name, value] of Object.entries(values)) for (const v of [value].flat()) body.append(name, v);
    this.submissions += 1;
    const response = (await settled(() =>
      route.action!({ request: this.request(path, { method: "POST", body, headers: { "Content-Type": "application/x-www-form-urlencoded" } }), params, context }),
    )) as Response;
    expect(response.status, `${path} answers with a redirect`).toBe(303);
    this.keepCookies(response);
    const location = response.headers.get("Location")!;
    await this.open(location);
    return location;
  }
}

let reviewer: Awaited<ReturnType<typeof insertStaff>>;
let manager: Awaited<ReturnType<typeof insertStaff>>;

beforeAll(async () => {
  process.env.SUBMISSIONS_PER_IP_PER_HOUR = "1000";
  reviewer = await insertStaff(["reviewer"]);
  manager = await insertStaff(["manager"]);
});

const statusOf = (caseId: number) => caseSummary(caseId)!.status;
const today = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date()).split("-");

describe("a whole case on the staff side", () => {
  it("takes 13 form submissions and 22 page loads from the queue to closure, each form sent once", async () => {
    const { caseId, reference } = await submitTestCase();
    const casePath = `/staff/cases/${caseId}`;
    const form = (name: string) => `${casePath}/${name}`;
    const r = await Person.signIn(reviewer.user.id);
    const m = await Person.signIn(manager.user.id);

    // The reviewer takes the case from the queue and opens it.
    await r.open("/staff/cases?queue=unassigned");
    expect(await r.send("/staff/cases?queue=unassigned", { intent: "take", caseId: String(caseId) })).toBe("/staff/cases?queue=unassigned");
    expect(r.data.notice).toBe(`You have taken case ${reference}`);
    await r.open(casePath);

    // Each stage form, sent once, goes on to the next form or back to the case, the case moved on.
    await r.follow("Record the immediate-risk check");
    expect(await r.send(form("risk-check"), { immediateRisk: "no", actions: "none", suspectedAbuse: "no" })).toBe(form("scope"));
    expect(statusOf(caseId)).toBe("scope");
    expect(await r.send(form("scope"), { inScope: "yes" })).toBe(casePath);
    expect(statusOf(caseId)).toBe("verification");
    await r.follow("Record the interview and verification");
    const [year, month, day] = today();
    expect(
      await r.send(form("verification"), {
        interviewDay: String(Number(day)), interviewMonth: String(Number(month)), interviewYear: year,
        method: "in_person", identityDocuments: "passport", addressDocuments: "utility_bill", relationshipDocuments: "birth_certificate", result: "verified",
      }),
    ).toBe(form("checks"));
    expect(statusOf(caseId)).toBe("checks");
    const children = r.data.children as Array<{ id: number }>;
    for (const [checkType, result, findings] of [
      ["PNC (Police National Computer)", "trace", ["cso_convictions"]],
      ["PND (Police National Database)", "no_trace", []],
      ["ViSOR", "trace", ["registered_sex_offender"]],
      ["Children's social care", "no_trace", []],
    ] as const) {
      const plans = Object.fromEntries(children.map((c) => [`childPlan${c.id}`, "not_known"]));
      expect(await r.send(form("checks"), { checkType, result, findings: [...findings], resultSummary: `${checkType}: ${result}`, ...plans })).toBe(form("checks"));
    }
    expect([r.data.missing, r.data.canComplete]).toEqual([[], true]); // the checks page offers "Checks complete"
    expect(await r.send(form("checks-complete"), {})).toBe(form("assessment"));
    expect(statusOf(caseId)).toBe("assessment");
    expect(
      await r.send(form("assessment"), {
        csoConvictions: "yes", csoDetails: "Two convictions, 2009 and 2014.", registeredSexOffender: "yes", mappaManaged: "yes",
        mappaCategory: "1", mappaLevel: "1", mappaDecisionStatus: "made", mappaMeetingDay: String(Number(day)), mappaMeetingMonth: String(Number(month)), mappaMeetingYear: year,
        mappaDecision: "Disclosure supported.", riskToChild: "Regular contact at home.", necessity: "n", proportionality: "p", article8: "a8",
        representationsSought: "no", representationsReason: "Risk to the child.", recommendation: "disclose",
        recipientIs: "other", recipientName: "Pat Parent", recipientRelationship: "Mother", recipientReason: "Lives with the child", proposedWording: "The person has convictions.",
      }),
    ).toBe(casePath);
    expect(statusOf(caseId)).toBe("decision");

    // The manager signs with a fresh code from their authenticator.
    await m.open(casePath);
    await m.follow("Decide on the recommendation");
    const code = totpCode(manager.totpSecret, currentStep(new Date()));
    expect(await m.send(form("decision"), { assessmentId: String(m.data.assessmentId), decision: "approve", reasons: "Necessary and proportionate.", code })).toBe(casePath);
    expect(statusOf(caseId)).toBe("delivery");

    // The reviewer records the disclosure as approved (nothing to type about the recipient or words), then closes.
    await r.open(casePath);
    await r.follow("Record the disclosure or outcome");
    const route = Object.keys(r.data.routes as Record<string, string>)[0];
    expect(
      await r.send(form("delivery"), { decisionId: String((r.data.delivery as { decision: { id: number } }).decision.id), place: "Testtown police station", officers: "PC 1234 Example", warningsGiven: "Confidential.", undertaking: "signed", messageRoute: route }),
    ).toBe(casePath);
    expect(statusOf(caseId)).toBe("closure");
    await r.follow("Record outcomes and close");
    expect(await r.send(form("close"), {})).toBe(casePath);
    expect(statusOf(caseId)).toBe("closed");

    const pageLoads = r.pageLoads + m.pageLoads;
    const submissions = r.submissions + m.submissions;
    console.log(`Staff side of a whole case: ${pageLoads} page loads and ${submissions} form submissions`);
    // Thirteen forms are the journey's own: take, risk check, scope, verification, four checks,
    // checks complete, assessment, decision, disclosure record, closure.
    expect(submissions).toBe(13);
    expect(pageLoads).toBe(22);
  });
});

describe("what the staff pages show on the way", () => {
  it("the decision page refuses a reviewer: only a manager can decide", async () => {
    const { caseId } = await caseAtDecision(reviewer.user, "disclose");
    const r = await Person.signIn(reviewer.user.id);
    expect((await r.open(`/staff/cases/${caseId}/decision`)).blocked).toBe("Only a manager can do this");
    const m = await Person.signIn(manager.user.id);
    expect((await m.open(`/staff/cases/${caseId}/decision`)).blocked).toBeNull();
  });

  it("the delivery page shows the approved recipient and wording, with no field to change them; closing shows the outcome the records give", async () => {
    const { caseId } = await caseAtDecision(reviewer.user, "disclose", { assessment: { recipientName: "Canary Recipient", proposedWording: "Canary wording." } });
    expect(decide(caseId, manager.user, "approve", { reasons: "Reasons" })).toMatchObject({ ok: true });
    const r = await Person.signIn(reviewer.user.id);
    const page = await r.open(`/staff/cases/${caseId}/delivery`);
    expect(JSON.stringify(page.delivery)).toContain("Canary Recipient");
    expect(JSON.stringify(page.delivery)).toContain("Canary wording.");
    expect(Object.keys(page.defaults as Data)).not.toContain("recipientName");
    await r.send(`/staff/cases/${caseId}/delivery`, { decisionId: String((page.delivery as { decision: { id: number } }).decision.id), place: "P", officers: "O", warningsGiven: "W", undertaking: "signed", messageRoute: Object.keys(page.routes as Data)[0] });
    expect(JSON.stringify(await r.open(`/staff/cases/${caseId}/close`))).toContain("Disclosure (child sexual offence convictions)");
  });

  it("opening a case from the form stores it and goes to its page", async () => {
    const r = await Person.signIn(reviewer.user.id);
    await r.open("/staff/cases/new");
    const location = await r.send("/staff/cases/new", {
      channel: "proactive", urgent: "no", childName: "Canary Opened Child", subjectName: "Canary Opened Subject", contactTypes: "lives-with", concern: "Seen by a neighbourhood officer.",
    });
    const caseId = Number(/^\/staff\/cases\/(\d+)$/.exec(location)?.[1]);
    const row = getDb().select().from(schema.cases).where(eq(schema.cases.id, caseId)).get()!;
    expect(row).toMatchObject({ channel: "proactive", status: "checks" });
  });

  it("adding a member of staff stores the account, emails its set-up link and shows it; a manager's role waits for a second admin", async () => {
    const admin = await Person.signIn((await insertStaff(["admin"])).user.id);
    await admin.open("/staff/admin/users/new");
    const email = `canary.added.${Date.now()}@force.example`;
    const location = await admin.send("/staff/admin/users/new", { displayName: "Canary Added", email, roles: ["reviewer", "manager"] });
    const userId = Number(/^\/staff\/admin\/users\/(\d+)$/.exec(location)?.[1]);
    expect(getDb().select().from(schema.staffUsers).where(eq(schema.staffUsers.id, userId)).get()).toMatchObject({ email, displayName: "Canary Added", roles: ["reviewer"] });
    expect((admin.data.approvals as Array<{ what: string }>).map((a) => a.what)).toEqual(["Change roles to: Reviewer (public protection officer), Manager (public protection manager)"]);
    const mail = getDb().select().from(schema.outbox).where(eq(schema.outbox.toAddress, email)).all();
    expect(mail.map((m) => m.kind)).toEqual(["staff_setup_link"]);
    expect(mail[0].textBody).toMatch(/\/staff\/setup\?token=[A-Za-z0-9_%-]+/);
  });

  it("the session-ended page gives the reason asked for, and the idle one for anything else", () => {
    const reasonOf = (query: string) => (sessionEndedPage.loader({ request: new Request(`${ORIGIN}/staff/session-ended${query}`), params: {}, context }) as { reason: string }).reason;
    expect(["?reason=idle", "?reason=absolute", "?reason=deactivated", "?reason=other", ""].map(reasonOf)).toEqual(["idle", "absolute", "deactivated", "idle", "idle"]);
  });
});
