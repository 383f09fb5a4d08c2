// Work queues over a real SQLite database: which cases each queue holds, overdue first in every
// queue and sort, filters, pagination, the query budget, and the page's take / assign actions.
import { and, desc, eq, ne } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { nextDueAt } from "~/domain/clocks";
import { queuePriority } from "~/domain/urgency";
import { STATUSES, type Status } from "~/domain/workflow";
import { action, loader } from "~/routes/staff.cases._index";
import { performAction } from "~/services/case-actions.server";
import { now } from "~/services/app-clock.server";
import { countQueries, getDb, getSqlite, schema } from "~/services/db.server";
import {
  explainQueue,
  listQueue,
  QUEUE_SORTS,
  QUEUES,
  queueCounts,
  queueStaff,
  unassignedUrgentCount,
  type Queue,
  type QueueTab,
  type QueueQuery,
  type QueueRow,
  type QueueSort,
} from "~/services/queues.server";
import { createSession } from "~/services/staff-sessions.server";
import { insertStaff, signedIn } from "../support/staff";

const HOUR = 3_600_000;
type Staff = Awaited<ReturnType<typeof insertStaff>>["user"];
type Who = "A" | "B" | "M" | null;

let reviewerA: Staff; // the viewer: "mine" is A's cases
let reviewerB: Staff;
let manager: Staff;
let adminOnly: Staff;
let at: Date; // the moment the seeded clocks are measured from
const ids = new Map<string, number>();
const ref = (key: string) => `Q-${key}`;

/**
 * The seeded cases: stage, hours since received (T0), urgency, assignee. Clocks run from T0:
 * immediate-risk check +24 h, interview +10 days (240 h), decision +28 days (672 h); the comment
 * gives the state of the next clock at `at`.
 */
const SPECS: Array<[key: string, status: Status, ageHours: number, urgent: boolean, who: Who]> = [
  ["R1", "received", 2, false, null], //        risk check due in 22 h: due soon
  ["R2", "received", 5, true, null], //         due in 19 h: due soon
  ["R3", "received", 30, false, null], //       overdue by 6 h
  ["R4", "received", 50, true, "A"], //         overdue by 26 h
  ["S1", "scope", 72, false, "A"], //           interview in 168 h: on time
  ["S2", "scope", 36, false, null], //          on time
  ["S3", "scope", 26, false, "M"], //           on time
  ["V1", "verification", 228, false, "A"], //   interview due in 12 h: due soon
  ["V2", "verification", 288, true, "B"], //    overdue by 48 h
  ["V3", "verification", 96, false, "B"], //    on time
  ["C1", "checks", 360, false, "A"], //         decision in 312 h: on time
  ["C2", "checks", 696, false, "B"], //         overdue by 24 h
  ["C3", "checks", 480, true, null], //         on time
  ["C4", "checks", 384, true, "A"], //          on time
  ["AS1", "assessment", 528, false, "A"], //    on time
  ["AS2", "assessment", 660, false, "B"], //    decision due in 12 h: due soon
  ["D1", "decision", 600, false, "A"], //       on time (72 h)
  ["D2", "decision", 840, true, "B"], //        overdue by 168 h
  ["D3", "decision", 667, false, null], //      due in 5 h: due soon
  ["D4", "decision", 960, false, "M"], //       overdue by 288 h
  ["DL1", "delivery", 720, false, "A"], //      every clock met
  ["DL2", "delivery", 1080, true, null], //     every clock met
  ["CL1", "closure", 1200, false, "B"], //      every clock met
  ["X1", "closed", 2000, false, "A"],
  ["X2", "closed", 1500, false, null],
  ["X3", "closed", 900, true, null],
  ["X4", "closed", 800, false, "B"],
  ["X5", "closed", 700, true, "A"],
  ["X6", "closed", 30, false, null], //         closed early (out of scope) with the interview clock unmet
];

