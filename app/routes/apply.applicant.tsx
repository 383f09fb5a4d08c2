import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { DateInput, Fieldset, Input, Radios, Textarea } from "~/components/govuk";
import { pageTitle } from "~/components/page-title";
import { datePartsInError, StepForm, useStepForm } from "~/components/step-form";
import { applicantSchema, nextStepPath, previousStepPath } from "~/domain/application";
import { handleStep, loadStep, now } from "./__apply.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle("Your details", data?.hasErrors);

export const loader = ({ request }: LoaderFunctionArgs) =>
  loadStep(request, "applicant", (d) => d.applicant);

export const action = ({ request }: ActionFunctionArgs) =>
  handleStep(
    request,
    "applicant",
    applicantSchema(now()),
    (data, value) => ({ ...data, applicant: value }),
    (data) => nextStepPath("applicant", data, now()),
  );

export default function ApplicantPage() {
  const { values, lastResult, urgent } = useLoaderData<typeof loader>();
  const { errorOf, valueOf } = useStepForm(lastResult, values);
  const dob = { day: valueOf("dobDay"), month: valueOf("dobMonth"), year: valueOf("dobYear") };
  return (
    <StepForm
      backHref={previousStepPath("applicant")}
      urgent={urgent}
      errors={[
        { text: errorOf("fullName"), href: "#fullName" },
        { text: errorOf("otherNames"), href: "#otherNames" },
        { text: errorOf("dob"), href: "#dob-day" },
        { text: errorOf("addressLine1"), href: "#addressLine1" },
        { text: errorOf("addressLine2"), href: "#addressLine2" },
        { text: errorOf("town"), href: "#town" },
        { text: errorOf("postcode"), href: "#postcode" },
        { text: errorOf("language"), href: "#language" },
        { text: errorOf("interpreter"), href: "#interpreter" },
        { text: errorOf("accessibilityNeeds"), href: "#accessibilityNeeds" },
      ]}
    >
      <h1 className="govuk-heading-l">Your details</h1>
      <p className="govuk-body">We need these to check who you are. We will not share them with the person you are asking about.</p>
      <Input id="fullName" name="fullName" label="Full name" autoComplete="name" spellCheck={false}
        error={errorOf("fullName")} defaultValue={valueOf("fullName")} />
      <Input id="otherNames" name="otherNames" label="Other names you use or have used (optional)"
        hint="For example, a name before marriage" spellCheck={false}
        error={errorOf("otherNames")} defaultValue={valueOf("otherNames")} />
      <DateInput idPrefix="dob" legend="Date of birth" hint="For example, 27 3 1985"
        names={{ day: "dobDay", month: "dobMonth", year: "dobYear" }} values={dob}
        error={errorOf("dob")} errorParts={errorOf("dob") ? datePartsInError(dob, "Your date of birth") : undefined} />
      <Fieldset legend="Your address" legendSize="m">
        <Input id="addressLine1" name="addressLine1" label="Address line 1" autoComplete="address-line1"
          error={errorOf("addressLine1")} defaultValue={valueOf("addressLine1")} />
        <Input id="addressLine2" name="addressLine2" label="Address line 2 (optional)" autoComplete="address-line2"
          error={errorOf("addressLine2")} defaultValue={valueOf("addressLine2")} />
        <Input id="town" name="town" label="Town or city" autoComplete="address-level2" className="govuk-!-width-two-thirds"
          error={errorOf("town")} defaultValue={valueOf("town")} />
        <Input id="postcode" name="postcode" label="Postcode" autoComplete="postal-code" className="govuk-input--width-10"
          error={errorOf("postcode")} defaultValue={valueOf("postcode")} />
      </Fieldset>
      <Input id="language" name="language" label="Which language would you like us to use? (optional)"
        hint="Leave this blank for English" className="govuk-!-width-one-half"
        error={errorOf("language")} defaultValue={valueOf("language")} />
      <Radios name="interpreter" legend="Do you need an interpreter?" legendSize="s" inline
        error={errorOf("interpreter")} defaultValue={valueOf("interpreter")}
        items={[{ value: "yes", text: "Yes" }, { value: "no", text: "No" }]} />
      <Textarea id="accessibilityNeeds" name="accessibilityNeeds" label="Do you have any access needs? (optional)"
        hint="For example, you use a wheelchair, need British Sign Language, or need information in large print" rows={3}
        error={errorOf("accessibilityNeeds")} defaultValue={valueOf("accessibilityNeeds")} />
    </StepForm>
  );
}
