// "Do you know their date of birth?": a date, an age, or "I do not know" (for a child or the
// subject). Field names match dobOrAge() in app/domain/application.ts.
import { DateInput, Input, Radios } from "./govuk";
import { datePartsInError } from "./step-form";

type Copy = { legend: string; dateHint: string; dateLabel: string; ageText: string; ageLabel: string; unknownText: string };

export const DOB_COPY: Record<"child" | "subject", Copy> = {
  child: {
    legend: "Do you know the child's date of birth?",
    dateHint: "For example, 7 3 2016",
    dateLabel: "The child's date of birth",
    ageText: "No, but I know their age",
    ageLabel: "Age in years",
    unknownText: "No, I do not know their date of birth or age",
  },
  subject: {
    legend: "Do you know their date of birth?",
    dateHint: "For example, 27 3 1980",
    dateLabel: "The person's date of birth",
    ageText: "No, but I know roughly how old they are",
    ageLabel: "Approximate age in years",
    unknownText: "No, I do not know",
  },
};

export function DobOrAge({
  who,
  errorOf,
  valueOf,
}: {
  who: "child" | "subject";
  errorOf: (name: string) => string | undefined;
  valueOf: (name: string) => string | undefined;
}) {
  const copy = DOB_COPY[who];
  const dob = { day: valueOf("dobDay"), month: valueOf("dobMonth"), year: valueOf("dobYear") };
  return (
    <Radios
      name="dobKnown"
      legend={copy.legend}
      legendSize="s"
      error={errorOf("dobKnown")}
      defaultValue={valueOf("dobKnown")}
      items={[
        {
          value: "date",
          text: "Yes",
          conditional: (
            <DateInput idPrefix="dob" legend="Date of birth" hint={copy.dateHint}
              names={{ day: "dobDay", month: "dobMonth", year: "dobYear" }} values={dob}
              error={errorOf("dob")} errorParts={errorOf("dob") ? datePartsInError(dob, copy.dateLabel) : undefined} />
          ),
        },
        {
          value: "age",
          text: copy.ageText,
          conditional: (
            <Input id="age" name="age" label={copy.ageLabel} inputMode="numeric" className="govuk-input--width-3"
              error={errorOf("age")} defaultValue={valueOf("age")} />
          ),
        },
        { value: "unknown", text: copy.unknownText },
      ]}
    />
  );
}
