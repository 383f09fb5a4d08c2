// /staff/statistics/export.csv?from=YYYY-MM-DD&to=YYYY-MM-DD: every figure of the statistics page
// as one CSV of (section, metric, period, value) rows. Figures only, no personal data; the
// download is still logged (s.62 consultation of "statistics", the dates in the reason) so there
// is a record of what left the system and who took it.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { parseRangeQuery, statisticsCsvRows } from "~/domain/statistics";
import { OVERSIGHT } from "~/domain/roles";
import { now } from "~/services/app-clock.server";
import { csvDownload } from "~/services/downloads.server";
import { requireStaff } from "~/services/guard.server";
import { getStatistics, logStatisticsDownload } from "~/services/statistics.server";

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
  // Written before it is logged: a figure that cannot be written logs no download.
  const download = csvDownload(`csods-statistics-${from}-to-${to}.csv`, statisticsCsvRows(getStatistics(parsed.range, at)));
  logStatisticsDownload(
    user,
    ["annual_data_requirement", "by_channel", "referrals", "timeliness", "outcomes", "today"],
    `statistics CSV export, received ${from} to ${to}`,
    context.requestId,
    at,
  );
  return download;
}
