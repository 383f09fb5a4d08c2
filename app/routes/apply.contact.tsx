import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CheckboxesField, RadiosField, TextareaField, TextField, useFormKit } from "~/components/form-kit";
import { pageTitle } from "~/components/page-title";
import { StepForm } from "~/components/step-form";
import { contactForm, contactSchema, nextStepPath, previousStepPath } from "~/domain/application";
import { handleStep, loadStep, now } from "./__apply.server";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle("How can we contact you safely?", data?.hasErrors);

export const loader = ({ request }: LoaderFunctionArgs) => loadStep(request, "contact", (d) => d.contact);

export const action = ({ request }: ActionFunctionArgs) =>
  handleStep(
    request,
    "contact",
    contactSchema(),
    (data, value) => ({ ...data, contact: value }),
    (data) => nextStepPath("contact", data, now()),
  );

export default function ContactPage() {
  const { values, lastResult, urgent } = useLoaderData<typeof loader>();
  const { fields, errors } = useFormKit(contactForm, lastResult, values);
  return (
    <StepForm backHref={previousStepPath("contact")} urgent={urgent} errors={errors}>
      <h1 className="govuk-heading-l">How can we contact you safely?</h1>
      <p className="govuk-body">
        We will only contact you in the ways you choose here. If someone else reads your emails or messages, or
        answers your phone, do not choose that way.
      </p>
      <CheckboxesField field={fields.methods} legendSize="m" conditional={{
        email: <TextField field={fields.email} type="email" autoComplete="email" spellCheck={false} />,
        phone: <TextField field={fields.phone} type="tel" autoComplete="tel" className="govuk-input--width-20" />,
      }} />
      <TextField field={fields.safeTimes} />
      <RadiosField field={fields.leaveMessages} inline />
      <TextareaField field={fields.safetyNotes} rows={3} />
    </StepForm>
  );
}
