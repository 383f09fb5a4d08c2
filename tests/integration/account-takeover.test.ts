// Attack: taking over a staff account through the admin pages. A set-up link for an account that
// is already set up, a second-factor reset or a role grant by one admin alone, an admin raising
// or changing their own roles, and old sessions surviving all of these.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as userRoute from "~/routes/staff.admin.users.$userId";
import { getDb, schema } from "~/services/db.server";
import { completeSetup, createStaffUser } from "~/services/staff-accounts.server";
import { createSession, listSessions } from "~/services/staff-sessions.server";
import { insertStaff, signedIn } from "../support/staff";

const context = { cspNonce: "test", requestId: "test-request", clientIp: "127.0.0.1" };

async function settle(run: () => unknown): Promise<Response> {
  try {
    const result = await run();
    return result instanceof Response ? result : new Response(JSON.stringify(result));
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

async function adminSession() {
  const { user } = await insertStaff(["admin"]);
  return { user, ...(await signedIn(user.id)) };
}
type Admin = Awaited<ReturnType<typeof adminSession>>;

function post(admin: Admin, targetId: number, fields: Record<string, string>) {
  const request = new Request(`http://localhost:3000/staff/admin/users/${targetId}`, {
    method: "POST",
    body: new URLSearchParams({ csrf: admin.csrfToken, ...fields }),
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: admin.cookie },
  });
  return settle(() => userRoute.action({ request, params: { userId: String(targetId) }, context }));
}

async function pageFor(admin: Admin, targetId: number, cookieFrom?: Response) {
  const flash = cookieFrom?.headers.get("Set-Cookie")?.split(";")[0];
  const request = new Request(`http://localhost:3000/staff/admin/users/${targetId}`, {
    headers: { Cookie: [admin.cookie, flash].filter(Boolean).join("; ") },
  });
  return (await (await settle(() => userRoute.loader({ request, params: { userId: String(targetId) }, context }))).json()) as Awaited<ReturnType<typeof userRoute.loader>>;
}

const userRow = (id: number) => getDb().select().from(schema.staffUsers).where(eq(schema.staffUsers.id, id)).get()!;
const auditFor = (id: number) =>
  getDb().select().from(schema.auditLog).where(and(eq(schema.auditLog.entityType, "staff_user"), eq(schema.auditLog.entityId, String(id)))).all();

describe("set-up links", () => {
  it("cannot be sent for an account that is already set up: no token, no email", async () => {
    const admin = await adminSession();
    const { user: victim } = await insertStaff(["manager"]);
    const tokensBefore = getDb().select().from(schema.staffTokens).where(eq(schema.staffTokens.userId, victim.id)).all().length;
    const outboxBefore = getDb().select().from(schema.outbox).all().length;

    const response = await post(admin, victim.id, { intent: "resend-link" });
    expect(response.status).toBe(303);
    const page = await pageFor(admin, victim.id, response);
    expect(page.lastResult?.error?.roles?.[0]).toBe("This person has already set up their account, so a set-up link cannot be sent");
    expect(getDb().select().from(schema.staffTokens).where(eq(schema.staffTokens.userId, victim.id)).all()).toHaveLength(tokensBefore);
    expect(getDb().select().from(schema.outbox).all()).toHaveLength(outboxBefore);
  });

  it("completing set-up ends every other session of the account", async () => {
    const { user, setupLink } = createStaffUser({ email: `new.${Date.now()}@force.example`, displayName: "New Person", roles: ["reviewer"] }, { kind: "system" });
    // Someone already holding a session for the account (e.g. from an earlier link).
    await createSession(user.id, "enrol", new Request("http://localhost:3000/"), "192.0.2.9");
    expect(listSessions(user.id)).toHaveLength(1);
    const token = new URL(setupLink).searchParams.get("token")!;
    await completeSetup(token, "lantern-orbit-saddle-meadow");
    expect(listSessions(user.id)).toHaveLength(0);
  });
});

describe("resetting an enrolled second factor needs a second admin", () => {
  it("one admin alone cannot: the factor, codes and sessions stay; the asker cannot approve", async () => {
    const asker = await adminSession();
    const { user: victim } = await insertStaff(["reviewer"]);
    const victimSession = await signedIn(victim.id);

    expect((await post(asker, victim.id, { intent: "reset-second-factor" })).status).toBe(303);
    expect(userRow(victim.id).totpEnrolledAt).not.toBeNull();
    expect(listSessions(victim.id).map((s) => s.id)).toEqual([victimSession.sessionId]);

    const page = await pageFor(asker, victim.id);
    expect(page.approvals).toHaveLength(1);
    expect(page.approvals[0]).toMatchObject({ what: "Reset second factor", canDecide: false });
    const approval = String(page.approvals[0]!.id);

    const selfApproval = await post(asker, victim.id, { intent: "approve", approval });
    expect((await pageFor(asker, victim.id, selfApproval)).lastResult?.error?.roles?.[0]).toBe("You asked for this change, so another administrator must decide it");
    expect(userRow(victim.id).totpEnrolledAt).not.toBeNull();
    // The database refuses it too.
    expect(() =>
      getDb().update(schema.staffApprovals).set({ decidedBy: asker.user.id, decision: "approved" }).where(eq(schema.staffApprovals.id, Number(approval))).run(),
    ).toThrow(/two-person rule/);

    // A second admin approves: factor and codes gone, every session ended, logged as the admins' actions.
    const approver = await adminSession();
    expect((await post(approver, victim.id, { intent: "approve", approval })).status).toBe(303);
    const after = userRow(victim.id);
    expect([after.totpSecret, after.totpEnrolledAt]).toEqual([null, null]);
    expect(getDb().select().from(schema.staffRecoveryCodes).where(eq(schema.staffRecoveryCodes.userId, victim.id)).all()).toEqual([]);
    expect(listSessions(victim.id)).toEqual([]);
    const rows = auditFor(victim.id);
    expect(rows.some((r) => r.actorId === asker.user.id && r.reason === "second factor reset asked")).toBe(true);
    expect(rows.some((r) => r.actorId === approver.user.id && r.reason === `second factor reset approved; asked by staff ${asker.user.id}`)).toBe(true);
    expect(rows.some((r) => r.actorId === victim.id)).toBe(false);
  });

  it("the person concerned cannot approve a reset of their own second factor", async () => {
    const asker = await adminSession();
    const target = await adminSession();
    await post(asker, target.user.id, { intent: "reset-second-factor" });
    const approval = String((await pageFor(asker, target.user.id)).approvals[0]!.id);
    const response = await post(target, target.user.id, { intent: "approve", approval });
    expect((await pageFor(target, target.user.id, response)).lastResult?.error?.roles?.[0]).toBe("This change is to your own account, so another administrator must decide it");
    expect(userRow(target.user.id).totpEnrolledAt).not.toBeNull();
  });
});

describe("roles", () => {
  it("granting manager or admin waits for a second admin; removing a role is at once", async () => {
    const asker = await adminSession();
    const { user: person } = await insertStaff(["reviewer"]);
    await post(asker, person.id, { intent: "roles", roles: "manager" });
    expect(userRow(person.id).roles).toEqual(["reviewer"]);
    const approval = String((await pageFor(asker, person.id)).approvals[0]!.id);
    const approver = await adminSession();
    await post(approver, person.id, { intent: "reject", approval });
    expect(userRow(person.id).roles).toEqual(["reviewer"]);

    await post(asker, person.id, { intent: "roles", roles: "admin" });
    const second = String((await pageFor(asker, person.id)).approvals[0]!.id);
    const personSession = await signedIn(person.id);
    await post(approver, person.id, { intent: "approve", approval: second });
    expect(userRow(person.id).roles).toEqual(["admin"]);
    expect(listSessions(person.id).map((s) => s.id)).not.toContain(personSession.sessionId);

    // Taking a role away needs nobody else.
    const body = new URLSearchParams({ csrf: asker.csrfToken, intent: "roles" });
    body.append("roles", "reviewer");
    await post(asker, person.id, Object.fromEntries(body));
    expect(userRow(person.id).roles).toEqual(["reviewer"]);
  });

  it("an admin cannot change their own roles", async () => {
    const admin = await adminSession();
    await adminSession(); // not the last admin
    const response = await post(admin, admin.user.id, { intent: "roles", roles: "manager" });
    expect((await pageFor(admin, admin.user.id, response)).lastResult?.error?.roles?.[0]).toBe("You cannot change your own roles. Ask another administrator");
    expect(userRow(admin.user.id).roles).toEqual(["admin"]);
    expect(getDb().select().from(schema.staffApprovals).where(eq(schema.staffApprovals.userId, admin.user.id)).all()).toEqual([]);
  });
});

it("an admin creating a manager account grants only the other roles until a second admin approves", async () => {
  const admin = await adminSession();
  const { user } = createStaffUser(
    { email: `m.${Date.now()}@force.example`, displayName: "Would Be Manager", roles: ["reviewer", "manager"] },
    { kind: "staff", id: admin.user.id },
  );
  expect(userRow(user.id).roles).toEqual(["reviewer"]);
  const waiting = getDb().select().from(schema.staffApprovals).where(eq(schema.staffApprovals.userId, user.id)).all();
  expect(waiting.map((w) => [w.kind, w.roles, w.requestedBy, w.decision])).toEqual([["grant_roles", ["reviewer", "manager"], admin.user.id, null]]);
});
