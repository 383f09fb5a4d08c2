// Finding a case: what staff may search by, and how typed input becomes a query. Pure: the
// service (app/services/case-search.server.ts) runs it against the database.
import { defineForm, type FormValues } from "./form-spec";
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

/** "sw1a1aa", " SW1A  1AA " → "SW1A 1AA"; a partial postcode ("SW1A") stays as typed, upper case. */
export function normalisePostcode(input: string): string {
  const compact = input.toUpperCase().replace(/[^A-Z0-9]/g, "");
  return compact.length >= 5 ? `${compact.slice(0, -3)} ${compact.slice(-3)}` : compact;
}

/**
 * The search form, in page order. At least one of reference, name, date of birth or postcode; a
 * reference must be a whole, valid one (typed any way: lower case, without hyphens, O for 0); a
 * name needs 3 letters. Whose details and which cases default to "anyone" and "all".
 */
export const searchForm = defineForm(
  {
    reference: {
      kind: "text",
      label: "Reference",
      hint: "For example 7K2M-9QXD-4HRW. Lower case and without hyphens is fine.",
      max: 40,
      noun: "The reference",
    },
    name: { kind: "text", label: "Name", hint: "Full name or part of it, for example a surname. At least 3 letters.", max: 100, noun: "The name" },
    dob: {
      kind: "date",
      label: "Date of birth",
      hint: "For example 27 3 2017",
      errorLabel: "The date of birth",
      // Optional: checked only once any part of it is given.
      when: (v) => Boolean(v.dobDay || v.dobMonth || v.dobYear),
    },
    postcode: { kind: "text", label: "Postcode", hint: "Whole or the first part, for example SW1A", max: 10, noun: "The postcode" },
    role: {
      kind: "radios",
      label: "Whose name, date of birth or postcode is it?",
      options: SEARCH_ROLES,
      invalid: "Select whose name, date of birth or postcode this is",
    },
    state: { kind: "radios", label: "Which cases", options: SEARCH_STATES, invalid: "Select which cases to search" },
    // Required, but checked with the rest below, so an empty form shows every error in page order.
    purpose: {
      kind: "radios",
      label: "Why are you searching?",
      hint: "Recorded in the access log for each case the results show.",
      options: SEARCH_PURPOSES,
      invalid: "Select why you are searching",
    },
    purposeOther: { kind: "text", label: "The reason", hint: "Do not include anyone's name.", max: 100, noun: "The reason" },
  },
  (v, ctx) => {
    // An answer that failed its own check (too long) still counts as given.
    const gave = (field: "reference" | "name" | "postcode") => Boolean(v[field]) || (v[field] === undefined && ctx.answered(field));
    const dobGiven = Boolean(v.dobDay || v.dobMonth || v.dobYear);
    if (!gave("reference") && !gave("name") && !dobGiven && !gave("postcode")) {
      ctx.issue("reference", "Enter a reference, a name, a date of birth or a postcode");
    }
    if (v.reference && !normaliseReference(v.reference)) {
      ctx.issue("reference", "Enter the whole reference, like 7K2M-9QXD-4HRW (12 letters and numbers)");
    }
    if (v.name) {
      const letters = normaliseName(v.name).replace(/ /g, "");
      if (letters.length < NAME_MIN_LETTERS || !normaliseName(v.name).split(" ").some((w) => w.length >= NAME_MIN_LETTERS)) {
        ctx.issue("name", `Enter at least ${NAME_MIN_LETTERS} letters of a name`);
      }
    }
    if (v.postcode && normalisePostcode(v.postcode).replace(" ", "").length < 3) {
      ctx.issue("postcode", "Enter at least 3 characters of the postcode, like SW1A or N1 9");
    }
    if (!v.purpose && !ctx.answered("purpose")) ctx.issue("purpose", "Select why you are searching");
    if (v.purpose === "other" && !v.purposeOther) ctx.issue("purposeOther", "Say why you are searching");
  },
);

export const searchSchema = (today: Date) => searchForm.schema(today);

export type SearchForm = FormValues<(typeof searchForm)["fields"]>;

/** The form's answers as criteria (call with a value the schema accepted). */
export function criteriaOf(form: SearchForm, dateOfBirth: string | undefined): SearchCriteria {
  const words = form.name ? normaliseName(form.name).split(" ").filter(Boolean) : undefined;
  return {
    reference: form.reference ? (normaliseReference(form.reference) ?? undefined) : undefined,
    nameWords: words && words.length > 0 ? words : undefined,
    role: form.role ?? "any",
    dateOfBirth,
    postcode: form.postcode ? normalisePostcode(form.postcode) : undefined,
    state: form.state ?? "all",
    // Always given once the form is valid (its rule above).
    purpose: form.purpose as SearchPurpose,
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