const EXPECTED: Record<Queue, string[]> = {
  unassigned: ["R1", "R2", "R3", "S2", "C3", "D3", "DL2"],
  mine: ["R4", "S1", "V1", "C1", "C4", "AS1", "D1", "DL1"],
  urgent: ["R2", "R4", "V2", "C3", "C4", "D2", "DL2"],
  awaiting_decision: ["D1", "D2", "D3", "D4"],
  due_soon: ["R1", "R2", "V1", "AS2", "D3"],
  overdue: ["R3", "R4", "V2", "C2", "D2", "D4"],
  all_open: SPECS.filter(([, status]) => status !== "closed").map(([key]) => key),
};

function insertCase(key: string, status: Status, ageHours: number, urgent: boolean, who: Who) {
  const t0 = at.getTime() - ageHours * HOUR;
  const stage = STATUSES.indexOf(status);
  const closed = status === "closed";
  const clocks = {
    riskCheckDueAt: new Date(t0 + 24 * HOUR),
    interviewDueAt: new Date(t0 + 240 * HOUR),
    decisionDueAt: new Date(t0 + 672 * HOUR),
    riskCheckedAt: stage >= STATUSES.indexOf("scope") ? new Date(t0 + HOUR) : null,
    interviewedAt: stage >= STATUSES.indexOf("checks") && key !== "X6" ? new Date(t0 + 48 * HOUR) : null,
    decidedAt: stage >= STATUSES.indexOf("delivery") && key !== "X6" ? new Date(t0 + 120 * HOUR) : null,
    closedAt: closed ? new Date(t0 + 2 * HOUR) : null,
  };
  const assignee = who === "A" ? reviewerA.id : who === "B" ? reviewerB.id : who === "M" ? manager.id : null;
  const row = getDb()
    .insert(schema.cases)
    .values({
      reference: ref(key),
      status,
      channel: "online",
      urgent,
      receivedAt: new Date(t0),
      contactTypes: ["lives_with"],
      concern: "Seeded for the queue tests",
      assignedTo: assignee,
      ...clocks,
      nextDueAt: nextDueAt(clocks),
      createdAt: new Date(t0),
      updatedAt: new Date(t0),
    })
    .returning({ id: schema.cases.id })
    .get();
  ids.set(key, row.id);
}

const refs = (rows: QueueRow[]) => rows.map((r) => r.reference);
const keysOf = (keys: string[]) => keys.map(ref);
const sorted = (list: string[]) => [...list].sort();

function list(query: Partial<QueueQuery> & { queue: QueueTab }, when = at) {
  return listQueue({ viewerId: reviewerA.id, pageSize: 100, ...query }, when);
}

/** Checks the order of a whole queue: overdue urgent, urgent, overdue, the rest; then the sort, then the id. */
function expectOrdered(rows: QueueRow[], sort: QueueSort, when: Date) {
  const stage = (s: Status) => STATUSES.indexOf(s);
  const due = (r: QueueRow) => (r.nextDueAt ? r.nextDueAt.getTime() : Number.POSITIVE_INFINITY);
  const key = (r: QueueRow): number[] => {
    const first = queuePriority(r, when);
    if (sort === "due") return [first, due(r), r.id];
    if (sort === "received") return [first, r.receivedAt.getTime(), r.id];
    return [first, stage(r.status), due(r), r.id];
  };
  const compare = (a: number[], b: number[]) => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
    return 0;
  };
  for (let i = 1; i < rows.length; i++) {
    expect(compare(key(rows[i - 1]), key(rows[i])), `${rows[i - 1].reference} before ${rows[i].reference} (${sort})`).toBe(-1);
  }
  const firstNotUrgent = rows.findIndex((r) => !r.urgent);
  if (firstNotUrgent >= 0) expect(rows.slice(firstNotUrgent).some((r) => r.urgent), "an urgent case after one that is not").toBe(false);
  const later = rows.filter((r) => !r.urgent);
  const firstLater = later.findIndex((r) => r.clock !== "overdue");
  if (firstLater >= 0) expect(later.slice(firstLater).some((r) => r.clock === "overdue"), "an overdue case after a case that is not").toBe(false);
}

