// "Tell the applicant the case is closed": the last step with the applicant, only through a route
// they said is safe, in fixed words that say nothing of the case. Pure: the service checks the
// rules again inside its transaction.
import { CONTACT_METHODS } from "./application";
import { defineForm, type Options } from "./form-spec";

/**
 * What the applicant is told, by any route. Deliberately plain, like the acknowledgement: someone
 * else may read it. No outcome, no names, no scheme.
 */
export const CLOSURE_WORDS =
  "We have finished dealing with your enquiry. We will not contact you about it again. If you are worried about a child's safety at any time, call 999 in an emergency or 101 otherwise.";

export type ClosurePerson = { role: string; address: string | null; details: Record<string, unknown> };
export type ClosureRecord = { kind: string; version: number; data: Record<string, unknown> };

/**
 * The routes by which the applicant may be told now, or why they may not: the case must be closed,
 * have an applicant who was verified (an unverified or anonymous applicant is told nothing under
 * the scheme, csods.md §8) or whose application was not progressed, and a safe route with the details it needs (an email address for
 * email, a phone number for phone, an address for a letter).
 */
export function closureMessageRoutes(input: { status: string; people: ClosurePerson[]; records: ClosureRecord[] }):
  | { ok: true; routes: Options }
  | { ok: false; reason: string } {
  if (input.status !== "closed") return { ok: false, reason: "The case is not closed yet" };
  const applicant = input.people.find((p) => p.role === "applicant");
  if (!applicant) return { ok: false, reason: "There is no applicant to tell: the police started this case" };
  const latest = (kind: string) => input.records.filter((r) => r.kind === kind).sort((a, b) => b.version - a.version)[0]?.data;
  const verification = latest("verification")?.result;
  // An application not progressed (out of scope) ends before any interview: its applicant is told
  // the same way, in the same fixed words, which say nothing of the subject or of a record.
  const notProgressed = latest("scope")?.inScope === "no";
  if (!notProgressed && verification !== "verified") {
    return { ok: false, reason: "The applicant was not verified, so they are told nothing under the scheme" };
  }
  const d = applicant.details;
  const methods = Array.isArray(d.contactMethods) ? (d.contactMethods as unknown[]) : [];
  const usable: Record<string, boolean> = {
    email: typeof d.email === "string" && d.email !== "",
    phone: typeof d.phone === "string" && d.phone !== "",
    letter: Boolean(applicant.address),
  };
  const routes = Object.fromEntries(
    Object.entries(CONTACT_METHODS).filter(([route]) => methods.includes(route) && usable[route]),
  );
  if (Object.keys(routes).length === 0) return { ok: false, reason: "The applicant gave no safe way to contact them" };
  return { ok: true, routes };
}

const sentByEmail = (v: Record<string, unknown>) => v.route === "email";

/** The form: the safe route used, and for a call or a letter when it happened. */
export function closureMessageForm(routes: Options) {
  return defineForm({
    route: {
      kind: "radios", label: "How are you telling them?", hint: "Only the applicant's safe routes are offered",
      summary: { label: "How they were told" }, options: routes,
      required: "Select how you are telling the applicant", invalid: "Use only a route the applicant said is safe",
    },
    told: {
      kind: "date", label: "Date you phoned them or posted the letter", hint: "Not needed for email: it is sent when you save",
      errorLabel: "The date you told them", when: (v) => !sentByEmail(v), summary: false,
    },
    notes: {
      kind: "textarea", label: "Notes (optional)", hint: "For example, who answered. Nothing about the case's outcome.",
      summary: { label: "Notes" }, max: 1000, noun: "Notes",
    },
  });
}

/** How a stored closure message reads on the case page. */
export const closureMessageRecordForm = defineForm({
  route: { kind: "radios", label: "How they were told", options: CONTACT_METHODS },
  words: { kind: "textarea", label: "What they were told", max: 1000, noun: "The words" },
  toldAt: { kind: "date", label: "When", errorLabel: "The date" },
  notes: { kind: "textarea", label: "Notes", max: 1000, noun: "Notes" },
});

/** The email: the reference and the closure words, nothing else (it goes through the outbox). */
export function closureEmail(forceName: string, reference: string): { subject: string; text: string } {
  return {
    subject: `${forceName}: your reference ${reference}`,
    text: [`Your reference is ${reference}.`, "", CLOSURE_WORDS, "", "Please do not reply to this email."].join("\n"),
  };
}
