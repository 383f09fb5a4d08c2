import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Checkboxes, Textarea } from "~/components/govuk";
import { pageTitle } from "~/components/page-title";
import { StepForm, useStepForm } from "~/components/step-form";
import { nextStepPath, previousStepPath, SUBJECT_CONTACT_TYPES, subjectContactSchema } from "~/domain/application";
import { handleStep, loadStep, now } from "./__apply.server";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle("How does the person have contact with the child?", data?.hasErrors);

export const loader = ({ request }: LoaderFunctionArgs) =>
  loadStep(request, "subject-contact", (d) => d["subject-contact"]);

export const action = ({ request }: ActionFunctionArgs) =>
  handleStep(
    request,
    "subject-contact",
    subjectContactSchema(),
    (data, value) => ({ ...data, "subject-contact": value }),
    (data) => nextStepPath("subject-contact", data, now()),
  );

export default function SubjectContactPage() {
  const { values, lastResult, urgent } = useLoaderData<typeof loader>();
  const { errorOf, valueOf, valuesOf } = useStepForm(lastResult, values);
  return (
    <StepForm
      backHref={previousStepPath("subject-contact")}
      urgent={urgent}
      errors={[
        { text: errorOf("contactTypes"), href: "#contactTypes" },
        { text: errorOf("contactDetails"), href: "#contactDetails" },
      ]}
    >
      <Checkboxes
        name="contactTypes"
        idPrefix="contactTypes"
        legend="How does the person have contact with the child or children?"
        legendIsPageHeading
        hint="Select all that apply"
        error={errorOf("contactTypes")}
        defaultValue={valuesOf("contactTypes")}
        items={Object.entries(SUBJECT_CONTACT_TYPES).map(([value, text]) => ({ value, text }))}
      />
      <Textarea id="contactDetails" name="contactDetails" label="Tell us more about the contact (optional unless you chose 'Another way')"
        hint="For example, how often they see the child, and whether they are ever alone with them" rows={4}
        error={errorOf("contactDetails")} defaultValue={valueOf("contactDetails")} />
    </StepForm>
  );
}
