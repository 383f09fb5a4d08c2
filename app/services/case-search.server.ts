// Finding a case: by reference, by a person's name (partial, accents and punctuation ignored), date
// of birth or postcode, open and closed. A results list shows names, so each view of one is a
// consultation of every case in it: one s.62 row per case, with the purpose the searcher gave.
//
// The search itself is kept server-side for an hour under a random token (staff_searches), so the
// results page's address holds nothing personal, survives Back and reload, and each reload is
// logged again. Only the member of staff who searched can open it.
//
// Query budget: a results page is ONE statement to read the search, ONE to find the cases (names
// through the trigram index case_people_search, dates of birth through case_people_dob_idx, a
// reference through cases_reference_unique), ONE for their names, and the audit rows (two).
import crypto from "node:crypto";
import { and, eq, lt } from "drizzle-orm";
import type { StaffUser } from "../../db/schema";
import { nameMatch, postcodeMatch, SEARCH_LIMIT, searchReason, type SearchCriteria } from "~/domain/search";
import type { Status } from "~/domain/workflow";
import { recordAuditMany } from "./audit.server";
import { now } from "./app-clock.server";
import { getDb, getSqlite, schema } from "./db.server";

const SEARCH_TTL_MS = 60 * 60_000;

const hash = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

/** Keeps a search for its owner; returns the token for the results page's address. */
export function saveSearch(user: StaffUser, criteria: SearchCriteria, at: Date = now()): string {
  const token = crypto.randomBytes(16).toString("base64url");
  const db = getDb();
  db.transaction((tx) => {
    tx.delete(schema.staffSearches).where(lt(schema.staffSearches.expiresAt, at)).run();
    tx.insert(schema.staffSearches)
      .values({ tokenHash: hash(token), userId: user.id, criteria, expiresAt: new Date(at.getTime() + SEARCH_TTL_MS) })
      .run();
  });
  return token;
}

/** A saved search of this user's, or null (unknown, expired, or someone else's). */
export function loadSearch(user: StaffUser, token: string, at: Date = now()): SearchCriteria | null {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return null;
  const row = getDb()
    .select()
    .from(schema.staffSearches)
    .where(and(eq(schema.staffSearches.tokenHash, hash(token)), eq(schema.staffSearches.userId, user.id)))
    .get();
  if (!row || row.expiresAt.getTime() <= at.getTime()) return null;
  return row.criteria as SearchCriteria;
}

export type SearchResult = {
  id: number;
  reference: string;
  status: Status;
  receivedAt: Date;
  closedAt: Date | null;
  erased: boolean;
  applicant: string | null;
  children: string[];
  subject: string | null;
};

export type SearchResults = { results: SearchResult[]; more: boolean };

type Params = Record<string, string | number>;

/** The cases matching the criteria, newest first, at most SEARCH_LIMIT (and whether there are more). */
export function findCases(criteria: SearchCriteria): SearchResults {
  const params: Params = { limit: SEARCH_LIMIT + 1 };
  const caseTerms: string[] = [];
  if (criteria.reference) {
    caseTerms.push("c.reference = @reference");
    params.reference = criteria.reference;
  }
  if (criteria.state === "open") caseTerms.push("c.closed_at IS NULL");
  if (criteria.state === "closed") caseTerms.push("c.closed_at IS NOT NULL");

  // Name and date of birth describe one person; the postcode may be anyone's in the case.
  const personTerms: string[] = [];
  if (criteria.nameWords) {
    const match = nameMatch(criteria.nameWords);
    if (match) {
      personTerms.push("p.id IN (SELECT rowid FROM case_people_search WHERE case_people_search MATCH @name)");
      params.name = match;
    }
    criteria.nameWords.forEach((word, i) => {
      // Short words ("jo", "li") the trigram index cannot hold: checked on the rows it found.
      if (word.length < 3) {
        personTerms.push(`instr(' ' || p.normalised_name || ' ' || lower(coalesce(p.other_names, '')), @w${i}) > 0`);
        params[`w${i}`] = ` ${word}`;
      }
    });
  }
  if (criteria.dateOfBirth) {
    personTerms.push("p.date_of_birth = @dob");
    params.dob = criteria.dateOfBirth;
  }
  if (personTerms.length > 0 && criteria.role !== "any") {
    personTerms.push("p.role = @role");
    params.role = criteria.role;
  }
  if (personTerms.length > 0) {
    caseTerms.push(`c.id IN (SELECT p.case_id FROM case_people p WHERE ${personTerms.join(" AND ")})`);
  }
  if (criteria.postcode) {
    const match = postcodeMatch(criteria.postcode);
    if (match) {
      const roleTerm = criteria.role !== "any" && !personTerms.length ? " AND p.role = @role" : "";
      if (roleTerm) params.role = criteria.role;
      caseTerms.push(
        `c.id IN (SELECT p.case_id FROM case_people p WHERE p.id IN (SELECT rowid FROM case_people_search WHERE case_people_search MATCH @postcode)${roleTerm})`,
      );
      params.postcode = match;
    }
  }
  if (!criteria.reference && caseTerms.every((t) => !t.includes("case_people"))) return { results: [], more: false };

  const sql = `
    WITH found AS (
      SELECT c.id FROM cases c WHERE ${caseTerms.join(" AND ")} ORDER BY c.received_at DESC, c.id DESC LIMIT @limit
    )
    SELECT c.id, c.reference, c.status, c.received_at, c.closed_at, c.erased_at,
      (SELECT full_name FROM case_people WHERE case_id = c.id AND role = 'applicant' ORDER BY position LIMIT 1) AS applicant,
      (SELECT json_group_array(full_name) FROM (SELECT full_name FROM case_people WHERE case_id = c.id AND role = 'child' ORDER BY position)) AS children,
      (SELECT full_name FROM case_people WHERE case_id = c.id AND role = 'subject' ORDER BY position LIMIT 1) AS subject
    FROM found JOIN cases c ON c.id = found.id
    ORDER BY c.received_at DESC, c.id DESC`;
  const rows = getSqlite().prepare(sql).all(params) as Array<{
    id: number;
    reference: string;
    status: Status;
    received_at: number;
    closed_at: number | null;
    erased_at: number | null;
    applicant: string | null;
    children: string;
    subject: string | null;
  }>;
  return {
    more: rows.length > SEARCH_LIMIT,
    results: rows.slice(0, SEARCH_LIMIT).map((r) => ({
      id: r.id,
      reference: r.reference,
      status: r.status,
      receivedAt: new Date(r.received_at),
      closedAt: r.closed_at === null ? null : new Date(r.closed_at),
      erased: r.erased_at !== null,
      applicant: r.applicant,
      children: JSON.parse(r.children) as string[],
      subject: r.subject,
    })),
  };
}

/** Runs a saved search and logs the view: one consultation row per case listed, with the purpose. */
export function searchAndLog(user: StaffUser, criteria: SearchCriteria, requestId?: string): SearchResults {
  const found = findCases(criteria);
  const reason = searchReason(criteria);
  getDb().transaction((tx) =>
    recordAuditMany(
      tx,
      found.results.map((r) => ({
        action: "consultation" as const,
        actor: { kind: "staff" as const, id: user.id },
        entityType: "case",
        entityId: r.id,
        fields: ["reference", "status", "names"],
        reason,
        requestId,
      })),
    ),
  );
  return found;
}