beforeAll(async () => {
  delete process.env.CLOCK_OFFSET_MS;
  reviewerA = (await insertStaff(["reviewer"])).user;
  reviewerB = (await insertStaff(["reviewer"])).user;
  manager = (await insertStaff(["manager"])).user;
  adminOnly = (await insertStaff(["admin"])).user;
  // The route reads `now()` a few seconds later: every clock above is hours from a boundary.
  at = now();
  for (const spec of SPECS) insertCase(...spec);
});

afterEach(() => {
  delete process.env.CLOCK_OFFSET_MS;
});

describe("the queues", () => {
  it.each(QUEUES)("%s holds exactly the expected cases", (queue) => {
    const page = list({ queue });
    expect(sorted(refs(page.rows))).toEqual(sorted(keysOf(EXPECTED[queue])));
    expect(page.total).toBe(EXPECTED[queue].length);
    expect(page.pageCount).toBe(1);
  });

  it("never lists a closed case, whatever its clocks", () => {
    for (const queue of QUEUES) expect(refs(list({ queue }).rows).some((r) => r.startsWith("Q-X"))).toBe(false);
  });

  it.each(QUEUES.flatMap((queue) => QUEUE_SORTS.map((sort) => [queue, sort] as const)))("%s sorted by %s: urgent, then overdue, first, then the sort", (queue, sort) => {
    const rows = list({ queue, sort }).rows;
    expectOrdered(rows, sort, at);
  });

  it("lists overdue urgent cases first, then the other overdue cases, most overdue first by default", () => {
    expect(refs(list({ queue: "overdue" }).rows)).toEqual(keysOf(["D2", "V2", "R4", "D4", "C2", "R3"]));
  });

  it("puts overdue urgent, urgent, then overdue cases first when sorted by stage or by date received", () => {
    const byStage = refs(list({ queue: "all_open", sort: "status" }).rows);
    expect(byStage.slice(0, 3)).toEqual(keysOf(["R4", "V2", "D2"])); // overdue and urgent, by stage
    expect(byStage.slice(3, 7)).toEqual(keysOf(["R2", "C3", "C4", "DL2"])); // urgent
    expect(byStage.slice(7, 10)).toEqual(keysOf(["R3", "C2", "D4"])); // overdue
    expect(byStage.slice(10, 12)).toEqual(keysOf(["R1", "S1"]));
    expect(byStage.slice(-2)).toEqual(keysOf(["DL1", "CL1"]));
    const byReceived = refs(list({ queue: "all_open", sort: "received" }).rows);
    expect(byReceived.slice(0, 10)).toEqual(keysOf(["D2", "V2", "R4", "DL2", "C3", "C4", "R2", "D4", "C2", "R3"]));
    expect(byReceived[10]).toBe(ref("CL1"));
    expect(byReceived.at(-1)).toBe(ref("R1"));
  });

  it("puts a new urgent case above every case that is not urgent, overdue ones included", () => {
    const [first] = list({ queue: "unassigned" }).rows;
    expect(first.urgent).toBe(true);
    const unassigned = refs(list({ queue: "unassigned" }).rows);
    expect(unassigned.slice(0, 3)).toEqual(keysOf(["R2", "C3", "DL2"]));
    expect(unassigned[3]).toBe(ref("R3")); // overdue, not urgent
    expect(list({ queue: "unassigned" }).rows[0].urgentReason).toBeNull(); // seeded without a reason
  });

  it("counts the open urgent cases nobody has taken, for the staff home banner", () => {
    expect(unassignedUrgentCount()).toBe(3); // R2, C3, DL2
  });

  it("gives each row only what a queue shows, with the clock state", () => {
    const row = list({ queue: "mine" }).rows.find((r) => r.reference === ref("R4"))!;
    expect(Object.keys(row).sort()).toEqual(["assigneeId", "assigneeName", "children", "clock", "closedAt", "id", "nextDueAt", "receivedAt", "reference", "route", "status", "subject", "urgent", "urgentReason"]);
    expect(row).toMatchObject({ status: "received", urgent: true, assigneeId: reviewerA.id, assigneeName: reviewerA.displayName, clock: "overdue" });
    const states = Object.fromEntries(list({ queue: "all_open" }).rows.map((r) => [r.reference, r.clock]));
    expect(states).toMatchObject({ [ref("R1")]: "due_soon", [ref("S1")]: "on_time", [ref("DL1")]: "none", [ref("D2")]: "overdue" });
  });

  it("follows the clock: a case due in 5 hours is overdue 7 hours later", () => {
    const later = new Date(at.getTime() + 7 * HOUR);
    expect(sorted(refs(list({ queue: "overdue" }, later).rows))).toEqual(sorted(keysOf([...EXPECTED.overdue, "D3"])));
    expect(sorted(refs(list({ queue: "due_soon" }, later).rows))).toEqual(sorted(keysOf(["R1", "R2", "V1", "AS2"])));
    expect(list({ queue: "all_open" }, later).rows[0].reference).toBe(ref("D2"));
    expect(list({ queue: "all_open", urgent: false }, later).rows[0].reference).toBe(ref("D4"));
  });

  it("lists closed cases in a Closed queue of their own, the most recently closed first", () => {
    const closed = refs(list({ queue: "closed" }).rows).filter((r) => r.startsWith("Q-X"));
    expect(closed).toEqual(keysOf(["X6", "X5", "X4", "X3", "X2", "X1"]));
    expect(list({ queue: "closed" }).rows.every((r) => r.status === "closed" && r.closedAt !== null)).toBe(true);
    expect(list({ queue: "closed", assignee: reviewerB.id }).rows.map((r) => r.reference)).toEqual(keysOf(["X4"]));
    expect(list({ queue: "closed", urgent: true }).rows.map((r) => r.reference)).toEqual(keysOf(["X5", "X3"]));
    expect(queueCounts(reviewerA.id, at).closed).toBe(list({ queue: "closed" }).total);
    const plan = explainQueue({ queue: "closed", viewerId: reviewerA.id }, at).join("\n");
    expect(plan).toMatch(/INDEX cases_closed_idx/);
    expect(plan).not.toMatch(/SCAN cases|TEMP B-TREE/);
  });

  it("names the children and the subject on each row", () => {
    const caseId = ids.get("S2")!;
    getDb()
      .insert(schema.casePeople)
      .values([
        { caseId, role: "child", position: 2, fullName: "Second Child", normalisedName: "second child", details: {}, createdAt: at },
        { caseId, role: "child", position: 1, fullName: "First Child", normalisedName: "first child", details: {}, createdAt: at },
        { caseId, role: "subject", position: 1, fullName: "The Subject", normalisedName: "the subject", details: {}, createdAt: at },
        { caseId, role: "applicant", position: 1, fullName: "Not Shown", normalisedName: "not shown", details: {}, createdAt: at },
      ])
      .run();
    const row = list({ queue: "unassigned" }).rows.find((r) => r.id === caseId)!;
    expect(row).toMatchObject({ children: ["First Child", "Second Child"], subject: "The Subject" });
    expect(list({ queue: "unassigned" }).rows.find((r) => r.reference === ref("R1"))).toMatchObject({ children: [], subject: null });
  });

  it("counts every queue for the tabs, matching the lists", () => {
    const counts = queueCounts(reviewerA.id, at);
    for (const queue of QUEUES) expect(counts[queue], queue).toBe(EXPECTED[queue].length);
    expect(queueCounts(reviewerB.id, at).mine).toBe(6);
  });
});

