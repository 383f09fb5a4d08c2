// Finding a case over a real SQLite database: by reference typed any way, by part of a name
// (accents and punctuation ignored), date of birth and postcode, open and closed; the results page
// keeps names out of its address, is its searcher's only, and logs one consultation per case shown.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { errorSummaryItems } from "~/domain/form-spec";
import { criteriaOf, searchForm, searchSchema, type SearchCriteria } from "~/domain/search";
import * as queuePage from "~/routes/staff.cases._index";
import * as searchPage from "~/routes/staff.search";
import { action, loader } from "~/routes/staff.search";
import { now } from "~/services/app-clock.server";
import { findCases } from "~/services/case-search.server";
import { countQueries, getDb, schema } from "~/services/db.server";
import { submitTestCase } from "../support/cases";
import { renderPage, textOf } from "../support/render-route";
import { insertStaff, signedIn } from "../support/staff";

type Staff = Awaited<ReturnType<typeof insertStaff>>["user"];
let reviewer: Staff;
let other: Staff;
let open: { caseId: number; reference: string };
let closed: { caseId: number; reference: string };
let namesake: { caseId: number; reference: string };

const context = { cspNonce: "t", requestId: "search-test", clientIp: "127.0.0.1" };

/** Criteria as the form would give them. */
function criteria(form: Record<string, string>): SearchCriteria {
  const today = now();
  const parsed = searchSchema(today).safeParse({ purpose: "casework", ...form });
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join("; "));
  const v = parsed.data;
  const dob = v.dobYear ? `${v.dobYear}-${v.dobMonth!.padStart(2, "0")}-${v.dobDay!.padStart(2, "0")}` : undefined;
  return criteriaOf(v, dob);
}
const refsOf = (form: Record<string, string>) => findCases(criteria(form)).results.map((r) => r.reference).sort();

beforeAll(async () => {
  reviewer = (await insertStaff(["reviewer"])).user;
  other = (await insertStaff(["reviewer"])).user;
  open = await submitTestCase({ childName: "Maisie Ó'Connor-Whitfield", subjectName: "Derek Brannigan" });
  closed = await submitTestCase({ childName: "Tilly Whitfield", subjectName: "Gareth Jo Pike" });
  namesake = await submitTestCase({ childName: "Oscar Lang", subjectName: "Tilly Whitfield" });
  const at = now();
  getDb().update(schema.cases).set({ status: "closed", closedAt: at, nextDueAt: null }).where(eq(schema.cases.id, closed.caseId)).run();
});

