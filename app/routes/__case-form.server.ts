// Shared loader and action steps for the forms on a case (one page per stage or action).
// Access: reviewers and managers; the state machine decides whether the action fits the stage.
import { parseWithZod } from "@conform-to/zod";
import { redirect, type AppLoadContext } from "@remix-run/node";
import type { z } from "zod";
import type { StaffSession, StaffUser } from "../../db/schema";
import { CASEWORKERS } from "~/domain/roles";
import { DRAFT_INTENT, SAVE_DRAFT, type CaseHeader } from "~/components/case-form";
import { caseBar, evidenceFor, SECTION_OF_ACTION, type CaseSection, type Evidence } from "~/domain/case-identity";
import { formatDateTime } from "~/domain/time";
import { checkTransition, DECIDING_ACTIONS, STATUS_NAMES, type Action, type Status } from "~/domain/workflow";
import { performAction, researchersOf, type ActionInput } from "~/services/case-actions.server";
import { caseIdentity, caseSummary, logConsultation, type CaseIdentity } from "~/services/case-view.server";
import { now } from "~/services/app-clock.server";
import { getDb } from "~/services/db.server";
import { redirectWithNotice, takeNotice } from "~/services/notice.server";
import { errorResult, loadFormResult, redirectWithErrors } from "~/services/forms.server";
import { requireStaff } from "~/services/guard.server";
import { discardStaffDraft, saveStaffDraft, staffDraft } from "~/services/staff-drafts.server";

type CaseSummary = NonNullable<ReturnType<typeof caseSummary>>;

export function caseIdOf(params: { caseId?: string }): number {
  const id = Number(params.caseId);
  if (!Number.isInteger(id) || id < 1) throw new Response("Not found", { status: 404 });
  return id;
}

/** The staff member and the case header, or 404; refuses with 403 for the wrong role. */
export async function requireCase(request: Request, context: AppLoadContext, params: { caseId?: string }) {
  const { user, session } = await requireStaff(request, context, CASEWORKERS);
  const summary = caseSummary(caseIdOf(params));
  if (!summary) throw new Response("Not found", { status: 404 });
  return { user, session, summary };
}

/**
 * The frame of a case form page (components/case-form.tsx): reference, stage, identity bar, the
 * section it belongs to, the evidence beside the form, and the one-time notice (taken here).
 */
export function caseFormHeader(
  request: Request,
  session: Pick<StaffSession, "id" | "notice">,
  summary: CaseSummary,
  identity: CaseIdentity,
  section: CaseSection | null,
  evidence?: Evidence[],
): CaseHeader {
  return {
    id: summary.id,
    reference: summary.reference,
    stage: STATUS_NAMES[summary.status],
    urgent: summary.urgent,
    bar: caseBar(identity, now()),
    section,
    evidence,
    notice: takeNotice(request, session),
  };
}

/** Whether `user` may take `action` on the case now, and if not, why (shown instead of the form). */
export function blockedReason(user: StaffUser, summary: CaseSummary, action: Action) {
  const check = checkTransition({
    status: summary.status,
    action,
    actor: { id: user.id, roles: user.roles },
    researchers: DECIDING_ACTIONS.includes(action) ? researchersOf(getDb(), summary.id) : [],
    assignedTo: summary.assignedTo,
  });
  return check.ok ? null : check.reason;
}

export async function loadCaseForm(
  request: Request,
  context: AppLoadContext,
  params: { caseId?: string },
  formKey: string,
  action: Action,
  options: { draft?: boolean } = {},
) {
  const { user, session, summary } = await requireCase(request, context, params);
  // The identity bar and the evidence beside the form show names: a consultation of the case.
  const identity = caseIdentity(summary.id)!;
  logConsultation(summary.id, user, context.requestId, `case form viewed (${action.replace(/_/g, " ")})`);
  return {
    user,
    summary,
    caseHeader: caseFormHeader(request, session, summary, identity, SECTION_OF_ACTION[action] ?? null, evidenceFor(action, identity)),
    blocked: blockedReason(user, summary, action),
    draft: options.draft ? draftOf(user.id, summary.id, formKey) : null,
    ...(await loadFormResult(request, formKey)),
  };
}

/**
 * Validates the form, turns it into an action input and performs it. Errors (from the schema,
 * from `toInput`, or from the state machine) go back to the form; success goes to the case page.
 */