describe("filters", () => {
  const cases: Array<[string, Partial<QueueQuery> & { queue: Queue }, string[]]> = [
    ["stage", { queue: "all_open", status: "decision" }, ["D1", "D2", "D3", "D4"]],
    ["urgent only", { queue: "all_open", urgent: true }, EXPECTED.urgent],
    ["not urgent", { queue: "all_open", urgent: false }, EXPECTED.all_open.filter((k) => !EXPECTED.urgent.includes(k))],
    ["assignee", { queue: "all_open", assignee: 0 }, ["V2", "V3", "C2", "AS2", "D2", "CL1"]],
    ["unassigned", { queue: "all_open", assignee: "none" }, EXPECTED.unassigned],
    ["overdue for one person", { queue: "overdue", assignee: 0 }, ["V2", "C2", "D2"]],
    ["the urgent queue, not urgent", { queue: "urgent", urgent: false }, []],
    ["unassigned at a stage", { queue: "unassigned", status: "received" }, ["R1", "R2", "R3"]],
    ["mine at a stage and urgent", { queue: "mine", status: "checks", urgent: true }, ["C4"]],
    ["awaiting decision at another stage", { queue: "awaiting_decision", status: "checks" }, []],
    ["due soon and unassigned", { queue: "due_soon", assignee: "none" }, ["R1", "R2", "D3"]],
  ];
  it.each(cases)("%s", (_name, query, expected) => {
    const q = query.assignee === 0 ? { ...query, assignee: reviewerB.id } : query;
    const page = list(q);
    expect(sorted(refs(page.rows))).toEqual(sorted(keysOf(expected)));
    expect(page.total).toBe(expected.length);
    expectOrdered(page.rows, "due", at);
  });

  it("refuses a stage that is not an open one, an unknown queue or sort", () => {
    expect(() => list({ queue: "all_open", status: "closed" as never })).toThrow(RangeError);
    expect(() => list({ queue: "everything" as Queue })).toThrow(RangeError);
    expect(() => list({ queue: "all_open", sort: "name" as QueueSort })).toThrow(RangeError);
  });
});

