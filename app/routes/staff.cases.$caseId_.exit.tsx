import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CaseFormPage } from "~/components/case-form";
import { Input, Radios, Textarea } from "~/components/govuk";
import { staffPageTitle } from "~/components/page-title";
import { useStepForm } from "~/components/step-form";
import { sideExitSchema } from "~/domain/case-forms";
import { OUTCOMES, SIDE_EXITS } from "~/domain/workflow";
import { handleCaseForm, loadCaseForm } from "./__case-form.server";

const FORM_KEY = "case-exit";

export const meta: MetaFunction<typeof loader> = ({ data }) => staffPageTitle("Close the case early", data?.hasErrors);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user: _user, summary: _summary, ...page } = await loadCaseForm(request, context, params, FORM_KEY, "side_exit");
  return page;
}

export const action = ({ request, context, params }: ActionFunctionArgs) =>
  handleCaseForm(request, context, params, FORM_KEY, sideExitSchema(), (v) => ({
    action: "side_exit",
    exit: v.exit,
    data: { reason: v.reason, transferredTo: v.transferredTo ?? null },
  }));

export default function ExitPage() {
  const { caseHeader, blocked, lastResult } = useLoaderData<typeof loader>();
  const { errorOf, valueOf } = useStepForm(lastResult, undefined);
  return (
    <CaseFormPage caseHeader={caseHeader} blocked={blocked} title="Close the case early" submitText="Close the case"
      formError={errorOf("form")}
      errors={[{ text: errorOf("exit"), href: "#exit" }, { text: errorOf("reason"), href: "#reason" }, { text: errorOf("transferredTo"), href: "#transferredTo" }]}>
      <Radios name="exit" legend="Why is the case closing?" legendSize="m" error={errorOf("exit")} defaultValue={valueOf("exit")}
        items={SIDE_EXITS.map((value) => ({
          value,
          text: OUTCOMES[value],
          conditional:
            value === "transferred" ? (
              <Input id="transferredTo" name="transferredTo" label="Force it is transferred to" error={errorOf("transferredTo")} defaultValue={valueOf("transferredTo")} />
            ) : undefined,
        }))} />
      <Textarea id="reason" name="reason" label="Reason" rows={4} error={errorOf("reason")} defaultValue={valueOf("reason")} />
    </CaseFormPage>
  );
}
