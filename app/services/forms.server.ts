// POST → 303 → GET for forms: a failed result is kept server-side (see flash.server.ts) and the
// page's loader shows it once, so the title can start with "Error: " even without JavaScript.
import type { SubmissionResult } from "@conform-to/react";
import { redirect } from "@remix-run/node";
import type { z } from "zod";
import { fieldLimits, keepFormFields, keepLooseFields, type FieldLimit } from "~/domain/form-values";
import { stashFlash, takeFlash } from "./flash.server";

export type FormResult = SubmissionResult<string[]>;

/**
 * Redirects back to the form's page (or `to`) with its errors and typed values kept for one view.
 * Pass the form's `schema`: only its fields are kept, each cut to the field's maximum length.
 */
export async function redirectWithErrors(
  request: Request,
  formKey: string,
  result: FormResult,
  options: { to?: string; headers?: Record<string, string>; schema?: z.ZodTypeAny } = {},
): Promise<Response> {
  const headers = new Headers(options.headers);
  headers.append("Set-Cookie", await stashFlash(formKey, keptResult(result, options.schema)));
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

const limitsCache = new WeakMap<z.ZodTypeAny, FieldLimit>();
const MAX_ERRORS = 100;
const MAX_MESSAGE = 500;

/**
 * What of a failed result is stored: the status, the errors (our own messages) and the typed
 * values of the form's own fields. conform's intent and state come from the client and are dropped.
 */
export function keptResult(result: FormResult, schema?: z.ZodTypeAny): FormResult {
  let limits: FieldLimit | undefined;
  if (schema) {
    limits = limitsCache.get(schema) ?? fieldLimits(schema);
    limitsCache.set(schema, limits);
  }
  const initialValue = limits ? keepFormFields(result.initialValue ?? {}, limits) : keepLooseFields(result.initialValue);
  const error = result.error
    ? Object.fromEntries(
        Object.entries(result.error)
          .slice(0, MAX_ERRORS)
          .filter(([key]) => key.length <= 100)
          .map(([key, messages]) => [key, messages ? messages.slice(0, 5).map((m) => String(m).slice(0, MAX_MESSAGE)) : messages]),
      )
    : undefined;
  // conform marks these fields as validated (so their errors show): only names the form has.
  const known = new Set([...Object.keys(limits?.kind === "object" ? limits.fields : (initialValue as object) ?? {}), ...Object.keys(error ?? {})]);
  const fields = (result.fields ?? [])
    .filter((name) => name.length <= 100 && known.has(name.split(/[.[]/)[0]!))
    .slice(0, MAX_ERRORS);
  return {
    status: result.status,
    initialValue: (initialValue ?? {}) as FormResult["initialValue"],
    error,
    fields,
  };
}
