// Shared loader and action steps for the application's question pages.
// Errors follow POST → 303 → GET (app/services/forms.server.ts): the failed result is kept on
// the server and the page is shown again by its loader, so "Error: " is in the title even
// without JavaScript.
import { parseWithZod } from "@conform-to/zod";
import { json, redirect } from "@remix-run/node";
import type { z } from "zod";
import { HONEYPOT_FIELD } from "~/components/step-form";
import { afterChange, changedRow, isUrgent, type DraftData } from "~/domain/application";
import { now } from "~/services/app-clock.server";
import {
  getOrCreateDraft,
  hasExpiredDraft,
  readDraft,
  saveDraftData,
  type Draft,
} from "~/services/drafts.server";
import { loadFormResult, redirectWithErrors } from "~/services/forms.server";

/** A filled honeypot means a bot: refuse without saying why. */
export function rejectBots(formData: FormData): void {
  const value = formData.get(HONEYPOT_FIELD);
  if (typeof value === "string" && value !== "") {
    throw new Response("Your form could not be sent.", { status: 400 });
  }
}

/** Data every question page's loader returns. */
export async function loadStep<T>(
  request: Request,
  flashKey: string,
  pick: (data: DraftData) => T,
) {
  const draft = await readDraft(request);
  const active = draft && draft.submittedCaseId === null ? draft : null;
  const { lastResult, hasErrors } = await loadFormResult(request, `apply:${flashKey}`);
  return json({
    values: active ? pick(active.data) : undefined,
    lastResult,
    hasErrors,
    urgent: active ? isUrgent(active.data) : false,
    expired: !draft && (await hasExpiredDraft(request)),
  });
}

/**
 * Validates one page's answers. On error the result is kept for the page to show; on
 * success `save` folds the answers into the draft and the person moves on.
 */
export async function handleStep<S extends z.ZodTypeAny>(
  request: Request,
  flashKey: string,
  schema: S,
  save: (data: DraftData, value: z.output<S>) => DraftData,
  next: (data: DraftData, value: z.output<S>) => string,
) {
  const formData = await request.formData();
  rejectBots(formData);
  const submission = parseWithZod(formData, { schema });
  // Sent from a Change link on check answers: an error keeps that, and a good answer goes back there.
  const url = new URL(request.url);
  const row = changedRow(url.searchParams);
  if (submission.status !== "success") {
    return redirectWithErrors(request, `apply:${flashKey}`, submission.reply(), { schema, to: row ? `${url.pathname}${url.search}` : undefined });
  }
  const { draft, setCookie } = await getOrCreateDraft(request);
  const headers: HeadersInit = setCookie ? { "Set-Cookie": setCookie } : {};
  const data = save(draft.data, submission.value);
  saveDraftData(draft.id, data);
  return redirect(afterChange(next(data, submission.value), row, data, now()), { status: 303, headers });
}

/** For pages that need an answered draft (check answers, children list, remove child). */
export async function requireActiveDraft(request: Request): Promise<Draft> {
  const draft = await readDraft(request);
  if (!draft || draft.submittedCaseId !== null) throw redirect("/apply/danger", { status: 303 });
  return draft;
}

export { now };
