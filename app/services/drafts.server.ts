import crypto from "node:crypto";
import { and, eq, gt, lte } from "drizzle-orm";
import type { DraftData } from "~/domain/application";
import { now } from "./app-clock.server";
import { getConfig } from "./config.server";
import { appCookie } from "./cookies.server";
import { getDb, schema } from "./db.server";

export type Draft = {
  id: number;
  data: DraftData;
  submittedCaseId: number | null;
};

/** A browser-session cookie (no expiry date): closing the browser forgets the draft. */
const getDraftCookie = () => appCookie("draft");

function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

function toDraft(row: typeof schema.applicationDrafts.$inferSelect): Draft {
  return {
    id: row.id,
    data: row.data as DraftData,
    submittedCaseId: row.submittedCaseId,
  };
}

async function readToken(request: Request): Promise<string | null> {
  const value = await getDraftCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length > 20 ? value : null;
}

/** The draft this browser holds, or null when it has none or it has expired. */
export async function readDraft(request: Request): Promise<Draft | null> {
  const token = await readToken(request);
  if (!token) return null;
  const row = getDb()
    .select()
    .from(schema.applicationDrafts)
    .where(
      and(
        eq(schema.applicationDrafts.tokenHash, hashToken(token)),
        gt(schema.applicationDrafts.expiresAt, now()),
      ),
    )
    .get();
  return row ? toDraft(row) : null;
}

/** True when the browser sent a draft cookie that no longer matches a draft (expired or purged). */
export async function hasExpiredDraft(request: Request): Promise<boolean> {
  return (await readToken(request)) !== null && (await readDraft(request)) === null;
}

/**
 * The draft to write answers to. A submitted draft is finished: answering questions
 * again starts a new application. Returns a Set-Cookie header when a new draft was made.
 */
export async function getOrCreateDraft(
  request: Request,
): Promise<{ draft: Draft; setCookie: string | null }> {
  const existing = await readDraft(request);
  if (existing && existing.submittedCaseId === null) return { draft: existing, setCookie: null };
  const token = crypto.randomBytes(32).toString("base64url");
  const at = now();
  const row = getDb()
    .insert(schema.applicationDrafts)
    .values({
      tokenHash: hashToken(token),
      data: {},
      createdAt: at,
      updatedAt: at,
      expiresAt: new Date(at.getTime() + getConfig().draftTtlMs),
    })
    .returning()
    .get();
  return { draft: toDraft(row), setCookie: await getDraftCookie().serialize(token) };
}

/** Saves the answers (replacing the whole data object) and extends the expiry. */
export function saveDraftData(draftId: number, data: DraftData): void {
  const at = now();
  getDb()
    .update(schema.applicationDrafts)
    .set({
      data,
      updatedAt: at,
      expiresAt: new Date(at.getTime() + getConfig().draftTtlMs),
    })
    .where(eq(schema.applicationDrafts.id, draftId))
    .run();
}

/** Deletes drafts past their expiry. Returns how many went. */
export function purgeExpiredDrafts(at: Date = now()): number {
  return getDb()
    .delete(schema.applicationDrafts)
    .where(lte(schema.applicationDrafts.expiresAt, at))
    .run().changes;
}

/**
 * Forgets this browser's application: deletes its draft (answers and all) and returns the
 * Set-Cookie header that removes the draft cookie. Used by "Exit this page" and "Delete my answers".
 */
export async function discardDraft(request: Request): Promise<string> {
  const token = await readToken(request);
  if (token) getDb().delete(schema.applicationDrafts).where(eq(schema.applicationDrafts.tokenHash, hashToken(token))).run();
  return getDraftCookie().serialize("", { maxAge: 0, expires: new Date(0) });
}
