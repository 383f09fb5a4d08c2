// Deny by default, proven over every staff route module: each must be classified below, and
// each guarded one refuses anonymous people, the wrong roles and posts without the form token.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "~/domain/roles";
import { getDb, schema } from "~/services/db.server";
import { submitTestCase } from "../support/cases";
import { insertStaff, signedIn } from "../support/staff";

type RouteModule = {
  loader?: (args: LoaderFunctionArgs) => unknown;
  action?: (args: ActionFunctionArgs) => unknown;
};

const modules = import.meta.glob<RouteModule>("../../app/routes/staff*.{ts,tsx}", { eager: true });
const routes = Object.fromEntries(
  Object.entries(modules).map(([file, mod]) => [file.replace(/^.*\/routes\//, "").replace(/\.tsx?$/, ""), mod]),
);

/** Pages anyone may see: they show no case or staff data. */
const PUBLIC = ["staff", "staff.sign-in", "staff.setup", "staff.session-ended", "staff.signed-out"];
/** Pages for a half-signed-in session only. */
const STAGED = ["staff.second-factor", "staff.enrol"];
/** Everything else, with the roles allowed. */
const ACCESS: Record<string, readonly Role[] | "any-staff"> = {
  "staff._index": "any-staff",
  "staff.account._index": "any-staff",
  "staff.account.password": "any-staff",
  "staff.sign-out": "any-staff",
  "staff.admin.users._index": ["admin"],
  "staff.admin.users.new": ["admin"],
  "staff.admin.users.$userId": ["admin"],
  "staff.admin.users.$userId_.deactivate": ["admin"],
  "staff.admin.settings": ["admin"],
  "staff.cases.$caseId": ["reviewer", "manager"],
  "staff.cases.$caseId_.risk-check": ["reviewer", "manager"],
  "staff.cases.$caseId_.referral": ["reviewer", "manager"],
  "staff.cases.$caseId_.strategy-discussion": ["reviewer", "manager"],
  "staff.cases.$caseId_.scope": ["reviewer", "manager"],
  "staff.cases.$caseId_.verification": ["reviewer", "manager"],
  "staff.cases.$caseId_.checks": ["reviewer", "manager"],
  "staff.cases.$caseId_.checks-complete": ["reviewer", "manager"],
  "staff.cases.$caseId_.identity": ["reviewer", "manager"],
  "staff.cases.$caseId_.assessment": ["reviewer", "manager"],
  "staff.cases.$caseId_.decision": ["reviewer", "manager"],
  "staff.cases.$caseId_.delivery": ["reviewer", "manager"],
  "staff.cases.$caseId_.close": ["reviewer", "manager"],
  "staff.cases.$caseId_.exit": ["reviewer", "manager"],
  "staff.cases.$caseId_.extend": ["reviewer", "manager"],
  "staff.cases.$caseId_.retriage": ["reviewer", "manager"],
  "staff.cases.$caseId_.linked": ["reviewer", "manager"],
  "staff.cases.$caseId_.disclosure-record": ["reviewer", "manager"],
  "staff.cases.$caseId_.outcome-letter": ["reviewer", "manager"],
  "staff.cases.$caseId_.tell-applicant": ["reviewer", "manager"],
  "staff.cases.new": ["reviewer", "manager"],
  "staff.cases._index": ["reviewer", "manager"],
  "staff.search": ["reviewer", "manager"],
  "staff.keep-alive": "any-staff",
  "staff.still-there": "any-staff",
  "staff.audit._index": ["manager", "admin"],
  "staff.retention._index": ["reviewer", "manager"],
  "staff.retention.$caseId": ["reviewer", "manager"],
  "staff.audit.export[.]csv": ["manager", "admin"],
  "staff.audit.export[.]json": ["manager", "admin"],
  "staff.admin.bank-holidays": ["admin"],
  "staff.statistics._index": ["manager", "admin"],
  "staff.statistics.export[.]csv": ["manager", "admin"],
  "staff.statistics.return[.]csv": ["manager", "admin"],
};
const ROLES: Role[] = ["reviewer", "manager", "admin"];

let targetUserId = 0;
let targetCaseId = 0;
const params = () => ({ userId: String(targetUserId), caseId: String(targetCaseId) });
const context = { cspNonce: "t", requestId: "access-test", clientIp: "127.0.0.1" };

async function outcome(run: () => unknown): Promise<Response | "ok"> {
  try {
    const result = await run();
    return result instanceof Response && result.status >= 300 ? result : "ok";
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

function get(path: string, cookie?: string) {
  return new Request(`http://localhost:3000${path}`, { headers: cookie ? { Cookie: cookie } : {} });
}

function post(path: string, body: Record<string, string>, cookie?: string) {
  return new Request(`http://localhost:3000${path}`, {
    method: "POST",
    body: new URLSearchParams(body),
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: cookie } : {}) },
  });
}

const isSignInRedirect = (r: Response | "ok") => r !== "ok" && r.status === 303 && r.headers.get("Location") === "/staff/sign-in";
const isForbidden = (r: Response | "ok") => r !== "ok" && r.status === 403;

beforeAll(async () => {
  process.env.SUBMISSIONS_PER_IP_PER_HOUR = "1000";
  targetUserId = (await insertStaff(["reviewer"])).user.id;
  targetCaseId = (await submitTestCase()).caseId;
});

describe("every staff route is classified", () => {
  it("has no route module that is neither public, staged nor guarded with named roles", () => {
    const unclassified = Object.keys(routes).filter((name) => !PUBLIC.includes(name) && !STAGED.includes(name) && !(name in ACCESS));
    expect(unclassified).toEqual([]);
    expect(Object.keys(routes).length).toBeGreaterThanOrEqual(PUBLIC.length + STAGED.length + Object.keys(ACCESS).length);
  });
});

describe.each(Object.entries(ACCESS))("%s", (name, allowed) => {
  const mod = () => routes[name];
  const path = `/${name
    .replace(/\._index$/, "")
    .replace(/\./g, "/")
    .replace("$userId", String(targetUserId))
    .replace(/\$caseId_?/, String(targetCaseId))}`;

  it("sends anonymous people to sign in (loader and action)", async () => {
    if (mod().loader && name !== "staff.sign-out") {
      expect(isSignInRedirect(await outcome(() => mod().loader!({ request: get(path), params: params(), context })))).toBe(true);
    }
    if (mod().action) {
      expect(isSignInRedirect(await outcome(() => mod().action!({ request: post(path, {}), params: params(), context })))).toBe(true);
    }
  });

  it.each(ROLES)("lets in or refuses a %s as its roles say, and logs refusals", async (role) => {
    const { user } = await insertStaff([role]);
    const { cookie, csrfToken } = await signedIn(user.id);
    const permitted = allowed === "any-staff" || allowed.includes(role);
    if (mod().loader && name !== "staff.sign-out") {
      const result = await outcome(() => mod().loader!({ request: get(path, cookie), params: params(), context }));
      expect(isForbidden(result), `${role} GET ${path}`).toBe(!permitted);
      expect(isSignInRedirect(result)).toBe(false);
    }
    if (mod().action) {
      const result = await outcome(() => mod().action!({ request: post(path, { csrf: csrfToken }, cookie), params: params(), context }));
      expect(isForbidden(result), `${role} POST ${path}`).toBe(!permitted);
    }
    if (!permitted) {
      const denied = getDb().select().from(schema.auditLog).where(eq(schema.auditLog.actorId, user.id)).orderBy(desc(schema.auditLog.id)).get();
      expect(denied).toMatchObject({ action: "access_denied", entityType: "route", entityId: path, reason: `role required: ${(allowed as readonly Role[]).join(" or ")}` });
      // The refusal says so in words (the page around it is the root error boundary's).
      const refused = await outcome(() => (mod().loader ?? mod().action)!({ request: mod().loader ? get(path, cookie) : post(path, { csrf: csrfToken }, cookie), params: params(), context }));
      expect(refused !== "ok" && (await refused.text())).toBe("You do not have permission to do this.");
    }
  });

  it("refuses a post without the form token, or with another session's token", async () => {
    if (!mod().action) return;
    const role = allowed === "any-staff" ? "reviewer" : allowed[0];
    const { user } = await insertStaff([role]);
    const mine = await signedIn(user.id);
    const other = await signedIn((await insertStaff([role])).user.id);
    const missing = await outcome(() => mod().action!({ request: post(path, {}, mine.cookie), params: params(), context }));
    expect(isForbidden(missing)).toBe(true);
    const foreign = await outcome(() =>
      mod().action!({ request: post(path, { csrf: other.csrfToken }, mine.cookie), params: params(), context }),
    );
    expect(isForbidden(foreign)).toBe(true);
  });
});

describe.each(STAGED)("%s", (name) => {
  it("is only for a half-signed-in session", async () => {
    const mod = routes[name];
    const path = `/${name.replace(/\./g, "/")}`;
    expect(isSignInRedirect(await outcome(() => mod.loader!({ request: get(path), params: {}, context })))).toBe(true);
    const { user } = await insertStaff(["reviewer"]);
    const { cookie } = await signedIn(user.id);
    const result = await outcome(() => mod.loader!({ request: get(path, cookie), params: {}, context }));
    expect(result !== "ok" && result.headers.get("Location")).toBe("/staff");
  });
});

describe("pages for everyone", () => {
  it("open for a signed-out visitor; opening the sign-out address (not posting to it) only leads home", async () => {
    for (const name of ["staff.sign-in", "staff.setup", "staff.signed-out", "staff.session-ended"]) {
      const path = `/${name.replace(/\./g, "/")}`;
      // A page with no loader has nothing to refuse with: it always renders.
      const mod = routes[name] as RouteModule & { default?: unknown };
      expect(mod.default, path).toBeTypeOf("function");
      const result = mod.loader ? await outcome(() => mod.loader!({ request: get(path), params: {}, context })) : "ok";
      expect(`${path} ${result === "ok" ? "ok" : result.status}`).toBe(`${path} ok`);
    }
    const signOut = await outcome(() => routes["staff.sign-out"].loader!({ request: get("/staff/sign-out"), params: {}, context }));
    expect(signOut !== "ok" && [signOut.status, signOut.headers.get("Location")]).toEqual([302, "/staff"]);
  });
});

describe("the form token", () => {
  it("refuses a post from a signed-in person without it or with a wrong one, logging why; with it the case opens", async () => {
    const { user } = await insertStaff(["reviewer"]);
    const { cookie, csrfToken } = await signedIn(user.id);
    const subject = `CanarySubject${Date.now()}`;
    const form = { channel: "proactive", urgent: "no", childName: "CanaryChild Token", subjectName: subject, contactTypes: "family", concern: "Raised by a neighbourhood officer." };
    const newCase = routes["staff.cases.new"];
    const send = (body: Record<string, string>) => outcome(() => newCase.action!({ request: post("/staff/cases/new", body, cookie), params: {}, context }));
    const casesAbout = () => getDb().select().from(schema.casePeople).where(eq(schema.casePeople.fullName, subject)).all().length;

    const without = await send(form);
    expect(without !== "ok" && [without.status, await without.text()]).toEqual([403, "You do not have permission to do this."]);
    const wrong = await send({ csrf: csrfToken.replace(/.$/, (c) => (c === "A" ? "B" : "A")), ...form });
    expect(isForbidden(wrong)).toBe(true);
    expect(casesAbout()).toBe(0);
    const denied = getDb().select().from(schema.auditLog).where(eq(schema.auditLog.actorId, user.id)).all()
      .filter((r) => r.action === "access_denied" && r.entityId === "/staff/cases/new" && r.reason === "form token missing or wrong");
    expect(denied).toHaveLength(2);

    // The control: the same post with the token opens the case.
    const withToken = await send({ csrf: csrfToken, ...form });
    expect(withToken !== "ok" && withToken.status).toBe(303);
    expect(casesAbout()).toBe(1);
  });
});
