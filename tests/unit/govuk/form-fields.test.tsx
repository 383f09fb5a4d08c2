/** @vitest-environment node */
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import {
  CharacterCount,
  DateInput,
  ErrorMessage,
  Fieldset,
  Hint,
  Input,
  Label,
  Textarea,
} from "~/components/govuk";
import { expectFixture } from "./fixture-compare";

const NINO_HINT =
  "It’s on your National Insurance card, benefit letter, payslip or P60. For example, ‘QQ 12 34 56 C’.";

describe("Label, Hint, ErrorMessage, Fieldset", () => {
  it("Label: default and as page heading", () => {
    expectFixture(<Label>National Insurance number</Label>, "label", "default");
    expectFixture(
      <Label isPageHeading className="govuk-label--l">
        National Insurance number
      </Label>,
      "label",
      "as page heading l",
    );
  });

  it("Hint and ErrorMessage: default", () => {
    expectFixture(
      <Hint>{"It's on your National Insurance card, benefit letter, payslip or P60.\nFor example, 'QQ 12 34 56 C'.\n"}</Hint>,
      "hint",
      "default",
    );
    expectFixture(<ErrorMessage>Error message about full name goes here</ErrorMessage>, "error-message", "default");
  });

  it("Fieldset: default, medium legend, page heading", () => {
    expectFixture(<Fieldset legend="What is your address?" />, "fieldset", "default");
    expectFixture(<Fieldset legend="What is your address?" legendSize="m" />, "fieldset", "styled as medium text");
    expectFixture(<Fieldset legend="What is your address?" legendIsPageHeading />, "fieldset", "as page heading l");
  });
});

describe("Input", () => {
  it("default", () => {
    expectFixture(<Input id="test-name" name="test-name" label="National Insurance number" />, "input", "default");
  });

  it("with error and hint (hint id before error id in aria-describedby)", () => {
    expectFixture(
      <Input
        id="with-error-hint"
        name="with-error-hint"
        label="National insurance number"
        hint={NINO_HINT}
        error="Enter a National Insurance number in the correct format"
      />,
      "input",
      "with error and hint",
    );
  });

  it("with width-10 class", () => {
    expectFixture(
      <Input
        id="input-width-10"
        name="test-width-10"
        label="National insurance number"
        hint={NINO_HINT}
        className="govuk-input--width-10"
      />,
      "input",
      "with width-10 class",
    );
  });

  it("with label as page heading", () => {
    expectFixture(
      <Input id="input-with-page-heading" name="test-name" label="National Insurance number" labelIsPageHeading />,
      "input",
      "with label as page heading",
    );
  });

  it("with prefix and suffix and error", () => {
    expectFixture(
      <Input
        id="input-with-prefix-suffix"
        name="cost"
        label="Cost per item, in pounds"
        prefix="£"
        suffix="per item"
        error="Error message goes here"
      />,
      "input",
      "with prefix and suffix and error",
    );
  });

  it("value, inputmode, autocomplete, spellcheck", () => {
    expectFixture(
      <Input id="with-value" name="with-value" label="With value" defaultValue="QQ 12 34 56 C" />,
      "input",
      "value",
    );
    expectFixture(
      <Input id="with-inputmode" name="with-inputmode" label="With inputmode" inputMode="decimal" />,
      "input",
      "inputmode",
    );
    expectFixture(
      <Input id="input-with-autocomplete-attribute" name="postcode" label="Postcode" autoComplete="postal-code" />,
      "input",
      "with autocomplete attribute",
    );
    expectFixture(
      <Input
        id="input-with-spellcheck-disabled"
        name="spellcheck"
        label="Spellcheck is disabled"
        spellCheck={false}
      />,
      "input",
      "with spellcheck disabled",
    );
  });

  it("escapes values and never emits required, maxlength or pattern", () => {
    const html = renderToStaticMarkup(
      <Input id="x" name="x" label="<b>Label</b>" defaultValue={'"><script>alert(1)</script>'} error="<i>bad</i>" />,
    );
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<b>");
    expect(html).not.toContain("<i>");
    expect(html).toContain("&lt;b&gt;Label&lt;/b&gt;");
    expect(html).not.toMatch(/\s(required|maxlength|pattern)[\s=>]/);
  });
});

