import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CheckboxesField, TextareaField, useFormKit } from "~/components/form-kit";
import { pageTitle } from "~/components/page-title";
import { StepForm } from "~/components/step-form";
import { nextStepPath, previousStepPath, subjectContactForm } from "~/domain/application";
import { handleStep, loadStep, now } from "./__apply.server";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle("How does the person have contact with the child?", data?.hasErrors);

export const loader = ({ request }: LoaderFunctionArgs) =>
  loadStep(request, "subject-contact", (d) => d["subject-contact"]);

export const action = ({ request }: ActionFunctionArgs) =>
  handleStep(
    request,
    "subject-contact",
    subjectContactForm.schema(),
    (data, value) => ({ ...data, "subject-contact": value }),
    (data) => nextStepPath("subject-contact", data, now()),
  );

export default function SubjectContactPage() {
  const { values, lastResult, urgent } = useLoaderData<typeof loader>();
  const { fields, errors } = useFormKit(subjectContactForm, lastResult, values);
  return (
    <StepForm backHref={previousStepPath("subject-contact")} urgent={urgent} errors={errors}>
      <CheckboxesField field={fields.contactTypes} legendIsPageHeading />
      <TextareaField field={fields.contactDetails} />
    </StepForm>
  );
}
