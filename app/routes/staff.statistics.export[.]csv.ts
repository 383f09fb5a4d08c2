// /staff/statistics/export.csv?from=YYYY-MM-DD&to=YYYY-MM-DD: every figure of the statistics page
// as one CSV of (section, metric, period, value) rows. Figures only, no personal data; the
// download is still logged (s.62 consultation of "statistics", the dates in the reason) so there
// is a record of what left the system and who took it.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { toCsv } from "~/domain/csv";
import { parseRangeQuery, statisticsCsvRows } from "~/domain/statistics";
import { OVERSIGHT } from "~/domain/roles";
import { recordAudit } from "~/services/audit.server";
import { now } from "~/services/app-clock.server";
import { getDb } from "~/services/db.server";
import { requireStaff } from "~/services/guard.server";
import { getStatistics } from "~/services/statistics.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await requireStaff(request, context, OVERSIGHT);
  const at = now();
  const parsed = parseRangeQuery(new URL(request.url).searchParams, at);
  if (!parsed.ok) {
    return new Response(`The dates are not valid. ${parsed.message}.\n`, {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  const { from, to } = parsed.range;
  const csv = toCsv(statisticsCsvRows(getStatistics(parsed.range, at)));
  getDb().transaction((tx) => {
    recordAudit(
      tx,
      {
        action: "consultation",
        actor: { kind: "staff", id: user.id },
        entityType: "statistics",
        fields: ["annual_data_requirement", "by_channel", "referrals", "timeliness", "outcomes", "today"],
        reason: `statistics CSV export, received ${from} to ${to}`,
        requestId: context.requestId,
      },
      at,
    );
  });
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="csods-statistics-${from}-to-${to}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