describe("Textarea", () => {
  it("default", () => {
    expectFixture(
      <Textarea id="more-detail" name="more-detail" label="Can you provide more detail?" />,
      "textarea",
      "default",
    );
  });

  it("with hint and error message", () => {
    expectFixture(
      <Textarea id="with-hint-error" name="with-hint-error" label="With hint and error" hint="Hint" error="Error message" />,
      "textarea",
      "with hint and error message",
    );
  });

  it("with default value, custom rows, page heading, autocomplete", () => {
    expectFixture(
      <Textarea id="full-address" name="address" label="Full address" defaultValue={"221B Baker Street\nLondon\nNW1 6XE\n"} />,
      "textarea",
      "with default value",
    );
    expectFixture(<Textarea id="full-address" name="address" label="Full address" rows={8} />, "textarea", "with custom rows");
    expectFixture(
      <Textarea id="textarea-with-page-heading" name="address" label="Full address" labelIsPageHeading />,
      "textarea",
      "with label as page heading",
    );
    expectFixture(
      <Textarea
        id="textarea-with-autocomplete-attribute"
        name="address"
        label="Full address"
        autoComplete="street-address"
      />,
      "textarea",
      "with autocomplete attribute",
    );
  });
});

describe("CharacterCount", () => {
  it("default", () => {
    expectFixture(
      <CharacterCount id="more-detail" name="more-detail" label="Can you provide more detail?" maxLength={10} />,
      "character-count",
      "default",
    );
  });

  it("with hint and error", () => {
    expectFixture(
      <CharacterCount
        id="with-error"
        name="with-error"
        label="Can you provide more detail?"
        maxLength={10}
        error="Please provide more detail"
        hint="Don't include personal or financial information, eg your National Insurance number or credit card details."
      />,
      "character-count",
      "with hint and error",
    );
  });

  it("with default value, custom rows and label as page heading", () => {
    expectFixture(
      <CharacterCount
        id="with-default-value"
        name="default-value"
        label="Full address"
        maxLength={100}
        defaultValue={"221B Baker Street\nLondon\nNW1 6XE\n"}
      />,
      "character-count",
      "with default value",
    );
    expectFixture(
      <CharacterCount id="custom-rows" name="custom" label="Full address" maxLength={10} rows={8} />,
      "character-count",
      "with custom rows",
    );
    expectFixture(
      <CharacterCount id="textarea-with-page-heading" name="address" label="Full address" maxLength={10} labelIsPageHeading />,
      "character-count",
      "with label as page heading",
    );
  });

  it("puts the limit in data-maxlength only, never a maxlength attribute", () => {
    const html = renderToStaticMarkup(<CharacterCount id="d" name="d" label="Details" maxLength={500} />);
    expect(html).toContain('data-maxlength="500"');
    expect(html).not.toMatch(/\smaxlength=/i);
  });
});

describe("DateInput", () => {
  const names = { day: "day", month: "month", year: "year" };

  it("default", () => {
    expectFixture(
      <DateInput idPrefix="dob" legend="What is your date of birth?" hint="For example, 31 3 1980" names={names} />,
      "date-input",
      "default",
    );
  });

  it("with values", () => {
    expectFixture(
      <DateInput
        idPrefix="with-values"
        legend="What is your date of birth?"
        hint="For example, 31 3 1980"
        names={names}
        values={{ day: "31", month: "3", year: "1980" }}
      />,
      "date-input",
      "with values",
    );
  });

  it("with error message and hint: all three inputs highlighted by default", () => {
    expectFixture(
      <DateInput
        idPrefix="dob-errors"
        legend="What is your date of birth?"
        hint="For example, 31 3 1980"
        error="Error message goes here"
        names={names}
      />,
      "date-input",
      "with error message and hint",
    );
  });

  it("with error on day input only (errorParts)", () => {
    expectFixture(
      <DateInput
        idPrefix="dob-day-error"
        legend="What is your date of birth?"
        hint="For example, 31 3 1980"
        error="Error message goes here"
        errorParts={["day"]}
        names={names}
      />,
      "date-input",
      "with error on day input",
    );
  });

  it("with autocomplete values and custom names", () => {
    expectFixture(
      <DateInput
        idPrefix="dob-with-autocomplete-attribute"
        legend="What is your date of birth?"
        hint="For example, 31 3 1980"
        names={{
          day: "dob-with-autocomplete-day",
          month: "dob-with-autocomplete-month",
          year: "dob-with-autocomplete-year",
        }}
        autoComplete="bday"
      />,
      "date-input",
      "with autocomplete values",
    );
  });

  it("ignores errorParts when there is no error", () => {
    const html = renderToStaticMarkup(
      <DateInput idPrefix="d" legend="Date" names={names} errorParts={["year"]} />,
    );
    expect(html).not.toContain("govuk-input--error");
  });
});