export async function handleCaseForm<S extends z.ZodTypeAny>(
  request: Request,
  context: AppLoadContext,
  params: { caseId?: string },
  formKey: string,
  schema: S,
  toInput: (value: z.output<S>, user: StaffUser) => ActionInput | { error: Record<string, string> },
  /** `draft`: the action this long form performs; the person may keep a draft while it is theirs to do. */
  options: { hideFields?: string[]; draft?: Action } = {},
) {
  const { user, summary } = await requireCase(request, context, params);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema });
  if (options.draft && formData.get(DRAFT_INTENT) === SAVE_DRAFT) {
    const blocked = blockedReason(user, summary, options.draft);
    if (blocked) return redirectWithErrors(request, formKey, errorResult({ form: blocked }), { schema });
    // Kept as typed, not validated: a draft may be half done.
    saveStaffDraft(user, summary.id, formKey, omit(submission.payload, options.hideFields), schema, context.requestId);
    return redirectWithNotice(request, new URL(request.url).pathname, DRAFT_SAVED_NOTICE);
  }
  if (submission.status !== "success") {
    return redirectWithErrors(request, formKey, submission.reply({ hideFields: options.hideFields }), { schema: schema });
  }
  const input = toInput(submission.value, user);
  if ("error" in input) {
    return redirectWithErrors(request, formKey, errorResult(input.error, omit(submission.payload, options.hideFields)), { schema: schema });
  }
  const result = performAction(summary.id, input, user, context.requestId);
  if (!result.ok) {
    return redirectWithErrors(request, formKey, errorResult({ form: result.reason }, omit(submission.payload, options.hideFields)), { schema: schema });
  }
  if (options.draft) discardStaffDraft(user.id, summary.id, formKey);
  return redirectToNext(request, summary.id, input.action, result.status);
}

export const DRAFT_SAVED_NOTICE = "Draft saved. Only you can see it; it is kept until you send this form.";

/** The person's draft of this form on this case, as the page shows it. */
function draftOf(userId: number, caseId: number, formKey: string) {
  const draft = staffDraft(userId, caseId, formKey);
  return draft ? { values: draft.values, savedAt: formatDateTime(draft.savedAt) } : null;
}

/** The success message shown once on the page a saved form goes to. */
export const SAVED_NOTICE: Partial<Record<Action, string>> = {
  risk_check: "Immediate-risk check saved",
  scope_in: "Scope decision saved: the application is in scope",
  scope_out: "Scope decision saved: the application is not progressed and the case is closed",
  verification: "Interview and verification saved",
  add_check: "Check recorded",
  confirm_identity: "The subject's confirmed identity is saved",
  complete_checks: "Checks complete",
  submit_assessment: "Risk assessment sent for a decision",
  approve: "Decision signed",
  reject: "Decision signed",
  return: "Decision signed: the case is returned for more work",
  countersign: "Second signature given: the decision is final",
  record_delivery: "Disclosure or outcome saved",
  close: "Case closed",
  side_exit: "Case closed",
  extend: "Extension saved",
  retriage: "Re-triage saved",
  take: "You have taken this case",
  assign: "The case's assignment is saved",
  add_referral: "Referral recorded",
  strategy_discussion: "Strategy discussion recorded",
};

/**
 * Where a saved form goes: on to the form of the stage the case has reached when the button says
 * so ("Save and continue to scope") and the action did reach it, the checks page again after a
 * check (to record the next), else the case page. These stages' forms are at /staff/cases/:id/<stage>.
 */
const CONTINUE_TO: Partial<Record<Action, Extract<Status, "scope" | "checks" | "assessment" | "decision">>> = {
  risk_check: "scope",
  verification: "checks",
  add_check: "checks",
  confirm_identity: "checks",
  // A decision that departs from the presumption waits here for its second signature.
  approve: "decision",
  reject: "decision",
  complete_checks: "assessment",
};

/** The subject\'s confirmed identity: a small form of its own on the checks page. */
export const IDENTITY_FORM_KEY = "case-identity";

export async function redirectToNext(request: Request, caseId: number, action: Action, status: string) {
  const next = CONTINUE_TO[action];
  const to = next === status ? `/staff/cases/${caseId}/${next}` : `/staff/cases/${caseId}`;
  const notice = SAVED_NOTICE[action];
  return notice ? redirectWithNotice(request, to, notice) : redirect(to, { status: 303 });
}

function omit(payload: Record<string, unknown>, fields: string[] = []) {
  return Object.fromEntries(Object.entries(payload).filter(([k]) => !fields.includes(k)));
}
