/** @vitest-environment node */
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Checkboxes, Radios } from "~/components/govuk";
import { expectFixture } from "./fixture-compare";

const yesNo = [
  { value: "yes", text: "Yes" },
  { value: "no", text: "No" },
];

/** The fixtures' conditional HTML, rebuilt as React elements. */
function Conditional({ id, label, textarea }: { id: string; label: string; textarea?: boolean }) {
  return (
    <>
      <label className="govuk-label" htmlFor={id}>
        {label}
      </label>
      {textarea ? (
        <textarea className="govuk-textarea govuk-!-width-one-third" name={id} id={id} />
      ) : (
        <input className="govuk-input govuk-!-width-one-third" name={id} type="text" id={id} />
      )}
    </>
  );
}

describe("Radios", () => {
  it("inline, with hint and a pre-selected value", () => {
    expectFixture(
      <Radios
        name="example"
        legend="Have you changed your name?"
        hint="This includes changing your last name or spelling your name differently."
        items={yesNo}
        defaultValue="no"
        inline
      />,
      "radios",
      "inline",
    );
  });

  it("with legend as page heading", () => {
    expectFixture(
      <Radios
        name="housing-act"
        legend="Which part of the Housing Act was your licence issued under?"
        legendIsPageHeading
        hint="Select one of the options below."
        items={[
          {
            value: "part-2",
            text: (
              <>
                <span className="govuk-heading-s govuk-!-margin-bottom-1">Part 2 of the Housing Act 2004</span> For
                properties that are 3 or more stories high and occupied by 5 or more people
              </>
            ),
          },
          {
            value: "part-3",
            text: (
              <>
                <span className="govuk-heading-s govuk-!-margin-bottom-1">Part 3 of the Housing Act 2004</span> For
                properties that are within a geographical area defined by a local council
              </>
            ),
          },
        ]}
      />,
      "radios",
      "with legend as page heading",
    );
  });

  it("with a divider (dividers count towards the id suffix)", () => {
    expectFixture(
      <Radios
        name="example"
        idPrefix="example-divider"
        legend="How do you want to sign in?"
        items={[
          { value: "government-gateway", text: "Use Government Gateway" },
          { value: "govuk-verify", text: "Use GOV.UK Verify" },
          { divider: "or" },
          { value: "create-account", text: "Create an account" },
        ]}
      />,
      "radios",
      "with a divider",
    );
  });

  it("with hint and error message", () => {
    expectFixture(
      <Radios
        name="example-error-message-hint"
        legend="Have you changed your name?"
        hint="This includes changing your last name or spelling your name differently."
        error="Please select an option"
        items={yesNo}
      />,
      "radios",
      "with hint and error message",
    );
  });

  it("with conditional item checked", () => {
    expectFixture(
      <Radios
        name="how-contacted-checked"
        legend="How do you want to be contacted?"
        defaultValue="email"
        items={[
          { value: "email", text: "Email", conditional: <Conditional id="context-email" label="Email" /> },
          { value: "phone", text: "Phone", conditional: <Conditional id="contact-phone" label="Phone number" /> },
          {
            value: "text",
            text: "Text message",
            conditional: <Conditional id="contact-text-message" label="Mobile phone number" />,
          },
        ]}
      />,
      "radios",
      "with conditional item checked",
    );
  });

  it("first radio id is the idPrefix so an error summary can link to it", () => {
    const html = renderToStaticMarkup(<Radios name="answer" idPrefix="q1" legend="Q" items={yesNo} />);
    expect(html).toContain('id="q1"');
    expect(html).toContain('id="q1-2"');
    expect(html).toContain('for="q1"');
  });

  it("small radios put the modifier on the radios container", () => {
    const html = renderToStaticMarkup(<Radios name="s" legend="Q" items={yesNo} small />);
    expect(html).toContain('class="govuk-radios govuk-radios--small"');
  });
});

describe("Checkboxes", () => {
  it("with divider, None (exclusive) and conditional items", () => {
    expectFixture(
      <Checkboxes
        name="with-divider-and-none-and-conditional-items"
        legend="Do you have any access needs?"
        items={[
          { value: "accessible-toilets", text: "Accessible toilets available" },
          { value: "braille", text: "Braille translation service available" },
          { value: "disabled-car-parking", text: "Disabled car parking available" },
          {
            value: "another-access-need",
            text: "Another access need",
            conditional: <Conditional id="other-access-needs" label="Other access needs" textarea />,
          },
          { divider: "or" },
          { value: "none", text: "None of these", exclusive: true },
        ]}
      />,
      "checkboxes",
      "with divider, None and conditional items",
    );
  });

  it("with pre-checked values", () => {
    expectFixture(
      <Checkboxes
        name="how-contacted-checked"
        legend="How do you want to be contacted?"
        defaultValue={["email", "text"]}
        items={[
          { value: "email", text: "Email", conditional: <Conditional id="context-email" label="Email address" /> },
          { value: "phone", text: "Phone", conditional: <Conditional id="contact-phone" label="Phone number" /> },
          {
            value: "text",
            text: "Text message",
            conditional: <Conditional id="contact-text-message" label="Mobile phone number" />,
          },
        ]}
      />,
      "checkboxes",
      "with pre-checked values",
    );
  });

  it("with error message and hint", () => {
    expectFixture(
      <Checkboxes
        name="example"
        legend="What is your nationality?"
        hint="If you have dual nationality, select all options that are relevant to you."
        error="Please select an option"
        items={[
          { value: "british", text: "British" },
          { value: "irish", text: "Irish" },
        ]}
      />,
      "checkboxes",
      "with error message and hint",
    );
  });

  it("with legend as a page heading", () => {
    expectFixture(
      <Checkboxes
        name="waste"
        legend="Which types of waste do you transport regularly?"
        legendIsPageHeading
        hint="Select all that apply"
        items={[
          { value: "animal", text: "Waste from animal carcasses" },
          { value: "mines", text: "Waste from mines or quarries" },
          { value: "farm", text: "Farm or agricultural waste" },
        ]}
      />,
      "checkboxes",
      "with legend as a page heading",
    );
  });

  it("item hints are linked with aria-describedby", () => {
    const html = renderToStaticMarkup(
      <Checkboxes name="c" legend="Q" items={[{ value: "a", text: "A", hint: "About A" }]} />,
    );
    expect(html).toContain('aria-describedby="c-item-hint"');
    expect(html).toContain('<div id="c-item-hint" class="govuk-hint govuk-checkboxes__hint">About A</div>');
  });
});
