/** @vitest-environment node */
import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { JSDOM } from "jsdom";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DateField, Field, RadiosField, TextField, useFormKit } from "~/components/form-kit";
import { ErrorSummary } from "~/components/govuk";
import { applicantForm } from "~/domain/application";
import { riskCheckForm } from "~/domain/case-forms";
import { secretFields } from "~/domain/form-spec";
import { signInForm } from "~/domain/staff-auth-forms";
import { toFormData, validAnswers } from "../support/answers";

const today = new Date("2026-11-23T12:00:00Z");

function ApplicantFragment({ lastResult }: { lastResult: SubmissionResult<string[]> | null }) {
  const { fields, errors } = useFormKit(applicantForm, lastResult, { fullName: "Saved name" });
  return (
    <>
      <ErrorSummary errors={errors} />
      <Field field={fields.fullName} />
      <DateField field={fields.dob} />
      <RadiosField field={fields.interpreter} inline />
    </>
  );
}

const render = (element: JSX.Element) => JSDOM.fragment(`<div>${renderToStaticMarkup(element)}</div>`).firstElementChild!;

describe("the form kit", () => {
  it("shows saved answers with no errors on a first visit", () => {
    const page = render(<ApplicantFragment lastResult={null} />);
    expect(page.querySelector<HTMLInputElement>("#fullName")?.getAttribute("value")).toBe("Saved name");
    expect(page.querySelector(".govuk-error-summary")).toBeNull();
    expect(page.querySelector("#interpreter")?.getAttribute("name")).toBe("interpreter");
  });

  it("shows the failed answers, the errors in page order and only the date parts the server named", () => {
    const submission = parseWithZod(toFormData({ ...validAnswers.applicant, fullName: "", dobDay: "7", dobMonth: "13", dobYear: "1985" }), {
      schema: applicantForm.schema(today),
    });
    const page = render(<ApplicantFragment lastResult={submission.reply()} />);
    const links = [...page.querySelectorAll(".govuk-error-summary__list a")].map((a) => [a.getAttribute("href"), a.textContent]);
    expect(links).toEqual([
      ["#fullName", "Enter your full name"],
      ["#dob-day", "Your date of birth must be a real date"],
    ]);
    expect(page.querySelector("#fullName")?.getAttribute("aria-describedby")).toBe("fullName-error");
    expect(page.querySelector("#dob-month")?.classList.contains("govuk-input--error")).toBe(true);
    expect(page.querySelector("#dob-day")?.classList.contains("govuk-input--error")).toBe(false);
    expect(page.querySelector("#dob-year")?.classList.contains("govuk-input--error")).toBe(false);
    expect(page.querySelector<HTMLInputElement>("#dob-month")?.getAttribute("value")).toBe("13");
  });

  it("renders labels, hints and option labels from the specification", () => {
    function Risk() {
      const { fields } = useFormKit(riskCheckForm, null);
      return <Field field={fields.actions} />;
    }
    const page = render(<Risk />);
    expect(page.querySelector("legend")?.textContent).toBe("Action taken");
    expect(page.querySelector("#actions-hint")?.textContent).toBe("Select all that apply");
    expect([...page.querySelectorAll("label")].map((l) => l.textContent)).toContain("Other police action to protect a child (for example, police protection powers)");
    expect(page.querySelector('input[value="none"]')?.getAttribute("data-behaviour")).toBe("exclusive");
  });

  it("never writes a password back into the page, even when a failed result carries it", () => {
    const typed = "correct horse battery staple";
    // A failed result built by hand (e.g. a wrong password) that still holds the password.
    const result: SubmissionResult<string[]> = { status: "error", initialValue: { email: "a.person@force.example", password: typed }, error: { email: ["Enter a correct email address and password"] } };
    function SignIn({ lastResult }: { lastResult: SubmissionResult<string[]> }) {
      const { fields, errors } = useFormKit(signInForm, lastResult);
      return (
        <>
          <ErrorSummary errors={errors} />
          <TextField field={fields.email} type="email" autoComplete="username" />
          <TextField field={fields.password} autoComplete="current-password" />
        </>
      );
    }
    const page = render(<SignIn lastResult={result} />);
    expect(page.outerHTML).not.toContain(typed);
    expect(page.querySelector("#password")?.getAttribute("type")).toBe("password");
    expect(page.querySelector("#password")?.getAttribute("autocomplete")).toBe("current-password");
    expect(page.querySelector("#email")?.getAttribute("value")).toBe("a.person@force.example");
    expect(secretFields(signInForm)).toEqual(["password"]);
  });

  it("shows errors only from a failed result (conform keeps old ones while a page stays mounted)", () => {
    const failed = parseWithZod(toFormData({}), { schema: signInForm.schema() }).reply();
    expect(render(<SummaryOnly lastResult={failed} />).querySelector(".govuk-error-summary")).not.toBeNull();
    const stale = { ...failed, status: "success" as const };
    expect(render(<SummaryOnly lastResult={stale} />).querySelector(".govuk-error-summary")).toBeNull();
  });
});

function SummaryOnly({ lastResult }: { lastResult: SubmissionResult<string[]> }) {
  const { errors } = useFormKit(signInForm, lastResult);
  return <ErrorSummary errors={errors} />;
}
