import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CheckboxesField, RadiosField, TextareaField, TextField, useFormKit } from "~/components/form-kit";
import { BackLink, Fieldset } from "~/components/govuk";
import { staffPageTitle } from "~/components/page-title";
import { StaffForm } from "~/components/staff-form";
import { staffCaseForm } from "~/domain/staff-case-schema";
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
  const formSchema = staffCaseForm.schema();
  const submission = parseWithZod(await request.formData(), { schema: formSchema });
  if (submission.status !== "success") return redirectWithErrors(request, FORM_KEY, submission.reply(), { schema: formSchema });
  const { caseId } = createStaffCase(submission.value, user, context.requestId);
  return redirect(`/staff/cases/${caseId}`, { status: 303 });
}

export default function NewCasePage() {
  const { lastResult } = useLoaderData<typeof loader>();
  const { fields, errors } = useFormKit(staffCaseForm, lastResult);
  return (
    <>
      <BackLink href="/staff/cases" />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">Open a case</h1>
          <p className="govuk-body">For an application taken by phone or at a station, or a case police start themselves. The clocks start now.</p>
          <StaffForm submitText="Open the case" errors={errors}>
            <RadiosField field={fields.channel} legendSize="m" />
            <RadiosField field={fields.urgent} legendSize="s" inline />
            <Fieldset legend="Applicant (not needed for a proactive case)" legendSize="m">
              <TextField field={fields.applicantName} />
              <TextareaField field={fields.applicantAddress} rows={3} />
              <CheckboxesField field={fields.contactMethods} legendSize="s" />
              <TextField field={fields.email} type="email" />
              <TextField field={fields.phone} type="tel" className="govuk-input--width-20" />
              <TextField field={fields.safeTimes} />
              <RadiosField field={fields.leaveMessages} legendSize="s" inline />
            </Fieldset>
            <Fieldset legend="Child" legendSize="m">
              <TextField field={fields.childName} />
              <TextField field={fields.childAge} className="govuk-input--width-3" />
              <TextareaField field={fields.childLivesWith} rows={2} />
            </Fieldset>
            <Fieldset legend="Subject" legendSize="m">
              <TextField field={fields.subjectName} />
              <TextField field={fields.subjectAge} className="govuk-input--width-3" />
            </Fieldset>
            <CheckboxesField field={fields.contactTypes} legendSize="m" />
            <TextareaField field={fields.concern} rows={6} />
          </StaffForm>
        </div>
      </div>
    </>
  );
}