describe("finding cases", () => {
  it("finds a case by its reference typed in lower case without hyphens", () => {
    expect(refsOf({ reference: closed.reference.toLowerCase().replace(/-/g, "") })).toEqual([closed.reference]);
    expect(refsOf({ reference: ` ${closed.reference.toLowerCase()} ` })).toEqual([closed.reference]);
  });

  it("finds cases by part of a name, ignoring case, accents and punctuation", () => {
    expect(refsOf({ name: "whitfield" })).toEqual([open.reference, closed.reference, namesake.reference].sort());
    expect(refsOf({ name: "OCONNOR" })).toEqual([open.reference]);
    expect(refsOf({ name: "o'connor" })).toEqual([open.reference]);
    expect(refsOf({ name: "brannig" })).toEqual([open.reference]);
    expect(refsOf({ name: "maisie whitfield" })).toEqual([open.reference]);
    // A short word is checked too: "Jo" is one of Gareth Jo Pike's names, not part of "Jones".
    expect(refsOf({ name: "pike jo" })).toEqual([closed.reference]);
    expect(refsOf({ name: "nobody-at-all" })).toEqual([]);
  });

  it("narrows by whose name it is, and by open or closed", () => {
    expect(refsOf({ name: "tilly whitfield", role: "child" })).toEqual([closed.reference]);
    expect(refsOf({ name: "tilly whitfield", role: "subject" })).toEqual([namesake.reference]);
    expect(refsOf({ name: "whitfield", state: "closed" })).toEqual([closed.reference]);
    expect(refsOf({ name: "whitfield", state: "open" })).toEqual([open.reference, namesake.reference].sort());
  });

  it("finds cases by date of birth and by postcode, with or without its space", () => {
    // Every test applicant is born on 7 March 1985 and lives at AB1 2CD.
    const mine = [open.reference, closed.reference, namesake.reference];
    expect(refsOf({ dobDay: "7", dobMonth: "3", dobYear: "1985", role: "applicant" })).toEqual(expect.arrayContaining(mine));
    expect(refsOf({ dobDay: "7", dobMonth: "3", dobYear: "1985", role: "child" })).toEqual([]);
    expect(refsOf({ postcode: "ab12cd", name: "whitfield" })).toEqual(mine.sort());
    expect(refsOf({ postcode: "AB1 2CD", name: "whitfield", role: "child" })).toEqual([open.reference, closed.reference].sort());
    expect(refsOf({ postcode: "ZZ9 9ZZ", name: "whitfield" })).toEqual([]);
  });

  it("returns names and stage with each case", () => {
    const [found] = findCases(criteria({ reference: closed.reference })).results;
    expect(found).toMatchObject({ reference: closed.reference, status: "closed", applicant: "Alex Applicant", children: ["Tilly Whitfield"], subject: "Gareth Jo Pike" });
  });

  it("forgets a person's names when they are erased", () => {
    const extra = { name: "Quentin Erasable" };
    return submitTestCase({ subjectName: extra.name }).then(({ caseId, reference }) => {
      expect(refsOf({ name: "erasable" })).toEqual([reference]);
      getDb().update(schema.cases).set({ erasedAt: now() }).where(eq(schema.cases.id, caseId)).run();
      getDb().delete(schema.casePeople).where(eq(schema.casePeople.caseId, caseId)).run();
      expect(refsOf({ name: "erasable" })).toEqual([]);
    });
  });

  it("explains what is wrong with a search", () => {
    // The messages the error summary shows, in page order (a wrong date is also reported on the
    // parts the page highlights; the summary names it once).
    const errors = (form: Record<string, string>) => {
      const r = searchSchema(now()).safeParse(form);
      return r.success ? [] : errorSummaryItems(searchForm, r.error.flatten().fieldErrors).map((item) => item.text);
    };
    expect(errors({})).toEqual(["Enter a reference, a name, a date of birth or a postcode", "Select why you are searching"]);
    expect(errors({ purpose: "casework", reference: "ABCD" })).toEqual(["Enter the whole reference, like 7K2M-9QXD-4HRW (12 letters and numbers)"]);
    expect(errors({ purpose: "casework", name: "al" })).toEqual(["Enter at least 3 letters of a name"]);
    expect(errors({ purpose: "other", name: "smith" })).toEqual(["Say why you are searching"]);
    expect(errors({ purpose: "casework", name: "x".repeat(101) })).toEqual(["The name must be 100 characters or fewer"]);
    expect(errors({ purpose: "casework", dobDay: "31", dobMonth: "2", dobYear: "2019" })).toEqual(["The date of birth must be a real date"]);
  });
});

describe("the search page", () => {
  const post = (body: Record<string, string>, cookie: string) =>
    new Request("http://localhost:3000/staff/search", {
      method: "POST",
      body: new URLSearchParams(body),
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
    });
  const get = (path: string, cookie: string) => new Request(`http://localhost:3000${path}`, { headers: { Cookie: cookie } });

  it("keeps the search out of the address, logs the results view with its purpose, and is the searcher's only", async () => {
    const { cookie, csrfToken } = await signedIn(reviewer.id);
    const response = (await action({ request: post({ csrf: csrfToken, name: "Whitfield", purpose: "enquiry" }, cookie), params: {}, context })) as Response;
    expect(response.status).toBe(303);
    const location = response.headers.get("Location")!;
    expect(location).toMatch(/^\/staff\/search\?results=[A-Za-z0-9_-]{22}$/);
    expect(location.toLowerCase()).not.toContain("whitfield");

    const { queries, result } = await countQueries(() => loader({ request: get(location, cookie), params: {}, context }));
    const data = result as Awaited<ReturnType<typeof loader>>;
    expect(queries).toBeLessThanOrEqual(8);
    expect(data.results!.map((r) => r.reference).sort()).toEqual([open.reference, closed.reference, namesake.reference].sort());
    expect(data.results!.find((r) => r.reference === closed.reference)).toMatchObject({ stage: "Closed", closed: true, children: ["Tilly Whitfield"] });
    expect(data.values).toMatchObject({ name: "whitfield", purpose: "enquiry" });

    const logged = getDb()
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.action, "consultation"), eq(schema.auditLog.actorId, reviewer.id)))
      .all();
    expect(logged.map((r) => Number(r.entityId)).sort()).toEqual([open.caseId, closed.caseId, namesake.caseId].sort());
    expect(logged[0].reason).toBe("case search results viewed (Someone contacted us about a case (for example an applicant with a reference))");
    expect(JSON.stringify(logged).toLowerCase()).not.toContain("whitfield");

    // Someone else with the same address sees nothing and nothing is logged for them.
    const theirs = await signedIn(other.id);
    const stranger = await loader({ request: get(location, theirs.cookie), params: {}, context });
    expect(stranger).toMatchObject({ expired: true, results: null });
    expect(getDb().select().from(schema.auditLog).where(and(eq(schema.auditLog.action, "consultation"), eq(schema.auditLog.actorId, other.id))).all()).toEqual([]);
  });

  it("sends a search with errors back to the form", async () => {
    const { cookie, csrfToken } = await signedIn(reviewer.id);
    const response = (await action({ request: post({ csrf: csrfToken, purpose: "casework" }, cookie), params: {}, context })) as Response;
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe("/staff/search");
  });
});

