import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BackLink, Checkboxes, Fieldset, Input, Radios, Textarea } from "~/components/govuk";
import { staffPageTitle } from "~/components/page-title";
import { StaffForm } from "~/components/staff-form";
import { useStepForm } from "~/components/step-form";
import { CONTACT_METHODS, SUBJECT_CONTACT_TYPES } from "~/domain/application";
import { CHANNELS, staffCaseSchema } from "~/domain/staff-case-schema";
import { CASEWORKERS } from "~/domain/roles";
import { loadFormResult, redirectWithErrors } from "~/services/forms.server";
import { requireStaff } from "~/services/guard.server";
import { createStaffCase } from "~/services/staff-cases.server";

const FORM_KEY = "staff-new-case";

export const meta: MetaFunction<typeof loader> = ({ data }) => staffPageTitle("Open a case", data?.hasErrors);

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, CASEWORKERS);
  return loadFormResult(request, FORM_KEY);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = await requireStaff(request, context, CASEWORKERS);
  const formSchema = staffCaseSchema();
  const submission = parseWithZod(await request.formData(), { schema: formSchema });
  if (submission.status !== "success") return redirectWithErrors(request, FORM_KEY, submission.reply(), { schema: formSchema });
  const { caseId } = createStaffCase(submission.value, user, context.requestId);
  return redirect(`/staff/cases/${caseId}`, { status: 303 });
}

const FIELDS = ["channel", "urgent", "applicantName", "applicantAddress", "contactMethods", "email", "phone", "safeTimes", "leaveMessages", "childName", "childAge", "childLivesWith", "subjectName", "subjectAge", "contactTypes", "concern"];

export default function NewCasePage() {
  const { lastResult } = useLoaderData<typeof loader>();
  const { errorOf, valueOf, valuesOf } = useStepForm(lastResult, undefined);
  const input = (id: string, label: string, extra: { hint?: string; className?: string; type?: "email" | "tel" } = {}) => (
    <Input id={id} name={id} label={label} {...extra} error={errorOf(id)} defaultValue={valueOf(id)} />
  );
  return (
    <>
      <BackLink href="/staff/cases" />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">Open a case</h1>
          <p className="govuk-body">For an application taken by phone or at a station, or a case police start themselves. The clocks start now.</p>
          <StaffForm submitText="Open the case" errors={FIELDS.map((f) => ({ text: errorOf(f), href: `#${f}` }))}>
            <Radios name="channel" legend="How did the case come in?" legendSize="m" error={errorOf("channel")} defaultValue={valueOf("channel")}
              items={Object.entries(CHANNELS).map(([value, text]) => ({ value, text }))} />
            <Radios name="urgent" legend="Is a child in danger now?" legendSize="s" inline error={errorOf("urgent")} defaultValue={valueOf("urgent")}
              items={[{ value: "yes", text: "Yes" }, { value: "no", text: "No" }]} />
            <Fieldset legend="Applicant (not needed for a proactive case)" legendSize="m">
              {input("applicantName", "Name")}
              <Textarea id="applicantAddress" name="applicantAddress" label="Address" rows={3} error={errorOf("applicantAddress")} defaultValue={valueOf("applicantAddress")} />
              <Checkboxes name="contactMethods" idPrefix="contactMethods" legend="Safe ways to contact them" legendSize="s"
                error={errorOf("contactMethods")} defaultValue={valuesOf("contactMethods")}
                items={Object.entries(CONTACT_METHODS).map(([value, text]) => ({ value, text }))} />
              {input("email", "Email (if email is safe)", { type: "email" })}
              {input("phone", "Phone (if phone is safe)", { type: "tel", className: "govuk-input--width-20" })}
              {input("safeTimes", "Safe times")}
              <Radios name="leaveMessages" legend="Is it safe to leave messages?" legendSize="s" inline error={errorOf("leaveMessages")} defaultValue={valueOf("leaveMessages")}
                items={[{ value: "yes", text: "Yes" }, { value: "no", text: "No" }]} />
            </Fieldset>
            <Fieldset legend="Child" legendSize="m">
              {input("childName", "Name")}
              {input("childAge", "Age (if known)", { className: "govuk-input--width-3" })}
              <Textarea id="childLivesWith" name="childLivesWith" label="Where the child lives or who with (if known)" rows={2} error={errorOf("childLivesWith")} defaultValue={valueOf("childLivesWith")} />
            </Fieldset>
            <Fieldset legend="Subject" legendSize="m">
              {input("subjectName", "Name")}
              {input("subjectAge", "Approximate age (if known)", { className: "govuk-input--width-3" })}
            </Fieldset>
            <Checkboxes name="contactTypes" idPrefix="contactTypes" legend="How does the subject have contact with the child?" legendSize="m"
              error={errorOf("contactTypes")} defaultValue={valuesOf("contactTypes")}
              items={Object.entries(SUBJECT_CONTACT_TYPES).map(([value, text]) => ({ value, text }))} />
            <Textarea id="concern" name="concern" label="Reason for concern" rows={6} error={errorOf("concern")} defaultValue={valueOf("concern")} />
          </StaffForm>
        </div>
      </div>
    </>
  );
}
