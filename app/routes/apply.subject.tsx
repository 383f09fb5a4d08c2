import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Input, Radios, Textarea } from "~/components/govuk";
import { DobOrAge } from "~/components/dob-or-age";
import { pageTitle } from "~/components/page-title";
import { StepForm, useStepForm } from "~/components/step-form";
import { nextStepPath, previousStepPath, subjectSchema } from "~/domain/application";
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
  const { errorOf, valueOf } = useStepForm(lastResult, values);
  return (
    <StepForm
      backHref={previousStepPath("subject")}
      urgent={urgent}
      errors={[
        { text: errorOf("fullName"), href: "#fullName" },
        { text: errorOf("otherNames"), href: "#otherNames" },
        { text: errorOf("dobKnown"), href: "#dobKnown" },
        { text: errorOf("dob"), href: "#dob-day" },
        { text: errorOf("age"), href: "#age" },
        { text: errorOf("addressKnown"), href: "#addressKnown" },
        { text: errorOf("address"), href: "#address" },
        { text: errorOf("description"), href: "#description" },
        { text: errorOf("occupation"), href: "#occupation" },
        { text: errorOf("relationshipToApplicant"), href: "#relationshipToApplicant" },
      ]}
    >
      <h1 className="govuk-heading-l">The person you are worried about</h1>
      <p className="govuk-body">
        Tell us what you know. Only their name is needed: leave anything you do not know blank. We will not tell them
        you have asked.
      </p>
      <Input id="fullName" name="fullName" label="Their name" spellCheck={false}
        hint="If you only know a first name or a nickname, enter that"
        error={errorOf("fullName")} defaultValue={valueOf("fullName")} />
      <Input id="otherNames" name="otherNames" label="Other names they use or have used (optional)" spellCheck={false}
        hint="For example, a nickname, a name they use online, or a previous surname"
        error={errorOf("otherNames")} defaultValue={valueOf("otherNames")} />
      <DobOrAge who="subject" errorOf={errorOf} valueOf={valueOf} />
      <Radios
        name="addressKnown"
        legend="Do you know where they live?"
        legendSize="s"
        error={errorOf("addressKnown")}
        defaultValue={valueOf("addressKnown")}
        items={[
          {
            value: "yes",
            text: "Yes",
            conditional: (
              <Textarea id="address" name="address" label="Their address" rows={3}
                hint="Give as much as you know, or more than one address"
                error={errorOf("address")} defaultValue={valueOf("address")} />
            ),
          },
          { value: "no", text: "No, I do not know" },
        ]}
      />
      <Textarea id="description" name="description" label="What do they look like? (optional)" rows={3}
        hint="For example, height, build, hair, tattoos, glasses"
        error={errorOf("description")} defaultValue={valueOf("description")} />
      <Input id="occupation" name="occupation" label="What is their job? (optional)"
        error={errorOf("occupation")} defaultValue={valueOf("occupation")} />
      <Input id="relationshipToApplicant" name="relationshipToApplicant" label="How do you know them? (optional)"
        hint="For example, my ex-partner's new partner, a neighbour"
        error={errorOf("relationshipToApplicant")} defaultValue={valueOf("relationshipToApplicant")} />
    </StepForm>
  );
}