// Moved from the browser (tests/e2e/case-search.spec.ts, which keeps the axe scans): the pages as
// rendered from their loaders' data.
describe("the search pages, rendered", () => {
  const request = (path: string, cookie: string, body?: Record<string, string>) =>
    new Request(`http://localhost:3000${path}`, body ? { method: "POST", body: new URLSearchParams(body), headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie } } : { headers: { Cookie: cookie } });

  it("shows a closed case found by its reference typed in lower case without hyphens, again after Back, logging each view", async () => {
    const { user } = await insertStaff(["reviewer"]);
    const { cookie, csrfToken } = await signedIn(user.id);
    const sent = (await action({ request: request("/staff/search", cookie, { csrf: csrfToken, reference: closed.reference.toLowerCase().replace(/-/g, ""), purpose: "enquiry" }), params: {}, context })) as Response;
    const location = sent.headers.get("Location")!;
    expect(location).toMatch(/^\/staff\/search\?results=/);
    for (const view of ["first", "after Back"]) {
      const data = await loader({ request: request(location, cookie), params: {}, context });
      const page = await renderPage(searchPage, data, location);
      const rows = [...page.querySelectorAll("tr")].filter((tr) => [...tr.querySelectorAll("a")].some((a) => a.textContent === closed.reference));
      expect(rows, view).toHaveLength(1);
      expect(rows[0].textContent).toContain("Closed");
      expect(rows[0].textContent).toContain("Child: Tilly Whitfield");
      expect(textOf(page, "[role=status]")).toBe("1 case matches, newest first.");
    }
    const logged = getDb().select().from(schema.auditLog).where(and(eq(schema.auditLog.action, "consultation"), eq(schema.auditLog.actorId, user.id))).all();
    expect(logged.map((r) => [r.entityId, r.reason])).toEqual([
      [String(closed.caseId), "case search results viewed (Someone contacted us about a case (for example an applicant with a reference))"],
      [String(closed.caseId), "case search results viewed (Someone contacted us about a case (for example an applicant with a reference))"],
    ]);
  });

  it("shows a search sent empty with both errors in its summary", async () => {
    const { user } = await insertStaff(["reviewer"]);
    const { cookie, csrfToken } = await signedIn(user.id);
    const sent = (await action({ request: request("/staff/search", cookie, { csrf: csrfToken }), params: {}, context })) as Response;
    const flash = (sent.headers.get("Set-Cookie") ?? "").split(";")[0];
    const data = await loader({ request: request("/staff/search", `${cookie}; ${flash}`), params: {}, context });
    expect(data).toMatchObject({ hasErrors: true });
    const page = await renderPage(searchPage, data, "/staff/search");
    expect([...page.querySelectorAll(".govuk-error-summary a")].map((a) => a.textContent)).toEqual(["Enter a reference, a name, a date of birth or a postcode", "Select why you are searching"]);
  });

  it("lists the closed case in the Closed queue with the child's name", async () => {
    const { user } = await insertStaff(["reviewer"]);
    const { cookie } = await signedIn(user.id);
    const data = await queuePage.loader({ request: request("/staff/cases?queue=closed", cookie), params: {}, context });
    const page = await renderPage(queuePage, data, "/staff/cases?queue=closed");
    const row = [...page.querySelectorAll("tr")].find((tr) => [...tr.querySelectorAll("a")].some((a) => a.textContent === closed.reference));
    expect(row?.textContent).toContain("Tilly Whitfield");
  });
});