describe("pagination", () => {
  it("splits a queue into pages that add up to the whole, in order", () => {
    const whole = refs(list({ queue: "all_open", sort: "status" }).rows);
    const pages = [1, 2, 3, 4, 5].map((page) => listQueue({ queue: "all_open", viewerId: reviewerA.id, sort: "status", page, pageSize: 5 }, at));
    expect(pages.map((p) => [p.page, p.total, p.pageCount])).toEqual([1, 2, 3, 4, 5].map((n) => [n, 23, 5]));
    expect(pages.flatMap((p) => refs(p.rows))).toEqual(whole);
    expect(pages[4].rows).toHaveLength(3);
  });

  it("gives the last page for a page past the end, and page 1 for nonsense", () => {
    const past = listQueue({ queue: "all_open", viewerId: reviewerA.id, page: 99, pageSize: 5 }, at);
    expect([past.page, past.pageCount, past.rows.length]).toEqual([5, 5, 3]);
    expect(listQueue({ queue: "all_open", viewerId: reviewerA.id, page: Number.NaN, pageSize: 5 }, at).page).toBe(1);
    expect(listQueue({ queue: "all_open", viewerId: reviewerA.id, page: -3, pageSize: 5 }, at).page).toBe(1);
  });

  it("says page 1 of 1 for an empty queue", () => {
    expect(list({ queue: "urgent", urgent: false, page: 4 })).toMatchObject({ rows: [], total: 0, page: 1, pageCount: 1 });
  });
});

