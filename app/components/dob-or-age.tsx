// "Do you know their date of birth?": a date, an age, or "I do not know" (for a child or the
// subject). The questions are declared in app/domain/application.ts (dobOrAgeFields).
import type { DateSpec, RadiosSpec, TextSpec } from "~/domain/form-spec";
import { DateField, RadiosField, TextField, type BoundField } from "./form-kit";

export function DobOrAge({ fields }: { fields: { dobKnown: BoundField<RadiosSpec>; dob: BoundField<DateSpec>; age: BoundField<TextSpec> } }) {
  return (
    <RadiosField field={fields.dobKnown} conditional={{
      date: <DateField field={fields.dob} />,
      age: <TextField field={fields.age} inputMode="numeric" className="govuk-input--width-3" />,
    }} />
  );
}
