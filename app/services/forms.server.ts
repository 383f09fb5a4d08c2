// POST → 303 → GET for forms: a failed result is kept server-side (see flash.server.ts) and the
// page's loader shows it once, so the title can start with "Error: " even without JavaScript.
import type { SubmissionResult } from "@conform-to/react";
import { redirect } from "@remix-run/node";
import { stashFlash, takeFlash } from "./flash.server";

export type FormResult = SubmissionResult<string[]>;

/**
 * Redirects back to the form's page (or `to`) with its errors and typed values kept for one view.
 */
export async function redirectWithErrors(
  request: Request,
  formKey: string,
  result: FormResult,
  options: { to?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  const headers = new Headers(options.headers);
  headers.append("Set-Cookie", await stashFlash(formKey, result));
  return redirect(options.to ?? new URL(request.url).pathname, { status: 303, headers });
}

export async function loadFormResult(request: Request, formKey: string) {
  const lastResult = (await takeFlash<FormResult>(request, formKey)) ?? null;
  return { lastResult, hasErrors: lastResult?.status === "error" };
}

/** A result carrying one error, for checks made after the schema (wrong password, expired link). */
export function errorResult(fields: Record<string, string>, initialValue: Record<string, unknown> = {}): FormResult {
  return {
    status: "error",
    initialValue: initialValue as FormResult["initialValue"],
    error: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, [v]])),
  };
}
