import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Checkboxes, Input, Radios, Textarea } from "~/components/govuk";
import { pageTitle } from "~/components/page-title";
import { StepForm, useStepForm } from "~/components/step-form";
import { CONTACT_METHODS, contactSchema, nextStepPath, previousStepPath } from "~/domain/application";
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
  const { errorOf, valueOf, valuesOf } = useStepForm(lastResult, values);
  const methods = valuesOf("methods");
  return (
    <StepForm
      backHref={previousStepPath("contact")}
      urgent={urgent}
      errors={[
        { text: errorOf("methods"), href: "#methods" },
        { text: errorOf("email"), href: "#email" },
        { text: errorOf("phone"), href: "#phone" },
        { text: errorOf("safeTimes"), href: "#safeTimes" },
        { text: errorOf("leaveMessages"), href: "#leaveMessages" },
        { text: errorOf("safetyNotes"), href: "#safetyNotes" },
      ]}
    >
      <h1 className="govuk-heading-l">How can we contact you safely?</h1>
      <p className="govuk-body">
        We will only contact you in the ways you choose here. If someone else reads your emails or messages, or
        answers your phone, do not choose that way.
      </p>
      <Checkboxes
        name="methods"
        idPrefix="methods"
        legend="Which ways are safe to contact you?"
        legendSize="m"
        hint="Select all that are safe"
        error={errorOf("methods")}
        defaultValue={methods}
        items={[
          {
            value: "email",
            text: CONTACT_METHODS.email,
            conditional: (
              <Input id="email" name="email" type="email" label="Email address" autoComplete="email" spellCheck={false}
                error={errorOf("email")} defaultValue={valueOf("email")} />
            ),
          },
          {
            value: "phone",
            text: CONTACT_METHODS.phone,
            conditional: (
              <Input id="phone" name="phone" type="tel" label="Phone number" autoComplete="tel" className="govuk-input--width-20"
                error={errorOf("phone")} defaultValue={valueOf("phone")} />
            ),
          },
          { value: "letter", text: CONTACT_METHODS.letter },
        ]}
      />
      <Input id="safeTimes" name="safeTimes" label="When is it safe to contact you? (optional)"
        hint="For example, weekdays between 9am and 3pm"
        error={errorOf("safeTimes")} defaultValue={valueOf("safeTimes")} />
      <Radios name="leaveMessages" legend="Is it safe for us to leave you a message?" legendSize="s" inline
        hint="For example, a voicemail or a message with someone who answers"
        error={errorOf("leaveMessages")} defaultValue={valueOf("leaveMessages")}
        items={[{ value: "yes", text: "Yes" }, { value: "no", text: "No" }]} />
      <Textarea id="safetyNotes" name="safetyNotes" label="Is there anything else we should know to contact you safely? (optional)"
        rows={3} error={errorOf("safetyNotes")} defaultValue={valueOf("safetyNotes")} />
    </StepForm>
  );
}
