// Work-queue and case-page benchmark at scale. A benchmark, not a test: it prints figures and
// asserts nothing (it does flag figures over the targets: ≤ 5 statements and p99 < 50 ms a page).
//
//   npx tsx scripts/bench-cases.ts [--cases 1000000] [--runs 200] [--keep] [--db FILE] [--cache-mb N]
//     --keep       keep the temporary database (its path is printed) for another run with --db
//     --db FILE    measure an existing benchmark database instead of seeding a new one
//     --cache-mb N set SQLite's page cache to N MB on the connection (default: the service's, 2 MB)
//
// Builds a fresh database in a temporary folder (never the configured one), seeds N cases with a
// realistic spread (received over 10 years, ~3% open, ~5% urgent, assigned among 50 staff, clocks
// set from T0, an applicant, a child and a subject for every case, with names drawn from common first
// names and surnames, dates of birth and postcodes), then times in process, for every queue:
//   - the queue page's data (listQueue + queueCounts + queueStaff), page 1 and a deep page;
//   - the whole route loader (guard and session included), page 1;
// and the case page (loadCaseForStaff) when app/services/case-view.server.ts provides it, and case
// search (by reference, surname, part of a name, date of birth, postcode) over open and closed cases.
// SQL statements per page are counted with countQueries (every prepare on the connection).
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

const args = process.argv.slice(2);
function option(name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  if (i === -1) return fallback;
  const value = Number(args[i + 1]);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`--${name} must be a positive whole number`);
  return value;
}
const CASES = option("cases", 1_000_000);
const RUNS = Math.max(200, option("runs", 200));
const KEEP = args.includes("--keep");
const REUSE = args.includes("--db") ? path.resolve(args[args.indexOf("--db") + 1] ?? "") : null;
const CACHE_MB = args.includes("--cache-mb") ? option("cache-mb", 2) : null;
const STAFF = 50;

