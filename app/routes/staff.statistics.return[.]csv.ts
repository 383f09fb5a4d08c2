// /staff/statistics/return.csv: the Annual Data Requirement return, one row per financial year
// (1 April to 31 March) from the year of the first case received (at most ten years back) to the
// current year to date, one column per figure: the three figures for applications (right to ask)
// and the same three for right-to-be-told cases, counted separately. Figures only; the download
// is logged (s.62 consultation of "statistics") as a record of what left the system.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { toIsoDate } from "~/domain/time";
import { OVERSIGHT } from "~/domain/roles";
import { financialYearLabel, returnCsvRows } from "~/domain/statistics";
import { now } from "~/services/app-clock.server";
import { csvDownload } from "~/services/downloads.server";
import { requireStaff } from "~/services/guard.server";
import { financialYearsOnRecord, getReturn, logStatisticsDownload } from "~/services/statistics.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await requireStaff(request, context, OVERSIGHT);
  const at = now();
  const years = financialYearsOnRecord(at);
  const first = years[years.length - 1];
  // Written before it is logged: a figure that cannot be written logs no download.
  const download = csvDownload(`csods-annual-data-requirement-${first}-to-${toIsoDate(at)}.csv`, returnCsvRows(getReturn(first, at)));
  logStatisticsDownload(
    user,
    ["annual_data_requirement"],
    `Annual Data Requirement return CSV, financial years ${financialYearLabel(first)} to ${financialYearLabel(years[0])} (to ${toIsoDate(at)})`,
    context.requestId,
    at,
  );
  return download;
}
