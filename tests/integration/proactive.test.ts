// The proactive route ("right to be told", csods.md §8): no applicant, no immediate-risk or
// interview clock, starts at research and checks, and is labelled apart from applications.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { staffCaseSchema } from "~/domain/staff-case-schema";
import * as casePage from "~/routes/staff.cases.$caseId";
import * as queueRoute from "~/routes/staff.cases._index";
import { checkTransition } from "~/domain/workflow";
import { getDb, schema } from "~/services/db.server";
import { listQueue } from "~/services/queues.server";
import { createStaffCase } from "~/services/staff-cases.server";
import { now } from "~/services/app-clock.server";
import { CasePages } from "../support/case-pages";
import { submitTestCase } from "../support/cases";
import { insertStaff, signedIn } from "../support/staff";

type Staff = Awaited<ReturnType<typeof insertStaff>>["user"];
let reviewer: Staff;

const caseRow = (id: number) => getDb().select().from(schema.cases).where(eq(schema.cases.id, id)).get()!;

beforeAll(async () => {
  reviewer = (await insertStaff(["reviewer"])).user;
});

const openProactive = (extra: Record<string, unknown> = {}) =>
  createStaffCase(
    staffCaseSchema().parse({
      channel: "proactive",
      urgent: "no",
      childName: "Proactive Child",
      subjectName: "Proactive Subject",
      contactTypes: ["lives-with"],
      concern: "Police information about the subject's contact with a child",
      ...extra,
    }),
    reviewer,
  );

describe("a proactive (right to be told) case", () => {
  it("starts at research and checks with only the decision clock, and no applicant", () => {
    const { caseId } = openProactive({ applicantName: "Should Not Be Kept" });
    const c = caseRow(caseId);
    expect(c).toMatchObject({ status: "checks", channel: "proactive", riskCheckDueAt: null, interviewDueAt: null });
    expect(c.decisionDueAt).not.toBeNull();
    expect(c.nextDueAt).toEqual(c.decisionDueAt);
    const roles = getDb().select().from(schema.casePeople).where(eq(schema.casePeople.caseId, caseId)).all().map((p) => p.role);
    expect(roles.sort()).toEqual(["child", "subject"]);
  });

  it("never reaches the interview stage: verification is not an action a case at checks can take", () => {
    const { caseId } = openProactive();
    const c = caseRow(caseId);
    expect(checkTransition({ status: c.status, action: "verification", actor: { id: reviewer.id, roles: ["reviewer"] } }).ok).toBe(false);
  });

  it("is labelled right to be told on the queue, and an application right to ask", async () => {
    const { caseId } = openProactive();
    const application = await submitTestCase();
    const rows = listQueue({ queue: "all_open", viewerId: reviewer.id, pageSize: 100 }, now()).rows;
    expect(rows.find((r) => r.id === caseId)?.route).toBe("right_to_be_told");
    expect(rows.find((r) => r.id === application.caseId)?.route).toBe("right_to_ask");
  });

  it("shows only the clocks that apply on its case page (no immediate-risk or interview clock; an application has all three), and offers the referral and strategy discussion", async () => {
    const { cookie } = await signedIn(reviewer.id);
    const context = { cspNonce: "t", requestId: "proactive-test", clientIp: "127.0.0.1" };
    const view = async (caseId: number) => {
      const data = (await casePage.loader({ request: new Request(`http://localhost:3000/staff/cases/${caseId}`, { headers: { Cookie: cookie } }), params: { caseId: String(caseId) }, context })) as unknown as {
        clocks: { name: string }[];
        others: { path: string }[];
        route: string;
      };
      return data;
    };
    const proactive = await view(openProactive().caseId);
    expect(proactive.route).toBe("Right to be told");
    expect(proactive.clocks.map((c) => c.name)).toEqual(["Decision"]);
    expect(proactive.others.map((o) => o.path)).toEqual(expect.arrayContaining(["referral", "strategy-discussion"]));
    const application = await view((await submitTestCase()).caseId);
    expect(application.clocks.map((c) => c.name)).toEqual(["Immediate-risk check", "Interview", "Decision"]);
  });

  it("its case page and its queue row say right to be told, and nothing on them speaks of an applicant's interview or verification", async () => {
    const { caseId, reference } = openProactive();
    const pages = await CasePages.of(reviewer);
    const page = await pages.view(caseId, "", casePage);
    expect(page).toMatchObject({ route: "Right to be told", stage: "Research and checks" });
    expect(page.clocks.map((c) => c.name)).toEqual(["Decision"]);
    expect(page.next.map((n) => n.text)).toEqual(["Record research checks"]);
    // Everything the page shows comes from its data: no interview, no immediate-risk clock, no "applicant not verified".
    expect(JSON.stringify(page)).not.toMatch(/interview|immediate-risk|not verified/i);
    // An application's page does speak of them (the check above could fail).
    const application = await pages.view((await submitTestCase()).caseId, "", casePage);
    expect(JSON.stringify(application)).toMatch(/interview/i);

    const { cookie } = await signedIn(reviewer.id);
    const context = { cspNonce: "t", requestId: "proactive-test", clientIp: "127.0.0.1" };
    const queue = await queueRoute.loader({ request: new Request("http://localhost:3000/staff/cases?queue=all_open&page=1000000", { headers: { Cookie: cookie } }), params: {}, context });
    const row = queue.rows.find((r) => r.reference === reference);
    expect(row).toMatchObject({ id: caseId, route: "Right to be told" });
    expect(JSON.stringify(row)).not.toMatch(/interview/i);
  });
});
