import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { DobOrAge } from "~/components/dob-or-age";
import { RadiosField, TextareaField, TextField, useFormKit } from "~/components/form-kit";
import { pageTitle } from "~/components/page-title";
import { StepForm } from "~/components/step-form";
import { nextStepPath, previousStepPath, subjectForm, subjectSchema } from "~/domain/application";
import { handleStep, loadStep, now } from "./__apply.server";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle("The person you are worried about", data?.hasErrors);

export const loader = ({ request }: LoaderFunctionArgs) => loadStep(request, "subject", (d) => d.subject);

export const action = ({ request }: ActionFunctionArgs) =>
  handleStep(
    request,
    "subject",
    subjectSchema(now()),
    (data, value) => ({ ...data, subject: value }),
    (data) => nextStepPath("subject", data, now()),
  );

export default function SubjectPage() {
  const { values, lastResult, urgent } = useLoaderData<typeof loader>();
  const { fields, errors } = useFormKit(subjectForm, lastResult, values);
  return (
    <StepForm backHref={previousStepPath("subject")} urgent={urgent} errors={errors}>
      <h1 className="govuk-heading-l">The person you are worried about</h1>
      <p className="govuk-body">
        Tell us what you know. Only their name is needed: leave anything you do not know blank. We will not tell them
        you have asked.
      </p>
      <TextField field={fields.fullName} spellCheck={false} />
      <TextField field={fields.otherNames} spellCheck={false} />
      <DobOrAge fields={fields} />
      <RadiosField field={fields.addressKnown} conditional={{ yes: <TextareaField field={fields.address} rows={3} /> }} />
      <TextareaField field={fields.description} rows={3} />
      <TextField field={fields.occupation} />
      <TextField field={fields.relationshipToApplicant} />
    </StepForm>
  );
}
