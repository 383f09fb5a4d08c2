import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CharacterCount } from "~/components/govuk";
import { pageTitle } from "~/components/page-title";
import { StepForm, useStepForm } from "~/components/step-form";
import { CONCERN_MAX, concernSchema, nextStepPath, previousStepPath } from "~/domain/application";
import { handleStep, loadStep, now } from "./__apply.server";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle("Why are you worried about the person?", data?.hasErrors);

export const loader = ({ request }: LoaderFunctionArgs) => loadStep(request, "concern", (d) => d.concern);

export const action = ({ request }: ActionFunctionArgs) =>
  handleStep(
    request,
    "concern",
    concernSchema(),
    (data, value) => ({ ...data, concern: value }),
    (data) => nextStepPath("concern", data, now()),
  );

export default function ConcernPage() {
  const { values, lastResult, urgent } = useLoaderData<typeof loader>();
  const { errorOf, valueOf } = useStepForm(lastResult, values);
  return (
    <StepForm backHref={previousStepPath("concern")} urgent={urgent}
      errors={[{ text: errorOf("concern"), href: "#concern" }]}>
      <CharacterCount
        id="concern"
        name="concern"
        label="Why are you worried about the person?"
        labelIsPageHeading
        hint="Tell us what has happened, what you have seen or heard, and when. Include anything that has been reported before."
        rows={10}
        maxLength={CONCERN_MAX}
        error={errorOf("concern")}
        defaultValue={valueOf("concern")}
      />
    </StepForm>
  );
}
