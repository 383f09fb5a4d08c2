import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Checkboxes } from "~/components/govuk";
import { pageTitle } from "~/components/page-title";
import { StepForm, useStepForm } from "~/components/step-form";
import { DECLARATIONS, declarationsSchema, nextStepPath, previousStepPath } from "~/domain/application";
import { handleStep, loadStep, now } from "./__apply.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle("Declaration", data?.hasErrors);

export const loader = ({ request }: LoaderFunctionArgs) =>
  loadStep(request, "declarations", (d) => d.declarations);

export const action = ({ request }: ActionFunctionArgs) =>
  handleStep(
    request,
    "declarations",
    declarationsSchema(),
    (data, value) => ({ ...data, declarations: value }),
    (data) => nextStepPath("declarations", data, now()),
  );

export default function DeclarationsPage() {
  const { values, lastResult, urgent } = useLoaderData<typeof loader>();
  const { errorOf, valuesOf } = useStepForm(lastResult, values);
  return (
    <StepForm backHref={previousStepPath("declarations")} urgent={urgent}
      errors={[{ text: errorOf("declarations"), href: "#declarations" }]}>
      <Checkboxes
        name="declarations"
        idPrefix="declarations"
        legend="Declaration"
        legendIsPageHeading
        hint="You need to confirm each of these to send your application"
        error={errorOf("declarations")}
        defaultValue={valuesOf("declarations")}
        items={Object.entries(DECLARATIONS).map(([value, text]) => ({ value, text }))}
      />
    </StepForm>
  );
}
