// The access-log export (CSV or JSON) for an Information Commissioner request: the rows of the
// filter and the result of checking the whole hash chain.
import type { AppLoadContext } from "@remix-run/node";
import { auditEntityName, describeAuditActor, parseAuditQuery } from "~/domain/audit-filter";
import { OVERSIGHT } from "~/domain/roles";
import { auditLabels, exportAudit } from "~/services/audit-viewer.server";
import { now } from "~/services/app-clock.server";
import { csvDownload, fileDownload } from "~/services/downloads.server";
import { requireStaff } from "~/services/guard.server";

const COLUMNS = ["id", "at_utc", "actor_kind", "actor_id", "action", "entity_type", "entity_id", "fields", "reason", "recipient", "request_id", "prev_hash", "hash", "actor_name", "entity_name"] as const;

export async function auditExport(request: Request, context: AppLoadContext, format: "csv" | "json"): Promise<Response> {
  const { user } = await requireStaff(request, context, OVERSIGHT);
  const { query, errors } = parseAuditQuery(new URL(request.url).searchParams, now());
  if (Object.keys(errors).length) {
    return new Response(`The search is not valid: ${Object.values(errors).join("; ")}`, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const result = exportAudit(query, user, format, context.requestId);
  const stamp = result.generatedAt.toISOString().replace(/[:.]/g, "-");
  // Ids stay (they are what the log holds); the name columns say who and which case in words.
  const labels = auditLabels(result.rows);
  const rows = result.rows.map((r) => ({
    id: r.id,
    at_utc: r.at.toISOString(),
    actor_kind: r.actorKind,
    actor_id: r.actorId,
    action: r.action,
    entity_type: r.entityType,
    entity_id: r.entityId,
    fields: (r.fields ?? []).join(" "),
    reason: r.reason,
    recipient: r.recipient,
    request_id: r.requestId,
    prev_hash: r.prevHash,
    hash: r.hash,
    actor_name: describeAuditActor(r.actorKind, r.actorId, labels),
    entity_name: auditEntityName(r.entityType, r.entityId, labels),
  }));
  const chain = result.chain.ok
    ? { status: "intact", rows: result.chain.rows, head: result.chain.lastHash }
    : { status: "BROKEN", rows: result.chain.rows, firstBrokenId: result.chain.firstBrokenId, problem: result.chain.problem };
  if (format === "json") {
    const body = { generatedAtUtc: result.generatedAt.toISOString(), filter: result.filter, chainVerification: chain, truncated: result.truncated, rows };
    return fileDownload(JSON.stringify(body, null, 2), `csods-access-log-${stamp}.json`, "application/json; charset=utf-8");
  }
  return csvDownload(`csods-access-log-${stamp}.csv`, [
    ["chain_verification", chain.status, "rows", chain.rows, "detail", String("head" in chain ? chain.head : chain.problem)],
    ["generated_at_utc", result.generatedAt.toISOString(), "filter", result.filter, "truncated", result.truncated ? "yes" : "no"],
    [],
    [...COLUMNS],
    ...rows.map((r) => COLUMNS.map((c) => r[c] ?? null)),
  ]);
}
