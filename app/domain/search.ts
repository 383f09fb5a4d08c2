// Finding a case: what staff may search by, and how typed input becomes a query. Pure: the
// service (app/services/case-search.server.ts) runs it against the database.
import { z } from "zod";
import { checkDate, choice, datePartFields, optionalText } from "./fields";
import { normaliseName } from "./names";
import { normaliseReference } from "./reference";

export const SEARCH_ROLES = {
  any: "Anyone in the case",
  applicant: "The applicant",
  child: "A child",
  subject: "The subject (the person asked about)",
} as const;
export type SearchRole = keyof typeof SEARCH_ROLES;

export const SEARCH_STATES = { all: "Open and closed cases", open: "Open cases only", closed: "Closed cases only" } as const;
export type SearchState = keyof typeof SEARCH_STATES;

/** Why the search is made: recorded in the s.62 log as the justification for seeing the results. */
export const SEARCH_PURPOSES = {
  enquiry: "Someone contacted us about a case (for example an applicant with a reference)",
  casework: "Finding a case I am working on",
  linked: "Checking for earlier or linked cases",
  oversight: "Supervision, audit or a request for information",
  other: "Another reason",
} as const;
export type SearchPurpose = keyof typeof SEARCH_PURPOSES;

/** The most results a list shows; more means "add details to narrow the search". */
export const SEARCH_LIMIT = 50;
export const NAME_MIN_LETTERS = 3;

/** What a search looks for, after the forgiving normalisation of each input. */
export type SearchCriteria = {
  /** "ABCD-EFGH-JKMN", normalised from what was typed. */
  reference?: string;
  /** Normalised name words (lower case, no accents or punctuation). */
  nameWords?: string[];
  role: SearchRole;
  /** YYYY-MM-DD. */
  dateOfBirth?: string;
  /** Upper case, single space before the last three characters when it is long enough to have one. */
  postcode?: string;
  state: SearchState;
  purpose: SearchPurpose;
  purposeOther?: string;
};

const keys = <T extends object>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

/** "sw1a1aa", " SW1A  1AA " → "SW1A 1AA"; a partial postcode ("SW1A") stays as typed, upper case. */
export function normalisePostcode(input: string): string {
  const compact = input.toUpperCase().replace(/[^A-Z0-9]/g, "");
  return compact.length >= 5 ? `${compact.slice(0, -3)} ${compact.slice(-3)}` : compact;
}

/**
 * The search form. At least one of reference, name, date of birth or postcode; a reference must be a
 * whole, valid one (typed any way: lower case, without hyphens, O for 0); a name needs 3 letters.
 */
export function searchSchema(today: Date) {
  return z
    .object({
      reference: optionalText(40, "The reference"),
      name: optionalText(100, "The name"),
      role: choice(keys(SEARCH_ROLES), "Select whose name, date of birth or postcode this is").default("any"),
      dobDay: datePartFields.day,
      dobMonth: datePartFields.month,
      dobYear: datePartFields.year,
      postcode: optionalText(10, "The postcode"),
      state: choice(keys(SEARCH_STATES), "Select which cases to search").default("all"),
      // Checked with the rest below, so an empty form shows every error at once.
      purpose: z.string().max(20).optional(),
      purposeOther: optionalText(100, "The reason"),
    })
    .superRefine((v, ctx) => {
      const dobGiven = Boolean(v.dobDay || v.dobMonth || v.dobYear);
      if (!v.reference && !v.name && !dobGiven && !v.postcode) {
        ctx.addIssue({ code: "custom", path: ["reference"], message: "Enter a reference, a name, a date of birth or a postcode" });
      }
      if (v.reference && !normaliseReference(v.reference)) {
        ctx.addIssue({ code: "custom", path: ["reference"], message: "Enter the whole reference, like 7K2M-9QXD-4HRW (12 letters and numbers)" });
      }
      if (v.name) {
        const letters = normaliseName(v.name).replace(/ /g, "");
        if (letters.length < NAME_MIN_LETTERS || !normaliseName(v.name).split(" ").some((w) => w.length >= NAME_MIN_LETTERS)) {
          ctx.addIssue({ code: "custom", path: ["name"], message: `Enter at least ${NAME_MIN_LETTERS} letters of a name` });
        }
      }
      if (dobGiven) checkDate(ctx, "dob", { day: v.dobDay, month: v.dobMonth, year: v.dobYear }, "The date of birth", today);
      if (v.postcode && normalisePostcode(v.postcode).replace(" ", "").length < 3) {
        ctx.addIssue({ code: "custom", path: ["postcode"], message: "Enter at least 3 characters of the postcode, like SW1A or N1 9" });
      }
      if (!v.purpose || !(v.purpose in SEARCH_PURPOSES)) {
        ctx.addIssue({ code: "custom", path: ["purpose"], message: "Select why you are searching" });
      }
      if (v.purpose === "other" && !v.purposeOther) {
        ctx.addIssue({ code: "custom", path: ["purposeOther"], message: "Say why you are searching" });
      }
    })
    .transform((v) => ({ ...v, purpose: v.purpose as SearchPurpose }));
}

export type SearchForm = z.output<ReturnType<typeof searchSchema>>;

/** The form's answers as criteria (call with a value the schema accepted). */
export function criteriaOf(form: SearchForm, dateOfBirth: string | undefined): SearchCriteria {
  const words = form.name ? normaliseName(form.name).split(" ").filter(Boolean) : undefined;
  return {
    reference: form.reference ? (normaliseReference(form.reference) ?? undefined) : undefined,
    nameWords: words && words.length > 0 ? words : undefined,
    role: form.role,
    dateOfBirth,
    postcode: form.postcode ? normalisePostcode(form.postcode) : undefined,
    state: form.state,
    purpose: form.purpose,
    purposeOther: form.purpose === "other" ? form.purposeOther : undefined,
  };
}

/** The justification written to the access log for each case in a results list. */
export function searchReason(c: Pick<SearchCriteria, "purpose" | "purposeOther">): string {
  const purpose = c.purpose === "other" ? `other: ${c.purposeOther ?? ""}` : SEARCH_PURPOSES[c.purpose];
  return `case search results viewed (${purpose})`.slice(0, 300);
}

/** A quoted FTS5 string (the trigram tokenizer matches it as a substring). */
const quoted = (text: string) => `"${text.replace(/"/g, '""')}"`;

/**
 * The FTS5 MATCH expression for a name: every word of 3 or more letters must appear in the
 * person's names (shorter words are checked by the caller, as the trigram index cannot).
 */
export function nameMatch(words: string[]): string | null {
  const long = words.filter((w) => w.length >= NAME_MIN_LETTERS);
  return long.length === 0 ? null : `names : (${long.map(quoted).join(" AND ")})`;
}

/** The FTS5 MATCH expression for a postcode, written with or without its space. */
export function postcodeMatch(postcode: string): string | null {
  const compact = postcode.replace(/ /g, "");
  if (compact.length < 3) return null;
  const forms = [...new Set([postcode, compact])].filter((f) => f.length >= 3);
  return `address : (${forms.map(quoted).join(" OR ")})`;
}