// A fresh database: set before any app module reads the configuration.
if (REUSE && !fs.existsSync(REUSE)) throw new Error(`--db: no such file ${REUSE}`);
const dir = REUSE ? path.dirname(REUSE) : fs.mkdtempSync(path.join(os.tmpdir(), "csods-bench-"));
process.env.NODE_ENV = "production";
process.env.DATA_DIR = dir;
process.env.DATABASE_PATH = REUSE ?? path.join(dir, "bench.db");
process.env.SESSION_SECRET = crypto.randomBytes(32).toString("hex");
process.env.APP_URL = "http://localhost:3000";
delete process.env.SMTP_URL;
delete process.env.CLOCK_OFFSET_MS;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Timing = { label: string; queries: number; p50: number; p99: number; max: number; cpu50: number; cpu99: number; note?: string };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Deterministic pseudo-random numbers, so two runs seed the same spread. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function main() {
  const { getSqlite, countQueries, closeDb } = await import("../app/services/db.server");
  const { generateReference } = await import("../app/domain/reference");
  const { nextDueAt } = await import("../app/domain/clocks");
  const { OPEN_STATUSES } = await import("../app/domain/workflow");
  const { listQueue, queueCounts, queueStaff, explainQueue, QUEUE_TABS: QUEUES } = await import("../app/services/queues.server");
  const { createSession } = await import("../app/services/staff-sessions.server");
  const { now } = await import("../app/services/app-clock.server");

  const sqlite = getSqlite(); // opens and migrates
  const at = now();
  const random = rng(20261123);

  if (CACHE_MB) sqlite.pragma(`cache_size = -${CACHE_MB * 1024}`);
  console.log(`Case queue benchmark: ${REUSE ? "existing database" : `${CASES.toLocaleString("en-GB")} cases`}, ${RUNS} runs per figure`);
  console.log(`machine: node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? "?"}), load ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  console.log(`database: ${process.env.DATABASE_PATH} (WAL, synchronous=FULL as in production; relaxed to OFF while seeding only)`);
  console.log(`page cache: ${CACHE_MB ? `${CACHE_MB} MB (--cache-mb)` : `SQLite default (cache_size ${String(sqlite.pragma("cache_size", { simple: true }))}), as the service opens it`}`);
  const staffIds = REUSE ? (sqlite.prepare("SELECT id FROM staff_users ORDER BY id").all() as { id: number }[]).map((r) => r.id) : seed();
  const managerId = staffIds[0]!;
  const reviewerId = staffIds[20]!;

  // ------------------------------------------------------------------------------------------
  // Seed
  // ------------------------------------------------------------------------------------------
  function seed(): number[] {
    const seedStart = performance.now();
    sqlite.pragma("synchronous = OFF");
    const staffIds: number[] = [];
    const insertStaff = sqlite.prepare(
      `INSERT INTO staff_users (email, display_name, roles, active, on_duty, created_at, updated_at)
       VALUES (?, ?, ?, 1, 1, ?, ?)`,
    );
    sqlite.transaction(() => {
      for (let i = 1; i <= STAFF; i++) {
        const roles = i <= 8 ? ["manager"] : i === 9 ? ["reviewer", "manager"] : ["reviewer"];
        const info = insertStaff.run(`officer${i}@force.example`, `Officer ${String(i).padStart(2, "0")}`, JSON.stringify(roles), at.getTime(), at.getTime());
        staffIds.push(Number(info.lastInsertRowid));
      }
    })();

    const insertCase = sqlite.prepare(
      `INSERT INTO cases (reference, status, channel, urgent, received_at, contact_types, concern, declarations_accepted_at,
         created_by, assigned_to, risk_check_due_at, interview_due_at, decision_due_at, risk_checked_at, interviewed_at,
         decided_at, closed_at, next_due_at, subject_is_rso, disclosure_made, created_at, updated_at)
       VALUES (@reference, @status, @channel, @urgent, @receivedAt, '["lives_with"]', 'Seeded for the benchmark', @receivedAt,
         NULL, @assignedTo, @riskDue, @interviewDue, @decisionDue, @riskChecked, @interviewed,
         @decided, @closedAt, @nextDue, @rso, @disclosed, @receivedAt, @updatedAt)`,
    );
    const insertPerson = sqlite.prepare(
      `INSERT INTO case_people (case_id, role, position, full_name, normalised_name, date_of_birth, address, details, created_at)
       VALUES (?, ?, 1, ?, ?, ?, ?, '{}', ?)`,
    );
    const FIRST = ["Oliver", "Amelia", "George", "Isla", "Harry", "Ava", "Noah", "Mia", "Jack", "Ivy", "Leo", "Lily", "Arthur", "Freya", "Muhammad", "Grace", "Oscar", "Sophia", "Charlie", "Florence", "Jacob", "Willow", "Thomas", "Rosie", "Henry", "Evie", "James", "Poppy", "William", "Ella", "Joshua", "Sienna", "Alfie", "Elsie", "Theo", "Emily", "Archie", "Daisy", "Freddie", "Chloe", "Sarah", "David", "Michael", "Emma", "Paul", "Karen", "Mark", "Claire", "John", "Helen"];
    const LAST = ["Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson", "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall", "Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood", "Turner", "Martin", "Cooper", "Hill", "Ward", "Morris", "Moore", "Clark", "Lee", "King", "Baker", "Harrison", "Morgan", "Allen", "James", "Scott", "Phillips", "Watson", "Davis", "Parker", "Price", "Bennett", "Young", "Griffiths", "Mitchell", "Kelly", "Cook", "Carter", "Richardson", "Bailey", "Collins", "Bell", "Shaw", "Murphy", "Miller", "Cox", "Richards", "Khan", "Marshall", "Anderson", "Simpson", "Ellis", "Adams", "Singh", "Begum", "Wilkinson", "Foster", "Chapman", "Powell", "Webb", "Rogers", "Gray", "Mason", "Ali", "Hunt", "Hussain", "Campbell", "Matthews", "Owen", "Palmer", "Holmes", "Mills", "Barnes", "Knight", "Lloyd", "Butler", "Russell", "Barker", "Fisher", "Stevens", "Jenkins", "Murray", "Dixon", "Harvey"];
    const person = (ageYears: number, at0: number) => {
      const first = pick(FIRST);
      // A tail of rarer surnames (a number spelled into letters) so a search can be for one person.
      const last = random() < 0.5 ? pick(LAST) : `${pick(LAST)}${String.fromCharCode(97 + Math.floor(random() * 26))}${String.fromCharCode(97 + Math.floor(random() * 26))}${String.fromCharCode(97 + Math.floor(random() * 26))}`;
      const born = new Date(at0 - ageYears * 365.25 * DAY - random() * 365 * DAY).toISOString().slice(0, 10);
      const letters = "ABDEFGHJLNPQRSTUWXYZ";
      const postcode = `${pick(["AB", "B", "BS", "CF", "LS", "M", "NE", "SW", "TT", "YO"])}${1 + Math.floor(random() * 20)} ${Math.floor(random() * 10)}${letters[Math.floor(random() * 20)]}${letters[Math.floor(random() * 20)]}`;
      const name = `${first} ${last}`;
      return { name, normalised: name.toLowerCase(), born, address: `${1 + Math.floor(random() * 200)} Example Road\nTesttown\n${postcode}` };
    };

    const span = 10 * 365 * DAY;
    const start = at.getTime() - span;
    const references = new Set<string>();
    const pool = { buf: crypto.randomBytes(1 << 20), at: 0 };
    const randomBytes = (n: number) => {
      if (pool.at + n > pool.buf.length) {
        pool.buf = crypto.randomBytes(1 << 20);
        pool.at = 0;
      }
      const out = pool.buf.subarray(pool.at, pool.at + n);
      pool.at += n;
      return new Uint8Array(out);
    };
    const pick = <T,>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    const channels = ["online", "online", "online", "online", "online", "online", "phone", "station", "proactive"];

    /** The stage an open case has reached for its age, with some lagging behind (and so overdue). */
    function openStatus(ageDays: number): (typeof OPEN_STATUSES)[number] {
      const lag = random() < 0.15;
      const byAge =
        ageDays < 1 ? 0 : ageDays < 2 ? 1 : ageDays < 8 ? 2 : ageDays < 16 ? 3 : ageDays < 22 ? 4 : ageDays < 27 ? 5 : random() < 0.75 ? 6 + Math.floor(random() * 2) : 2 + Math.floor(random() * 4);
      return OPEN_STATUSES[Math.max(0, byAge - (lag ? 1 : 0))]!;
    }
    const STAGE = Object.fromEntries(OPEN_STATUSES.map((s, i) => [s, i])) as Record<string, number>;

    let open = 0;
    let urgentOpen = 0;
    const BATCH = 50_000;
    for (let from = 0; from < CASES; from += BATCH) {
      sqlite.transaction(() => {
        for (let i = from; i < Math.min(CASES, from + BATCH); i++) {
          const receivedAt = Math.floor(start + (i / CASES) * span + random() * 6 * HOUR);
          const ageDays = (at.getTime() - receivedAt) / DAY;
          const isOpen = ageDays < 0 ? false : ageDays <= 90 ? random() < 0.9 : ageDays <= 3 * 365 ? random() < 0.03 : false;
          let reference = generateReference(randomBytes);
          while (references.has(reference)) reference = generateReference(randomBytes);
          references.add(reference);
          const urgent = random() < 0.05;
          const riskDue = receivedAt + 24 * HOUR;
          const interviewDue = receivedAt + 10 * DAY;
          const decisionDue = receivedAt + 28 * DAY;
          const within = (from: number, to: number) => Math.min(at.getTime() - 1000, receivedAt + from + random() * (to - from));
          let status: string;
          let riskChecked: number | null = null;
          let interviewed: number | null = null;
          let decided: number | null = null;
          let closedAt: number | null = null;
          let assignedTo: number | null;
          if (isOpen) {
            status = openStatus(ageDays);
            const stage = STAGE[status]!;
            if (stage >= 1) riskChecked = within(HOUR, 20 * HOUR);
            if (stage >= 3) interviewed = within(3 * DAY, 9 * DAY);
            if (stage >= 6) decided = within(20 * DAY, 27 * DAY);
            assignedTo = status === "received" ? (random() < 0.4 ? pick(staffIds) : null) : random() < 0.95 ? pick(staffIds) : null;
            open++;
            if (urgent) urgentOpen++;
          } else {
            status = "closed";
            riskChecked = within(HOUR, 20 * HOUR);
            interviewed = random() < 0.9 ? within(3 * DAY, 9 * DAY) : null;
            decided = interviewed ? within(20 * DAY, 27 * DAY) : null;
            closedAt = within(28 * DAY, 60 * DAY);
            assignedTo = pick(staffIds);
          }
          const next = nextDueAt({
            riskCheckDueAt: new Date(riskDue),
            riskCheckedAt: riskChecked === null ? null : new Date(riskChecked),
            interviewDueAt: new Date(interviewDue),
            interviewedAt: interviewed === null ? null : new Date(interviewed),
            decisionDueAt: new Date(decisionDue),
            decidedAt: decided === null ? null : new Date(decided),
            closedAt: closedAt === null ? null : new Date(closedAt),
          });
          const info = insertCase.run({
            reference,
            status,
            channel: pick(channels),
            urgent: urgent ? 1 : 0,
            receivedAt,
            assignedTo,
            riskDue,
            interviewDue,
            decisionDue,
            riskChecked,
            interviewed,
            decided,
            closedAt,
            nextDue: next ? next.getTime() : null,
            rso: status === "closed" ? (random() < 0.2 ? 1 : 0) : null,
            disclosed: status === "closed" ? (random() < 0.15 ? 1 : 0) : null,
            updatedAt: closedAt ?? riskChecked ?? receivedAt,
          });
          const caseId = Number(info.lastInsertRowid);
          for (const [role, age] of [["applicant", 30 + random() * 40], ["child", random() * 16], ["subject", 20 + random() * 45]] as const) {
            const p = person(age, receivedAt);
            insertPerson.run(caseId, role, p.name, p.normalised, p.born, p.address, receivedAt);
          }
        }
      })();
      if (process.stdout.isTTY && CASES >= 200_000) process.stdout.write(`  seeded ${Math.min(CASES, from + BATCH).toLocaleString("en-GB")}\r`);
    }
    sqlite.pragma("synchronous = FULL");
    sqlite.pragma("wal_checkpoint(TRUNCATE)");
    const seedMs = performance.now() - seedStart;
    const size = fs.statSync(process.env.DATABASE_PATH!).size;
    console.log(
      `seeded ${CASES.toLocaleString("en-GB")} cases (${open.toLocaleString("en-GB")} open, ${urgentOpen.toLocaleString("en-GB")} of them urgent; ` +
        `${(CASES * 3).toLocaleString("en-GB")} people rows) and ${STAFF} staff in ${(seedMs / 1000).toFixed(1)} s; file ${(size / 1e6).toFixed(0)} MB`,
    );
    return staffIds;
  }
  const counts = sqlite.prepare("SELECT count(*) AS cases, sum(closed_at IS NULL) AS open FROM cases").get() as { cases: number; open: number };
  console.log(`database holds ${counts.cases.toLocaleString("en-GB")} cases, ${counts.open.toLocaleString("en-GB")} open`);
  console.log(`ANALYZE: not run (the service does not run it either; plans below are without sqlite_stat1)`);

  // ------------------------------------------------------------------------------------------
  // Measure
  // ------------------------------------------------------------------------------------------
  const timings: Timing[] = [];
  async function measure(label: string, work: () => unknown | Promise<unknown>, note?: string) {
    for (let i = 0; i < 5; i++) await work(); // warm-up (page cache, statement compilation)
    const { queries } = await countQueries(work);
    const times: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const c = process.cpuUsage();
      const t = performance.now();
      await work();
      times.push(performance.now() - t);
      const used = process.cpuUsage(c);
      cpu.push((used.user + used.system) / 1000);
    }
    times.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    timings.push({
      label,
      queries,
      p50: percentile(times, 50),
      p99: percentile(times, 99),
      max: times[times.length - 1]!,
      cpu50: percentile(cpu, 50),
      cpu99: percentile(cpu, 99),
      note,
    });
  }

  const viewerFor = (queue: string) => (queue === "mine" ? reviewerId : managerId);
  const pageData = (queue: (typeof QUEUES)[number], page: number, sort: "due" | "received" | "status" = "due") => () => {
    const when = now();
    const result = listQueue({ queue, viewerId: viewerFor(queue), sort, page }, when);
    queueCounts(viewerFor(queue), when);
    queueStaff();
    return result;
  };

  const plans: string[] = [];
  for (const queue of QUEUES) {
    const first = listQueue({ queue, viewerId: viewerFor(queue), page: 1 }, now());
    await measure(`${queue} p1`, pageData(queue, 1), `${first.total.toLocaleString("en-GB")} cases`);
    await measure(`${queue} p${first.pageCount} (last)`, pageData(queue, first.pageCount), `${first.pageCount.toLocaleString("en-GB")} pages`);
    for (const sort of ["received", "status"] as const) {
      await measure(`${queue} p1 sort=${sort}`, pageData(queue, 1, sort));
    }
    plans.push(`${queue}:`, ...explainQueue({ queue, viewerId: viewerFor(queue) }, now()).map((l) => `    ${l}`));
  }
  for (const sort of ["received", "status"] as const) {
    const first = listQueue({ queue: "all_open", viewerId: managerId, page: 1, sort }, now());
    await measure(`all_open p${first.pageCount} (last) sort=${sort}`, pageData("all_open", first.pageCount, sort));
    for (const queue of ["all_open", "overdue", "unassigned"] as const) {
      plans.push(`${queue} sort=${sort}:`, ...explainQueue({ queue, viewerId: viewerFor(queue), sort }, now()).map((l) => `    ${l}`));
    }
  }
  await measure("queueCounts only", () => queueCounts(managerId, now()), "the seven tab counts");
  await measure("queueStaff only", () => queueStaff(), `${STAFF} staff`);
  await measure(`all_open p1 status=checks`, () => listQueue({ queue: "all_open", viewerId: managerId, status: "checks" }, now()), "listQueue only");
  await measure(`mine p1 urgent=yes`, () => listQueue({ queue: "mine", viewerId: reviewerId, urgent: true }, now()), "listQueue only");
  await measure(`all_open p1 assignee=X`, () => listQueue({ queue: "all_open", viewerId: managerId, assignee: staffIds[30] }, now()), "listQueue only");
  await measure(`all_open p1 urgent=no`, () => listQueue({ queue: "all_open", viewerId: managerId, urgent: false }, now()), "listQueue only");
  await measure(`unassigned p1 status=received`, () => listQueue({ queue: "unassigned", viewerId: managerId, status: "received" }, now()), "listQueue only");
  for (const [label, query] of [
    ["all_open status=checks", { queue: "all_open", status: "checks" }],
    ["all_open urgent=no", { queue: "all_open", urgent: false }],
    ["unassigned status=received", { queue: "unassigned", status: "received" }],
  ] as const) {
    plans.push(`${label}:`, ...explainQueue({ ...query, viewerId: managerId }, now()).map((l) => `    ${l}`));
  }

  // The whole loader, guard included, as a signed-in manager would load it.
  const route = await import("../app/routes/staff.cases._index");
  const request0 = new Request("http://localhost:3000/staff");
  const { setCookie } = await createSession(managerId, "active", request0, "127.0.0.1", now());
  const cookie = setCookie.split(";")[0]!;
  const context = { cspNonce: "bench", requestId: "bench", clientIp: "127.0.0.1" };
  for (const queue of ["all_open", "overdue", "mine"] as const) {
    await measure(
      `loader ${queue} p1`,
      () => route.loader({ request: new Request(`http://localhost:3000/staff/cases?queue=${queue}`, { headers: { Cookie: cookie } }), params: {}, context }),
      "guard + page",
    );
  }

  // The case page, if the case view service is there.
  const caseView = (await import("../app/services/case-view.server").catch(() => null)) as null | {
    loadCaseForStaff?: (caseId: number, viewer: unknown, requestId?: string) => unknown;
  };
  if (caseView?.loadCaseForStaff) {
    const viewer = sqlite.prepare("SELECT * FROM staff_users WHERE id = ?").get(managerId) as Record<string, unknown>;
    const { getDb, schema } = await import("../app/services/db.server");
    const { eq } = await import("drizzle-orm");
    const manager = getDb().select().from(schema.staffUsers).where(eq(schema.staffUsers.id, Number(viewer.id))).get()!;
    const openIds = (sqlite.prepare("SELECT id FROM cases WHERE closed_at IS NULL ORDER BY random() LIMIT 500").all() as { id: number }[]).map((r) => r.id);
    let n = 0;
    await measure("case page (loadCaseForStaff)", () => caseView.loadCaseForStaff!(openIds[n++ % openIds.length]!, manager, "bench"), "writes a consultation row");
  } else {
    console.log("case page: app/services/case-view.server.ts has no loadCaseForStaff yet; not measured");
  }

  // Case search: a results list is the search and its consultation rows (one per case listed).
  const search = (await import("../app/services/case-search.server"));
  const managerUser = (await import("../app/services/db.server")).getDb().select().from((await import("../app/services/db.server")).schema.staffUsers).all().find((u) => u.id === managerId)!;
  const sample = sqlite.prepare("SELECT c.reference, p.full_name, p.date_of_birth, substr(p.address, -8) AS postcode FROM cases c JOIN case_people p ON p.case_id = c.id AND p.role = 'child' WHERE c.status = 'closed' ORDER BY c.id LIMIT 1 OFFSET ?").get(Math.floor(CASES / 3)) as
    | { reference: string; full_name: string; date_of_birth: string; postcode: string }
    | undefined;
  if (sample) {
    const base = { role: "any" as const, state: "all" as const, purpose: "casework" as const };
    const surname = sample.full_name.split(" ")[1]!.toLowerCase();
    const searches: Array<[string, Parameters<typeof search.findCases>[0]]> = [
      ["search: reference (closed case, typed lower case)", { ...base, reference: sample.reference }],
      ["search: child's full name", { ...base, nameWords: sample.full_name.toLowerCase().split(" "), role: "child" }],
      ["search: surname only", { ...base, nameWords: [surname] }],
      ["search: common surname 'smith'", { ...base, nameWords: ["smith"] }],
      ["search: part of a name 'ith'", { ...base, nameWords: ["ith"] }],
      ["search: date of birth", { ...base, dateOfBirth: sample.date_of_birth }],
      ["search: postcode", { ...base, postcode: sample.postcode.trim() }],
      ["search: surname + date of birth", { ...base, nameWords: [surname], dateOfBirth: sample.date_of_birth }],
    ];
    for (const [label, criteria] of searches) {
      const found = search.findCases(criteria);
      await measure(label, () => search.searchAndLog(managerUser, criteria, "bench"), `${found.results.length}${found.more ? "+" : ""} found; logs each`);
    }
  }

  // ------------------------------------------------------------------------------------------
  // Report
  // ------------------------------------------------------------------------------------------
  const width = Math.max(...timings.map((t) => t.label.length)) + 2;
  console.log("");
  console.log(`Wall-clock times in ms; "cpu" is the process's CPU time for the same runs (what the work costs when`);
  console.log(`the machine is busy with other things; load average now ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}).`);
  const cols = ["queries", "p50", "p99", "max", "cpu p50", "cpu p99"];
  console.log(`${"page".padEnd(width)}${cols.map((c) => c.padStart(9)).join("")}  note`);
  for (const t of timings) {
    const flags = [
      t.queries > 5 ? "over 5 queries" : "",
      t.p99 >= 50 ? `wall p99 over 50 ms${t.cpu99 < 50 ? " (CPU p99 under: a busy machine)" : ""}` : "",
    ].filter(Boolean);
    const flag = flags.length > 0 ? `  << ${flags.join("; ")}` : "";
    const figures = [t.p50, t.p99, t.max, t.cpu50, t.cpu99].map((v) => v.toFixed(2).padStart(9)).join("");
    console.log(`${t.label.padEnd(width)}${String(t.queries).padStart(9)}${figures}  ${t.note ?? ""}${flag}`);
  }
  console.log("");
  console.log("Query plans (EXPLAIN QUERY PLAN of each queue's count and page query, default sort unless named):");
  for (const line of plans) console.log(`  ${line}`);

  closeDb();
  if (REUSE) return;
  if (KEEP) console.log(`kept ${process.env.DATABASE_PATH} (measure it again with --db)`);
  else fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
