import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { caseIdOf, handleCaseForm, requireCase } from "./__case-form.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  await requireCase(request, context, params);
  return redirect(`/staff/cases/${caseIdOf(params)}/checks`);
}

export const action = ({ request, context, params }: ActionFunctionArgs) =>
  handleCaseForm(request, context, params, "case-check", z.object({}), () => ({ action: "complete_checks" }));
