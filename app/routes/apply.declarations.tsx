import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CheckboxesField, useFormKit } from "~/components/form-kit";
import { pageTitle } from "~/components/page-title";
import { StepForm } from "~/components/step-form";
import { declarationsForm, nextStepPath, previousStepPath } from "~/domain/application";
import { handleStep, loadStep, now } from "./__apply.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle("Declaration", data?.hasErrors);

export const loader = ({ request }: LoaderFunctionArgs) =>
  loadStep(request, "declarations", (d) => d.declarations);

export const action = ({ request }: ActionFunctionArgs) =>
  handleStep(
    request,
    "declarations",
    declarationsForm.schema(),
    (data, value) => ({ ...data, declarations: value }),
    (data) => nextStepPath("declarations", data, now()),
  );

export default function DeclarationsPage() {
  const { values, lastResult, urgent } = useLoaderData<typeof loader>();
  const { fields, errors } = useFormKit(declarationsForm, lastResult, values);
  return (
    <StepForm backHref={previousStepPath("declarations")} urgent={urgent} errors={errors}>
      <CheckboxesField field={fields.declarations} legendIsPageHeading />
    </StepForm>
  );
}
