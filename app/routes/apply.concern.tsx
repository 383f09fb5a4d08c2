import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CharacterCountField, useFormKit } from "~/components/form-kit";
import { pageTitle } from "~/components/page-title";
import { StepForm } from "~/components/step-form";
import { concernForm, nextStepPath, previousStepPath } from "~/domain/application";
import { handleStep, loadStep, now } from "./__apply.server";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle("Why are you worried about the person?", data?.hasErrors);

export const loader = ({ request }: LoaderFunctionArgs) => loadStep(request, "concern", (d) => d.concern);

export const action = ({ request }: ActionFunctionArgs) =>
  handleStep(
    request,
    "concern",
    concernForm.schema(),
    (data, value) => ({ ...data, concern: value }),
    (data) => nextStepPath("concern", data, now()),
  );

export default function ConcernPage() {
  const { values, lastResult, urgent } = useLoaderData<typeof loader>();
  const { fields, errors } = useFormKit(concernForm, lastResult, values);
  return (
    <StepForm backHref={previousStepPath("concern")} urgent={urgent} errors={errors}>
      <CharacterCountField field={fields.concern} labelIsPageHeading />
    </StepForm>
  );
}
