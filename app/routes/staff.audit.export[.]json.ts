import type { LoaderFunctionArgs } from "@remix-run/node";
import { auditExport } from "./__audit-export.server";

export const loader = ({ request, context }: LoaderFunctionArgs) => auditExport(request, context, "json");
