import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { DateField, RadiosField, TextareaField, TextField, useFormKit } from "~/components/form-kit";
import { Fieldset } from "~/components/govuk";
import { pageTitle } from "~/components/page-title";
import { StepForm } from "~/components/step-form";
import { applicantForm, nextStepPath, previousStepPath } from "~/domain/application";
import { handleStep, loadStep, now } from "./__apply.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle("Your details", data?.hasErrors);

export const loader = ({ request }: LoaderFunctionArgs) =>
  loadStep(request, "applicant", (d) => d.applicant);

export const action = ({ request }: ActionFunctionArgs) =>
  handleStep(
    request,
    "applicant",
    applicantForm.schema(now()),
    (data, value) => ({ ...data, applicant: value }),
    (data) => nextStepPath("applicant", data, now()),
  );

export default function ApplicantPage() {
  const { values, lastResult, urgent } = useLoaderData<typeof loader>();
  const { fields, errors } = useFormKit(applicantForm, lastResult, values);
  return (
    <StepForm backHref={previousStepPath("applicant")} urgent={urgent} errors={errors}>
      <h1 className="govuk-heading-l">Your details</h1>
      <p className="govuk-body">We need these to check who you are. We will not share them with the person you are asking about.</p>
      <TextField field={fields.fullName} autoComplete="name" spellCheck={false} />
      <TextField field={fields.otherNames} spellCheck={false} />
      <DateField field={fields.dob} />
      <Fieldset legend="Your address" legendSize="m">
        <TextField field={fields.addressLine1} autoComplete="address-line1" />
        <TextField field={fields.addressLine2} autoComplete="address-line2" />
        <TextField field={fields.town} autoComplete="address-level2" className="govuk-!-width-two-thirds" />
        <TextField field={fields.postcode} autoComplete="postal-code" className="govuk-input--width-10" />
      </Fieldset>
      <TextField field={fields.language} className="govuk-!-width-one-half" />
      <RadiosField field={fields.interpreter} inline />
      <TextareaField field={fields.accessibilityNeeds} rows={3} />
    </StepForm>
  );
}
