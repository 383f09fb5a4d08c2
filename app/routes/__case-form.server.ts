// Shared loader and action steps for the forms on a case (one page per stage or action).
// Access: reviewers and managers; the state machine decides whether the action fits the stage.
import { parseWithZod } from "@conform-to/zod";
import { redirect, type AppLoadContext } from "@remix-run/node";
import type { z } from "zod";
import type { StaffUser } from "../../db/schema";
import { CASEWORKERS } from "~/domain/roles";
import { checkTransition, STATUS_NAMES, type Action } from "~/domain/workflow";
import { performAction, researchersOf, type ActionInput } from "~/services/case-actions.server";
import { caseSummary } from "~/services/case-view.server";
import { getDb } from "~/services/db.server";
import { errorResult, loadFormResult, redirectWithErrors } from "~/services/forms.server";
import { requireStaff } from "~/services/guard.server";

export function caseIdOf(params: { caseId?: string }): number {
  const id = Number(params.caseId);
  if (!Number.isInteger(id) || id < 1) throw new Response("Not found", { status: 404 });
  return id;
}

/** The staff member and the case header, or 404; refuses with 403 for the wrong role. */
export async function requireCase(request: Request, context: AppLoadContext, params: { caseId?: string }) {
  const { user } = await requireStaff(request, context, CASEWORKERS);
  const summary = caseSummary(caseIdOf(params));
  if (!summary) throw new Response("Not found", { status: 404 });
  return { user, summary };
}

/** Whether `user` may take `action` on the case now, and if not, why (shown instead of the form). */
export function blockedReason(user: StaffUser, summary: NonNullable<ReturnType<typeof caseSummary>>, action: Action) {
  const check = checkTransition({
    status: summary.status,
    action,
    actor: { id: user.id, roles: user.roles },
    researchers: ["approve", "reject", "return"].includes(action) ? researchersOf(getDb(), summary.id) : [],
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
) {
  const { user, summary } = await requireCase(request, context, params);
  return {
    user,
    summary,
    caseHeader: { id: summary.id, reference: summary.reference, stage: STATUS_NAMES[summary.status], urgent: summary.urgent },
    blocked: blockedReason(user, summary, action),
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
  options: { hideFields?: string[] } = {},
) {
  const { user, summary } = await requireCase(request, context, params);
  const submission = parseWithZod(await request.formData(), { schema });
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
  return redirect(`/staff/cases/${summary.id}`, { status: 303 });
}

function omit(payload: Record<string, unknown>, fields: string[] = []) {
  return Object.fromEntries(Object.entries(payload).filter(([k]) => !fields.includes(k)));
}