describe("the query budget", () => {
  it("costs one statement for a page, one for the tab counts and one for the staff list", async () => {
    for (const queue of QUEUES) {
      for (const sort of QUEUE_SORTS) {
        expect((await countQueries(() => listQueue({ queue, viewerId: reviewerA.id, sort, page: 2, pageSize: 3 }, at))).queries).toBe(1);
      }
    }
    expect((await countQueries(() => listQueue({ queue: "all_open", viewerId: reviewerA.id, page: 50, pageSize: 5 }, at))).queries).toBe(1);
    const page = await countQueries(() => {
      listQueue({ queue: "overdue", viewerId: reviewerA.id, status: "decision", urgent: true, assignee: reviewerB.id }, at);
      queueCounts(reviewerA.id, at);
      return queueStaff();
    });
    expect(page.queries).toBe(3);
  });

  // 5 for the page, and 2 for the s.62 consultation rows of the names it shows (one read of the
  // chain's head, one insert of every row).
  it("keeps the whole page, guard and access log included, to at most 7 statements", async () => {
    const { cookie } = await signedIn(reviewerA.id);
    for (const queue of QUEUES) {
      const { queries } = await countQueries(() =>
        loader({ request: get(`/staff/cases?queue=${queue}&sort=status&page=2`, cookie), params: {}, context }),
      );
      expect(queries, queue).toBeLessThanOrEqual(7);
    }
  });

  it("reads every queue from an index", () => {
    for (const queue of QUEUES) {
      for (const sort of QUEUE_SORTS) {
        const plan = explainQueue({ queue, viewerId: reviewerA.id, sort }, at).join("\n");
        expect(plan, `${queue} ${sort}`).toMatch(/USING (COVERING )?INDEX cases_/);
        expect(plan, `${queue} ${sort}`).not.toMatch(/SCAN cases/);
      }
    }
    expect(explainQueue({ queue: "all_open", viewerId: reviewerA.id }, at).join("\n")).toMatch(/COVERING INDEX/);
  });

  it("relies on closed cases having both status closed and a closed date", () => {
    // Close a case the way the service does, then check every row.
    insertCase("Z1", "scope", 30, false, null);
    expect(performAction(ids.get("Z1")!, { action: "scope_out", data: { inScope: false } }, reviewerA, "t")).toMatchObject({ ok: true, status: "closed" });
    expect(caseRow("Z1")).toMatchObject({ status: "closed", nextDueAt: null });
    expect(caseRow("Z1").closedAt).not.toBeNull();
    for (const queue of QUEUES) expect(refs(list({ queue }).rows)).not.toContain(ref("Z1"));
    const mismatched = getSqlite()
      .prepare("SELECT count(*) AS n FROM cases WHERE (status = 'closed') <> (closed_at IS NOT NULL)")
      .get() as { n: number };
    expect(mismatched.n).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------
// The page: guard, take and assign
// ---------------------------------------------------------------------------------------------

const context = { cspNonce: "t", requestId: "queues-test", clientIp: "127.0.0.1" };
const get = (path: string, cookie?: string) => new Request(`http://localhost:3000${path}`, { headers: cookie ? { Cookie: cookie } : {} });
const post = (path: string, body: Record<string, string>, cookie: string) =>
  new Request(`http://localhost:3000${path}`, {
    method: "POST",
    body: new URLSearchParams(body),
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
  });

async function settle(run: () => unknown): Promise<Response | Record<string, unknown>> {
  try {
    return (await run()) as Response | Record<string, unknown>;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

async function view(path: string, cookie: string) {
  return { data: await loader({ request: get(path, cookie), params: {}, context }) };
}

/**
 * Posts a row action as a browser would, then follows the redirect (with the form-result cookie a
 * refusal sets). The outcome is shown once: a second view of the page has neither notice nor error.
 */
async function submit(user: Staff, path: string, body: Record<string, string>) {
  const { cookie, csrfToken } = await signedIn(user.id);
  const response = (await settle(() => action({ request: post(path, { csrf: csrfToken, ...body }, cookie), params: {}, context }))) as Response;
  expect(response.status).toBe(303);
  const refused = (response.headers.get("Set-Cookie") ?? "").split(";")[0];
  const withResult = refused ? `${cookie}; ${refused}` : cookie;
  const location = response.headers.get("Location")!;
  const shown = await view(location, withResult);
  const again = (await view(location, withResult)).data;
  expect([again.notice, again.problem]).toEqual([null, null]);
  return { location, page: shown.data };
}

const caseRow = (key: string) => getDb().select().from(schema.cases).where(eq(schema.cases.id, ids.get(key)!)).get()!;
/** The changes logged on a case by one person (the queue's own consultation rows left out). */
const auditRows = (key: string, actorId: number) =>
  getDb()
    .select()
    .from(schema.auditLog)
    .where(
      and(
        eq(schema.auditLog.entityType, "case"),
        eq(schema.auditLog.entityId, String(ids.get(key))),
        eq(schema.auditLog.actorId, actorId),
        ne(schema.auditLog.action, "consultation"),
      ),
    )
    .orderBy(desc(schema.auditLog.id))
    .all();

describe("the queue page", () => {
  it("refuses an admin-only user with 403 (loader and action), and logs it", async () => {
    const { cookie, csrfToken } = await signedIn(adminOnly.id);
    const viewed = await settle(() => loader({ request: get("/staff/cases?queue=overdue", cookie), params: {}, context }));
    expect(viewed).toBeInstanceOf(Response);
    expect((viewed as Response).status).toBe(403);
    const posted = await settle(() => action({ request: post("/staff/cases", { csrf: csrfToken, intent: "take", caseId: String(ids.get("R1")) }, cookie), params: {}, context }));
    expect((posted as Response).status).toBe(403);
    const denied = getDb().select().from(schema.auditLog).where(eq(schema.auditLog.actorId, adminOnly.id)).all();
    expect(denied.map((d) => d.action)).toEqual(["access_denied", "access_denied"]);
    expect(caseRow("R1").assignedTo).toBeNull();
  });

  it("shows the queue in the address, with counts and rows, and logs a consultation of each case listed", async () => {
    const { cookie } = await signedIn(manager.id);
    const { data } = await view("/staff/cases?queue=overdue&sort=bogus&status=nope&page=x", cookie);
    expect(data.query).toMatchObject({ queue: "overdue", sort: "due", page: 1 });
    expect(data.query.status).toBeUndefined();
    expect(data.rows.map((r) => r.reference)).toEqual(keysOf(["D2", "V2", "R4", "D4", "C2", "R3"]));
    expect(data.rows[0]).toMatchObject({ clock: "overdue", due: "Overdue by 7 days", stage: "Awaiting decision", assigneeName: reviewerB.displayName, urgent: true, urgentReason: "Marked urgent" });
    expect(data.rows[3]).toMatchObject({ clock: "overdue", due: "Overdue by 12 days", stage: "Awaiting decision", assigneeName: manager.displayName, urgent: false, urgentReason: null });
    expect(data.counts.overdue).toBe(6);
    expect(data.canAssign).toBe(true);
    expect(data.canTake).toBe(false);
    expect(data.staff.map((s) => s.id)).toEqual(expect.arrayContaining([reviewerA.id, reviewerB.id, manager.id]));
    expect(data.staff.map((s) => s.id)).not.toContain(adminOnly.id);
    // The rows show the children's and subject's names: one consultation row per case listed.
    const consulted = getDb().select().from(schema.auditLog).where(and(eq(schema.auditLog.action, "consultation"), eq(schema.auditLog.actorId, manager.id))).all();
    expect(consulted.map((r) => Number(r.entityId)).sort()).toEqual(data.rows.map((r) => r.id).sort());
    expect(consulted[0]).toMatchObject({ entityType: "case", reason: "work queue viewed (overdue)" });
  });

  it("uses the application clock: with time moved on 7 hours, a case due in 5 hours shows as overdue", async () => {
    process.env.CLOCK_OFFSET_MS = String(at.getTime() - Date.now() + 7 * HOUR);
    const { setCookie } = await createSession(reviewerA.id, "active", get("/staff"), "127.0.0.1");
    const { data } = await view("/staff/cases?queue=overdue", setCookie.split(";")[0]);
    expect(data.rows.map((r) => r.reference)).toContain(ref("D3"));
    expect(data.counts.overdue).toBe(7);
  });

  it("lets a reviewer take an unassigned case, and redirects back to the same queue", async () => {
    const { location, page } = await submit(reviewerA, "/staff/cases?index&queue=unassigned&sort=received", { intent: "take", caseId: String(ids.get("R1")) });
    expect(location).toBe("/staff/cases?queue=unassigned&sort=received");
    expect(caseRow("R1").assignedTo).toBe(reviewerA.id);
    expect(page.notice).toBe(`You have taken case ${ref("R1")}`);
    expect(page.problem).toBeNull();
    expect(page.rows.map((r) => r.reference)).not.toContain(ref("R1"));
    const [audit] = auditRows("R1", reviewerA.id);
    expect(audit).toMatchObject({ action: "alteration", fields: ["assigned_to"], requestId: "queues-test" });
    const events = getDb().select().from(schema.caseEvents).where(eq(schema.caseEvents.caseId, ids.get("R1")!)).all();
    expect(events.map((e) => e.type)).toEqual(["take"]);
  });

  it("does not let a reviewer take a case someone already has", async () => {
    const { page } = await submit(reviewerB, "/staff/cases?queue=all_open", { intent: "take", caseId: String(ids.get("R4")) });
    expect(caseRow("R4").assignedTo).toBe(reviewerA.id);
    expect(page.problem).toEqual({ text: `Case ${ref("R4")}: This case is already assigned`, href: `#case-${ids.get("R4")}` });
    expect(page.notice).toBeNull();
    expect(auditRows("R4", reviewerB.id)).toEqual([]);
  });

  it("lets a manager assign a case, and unassign it", async () => {
    const { location, page } = await submit(manager, "/staff/cases?queue=urgent&page=1", { intent: "assign", caseId: String(ids.get("C3")), assignee: String(reviewerB.id) });
    expect(location).toBe("/staff/cases?queue=urgent");
    expect(caseRow("C3").assignedTo).toBe(reviewerB.id);
    // The notice names the case, not the person (the row shows who has it).
    expect(page.notice).toBe(`Case ${ref("C3")} is now assigned`);
    expect(page.rows.find((r) => r.reference === ref("C3"))?.assigneeName).toBe(reviewerB.displayName);
    expect(auditRows("C3", manager.id)[0]).toMatchObject({ action: "alteration", fields: ["assigned_to"] });

    await submit(manager, "/staff/cases", { intent: "assign", caseId: String(ids.get("C3")), assignee: "none" });
    expect(caseRow("C3").assignedTo).toBeNull();
    expect(auditRows("C3", manager.id)).toHaveLength(2);
  });

  it("refuses bad ids and actions the role may not take, changing nothing", async () => {
    const before = caseRow("S2").assignedTo;
    const attempts: Array<[Staff, Record<string, string>, string]> = [
      [manager, { intent: "assign", caseId: "abc", assignee: String(reviewerA.id) }, "Choose a case"],
      [manager, { intent: "assign", caseId: "1.5", assignee: String(reviewerA.id) }, "Choose a case"],
      [manager, { intent: "assign", caseId: String(ids.get("S2")), assignee: "" }, "Choose who to assign the case to"],
      [manager, { intent: "assign", caseId: String(ids.get("S2")), assignee: String(adminOnly.id) }, "Choose a reviewer or manager to assign the case to"],
      [manager, { intent: "assign", caseId: String(ids.get("S2")), assignee: "999999" }, "Choose a reviewer or manager to assign the case to"],
      [manager, { intent: "assign", caseId: "999999", assignee: String(reviewerA.id) }, "There is no such case"],
      [manager, { intent: "take", caseId: String(ids.get("S2")) }, `Case ${ref("S2")}: Only a reviewer can do this`],
      [reviewerA, { intent: "assign", caseId: String(ids.get("S2")), assignee: String(reviewerA.id) }, `Case ${ref("S2")}: Only a manager can do this`],
      [reviewerA, { intent: "take", caseId: String(ids.get("X2")) }, `Case ${ref("X2")}: This cannot be done while the case is at "Closed"`],
      [reviewerA, { intent: "delete", caseId: String(ids.get("S2")) }, "Choose an action for a case"],
    ];
    for (const [user, body, message] of attempts) {
      const { page } = await submit(user, "/staff/cases", body);
      expect(page.problem?.text, JSON.stringify(body)).toBe(message);
      expect(page.notice).toBeNull();
    }
    expect(caseRow("S2").assignedTo).toBe(before);
    expect(caseRow("X2").assignedTo).toBeNull();
  });
});
