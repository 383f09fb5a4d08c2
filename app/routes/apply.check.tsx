import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { BackLink, Button, SummaryList, WarningText } from "~/components/govuk";
import { pageTitle } from "~/components/page-title";
import { Honeypot } from "~/components/step-form";
import {
  applicantForm,
  checkAnswersRows,
  childForm,
  concernForm,
  contactForm,
  dangerForm,
  declarationsForm,
  firstIncompleteStep,
  isUrgent,
  subjectContactForm,
  subjectForm,
  type CheckAnswersRow,
  type DraftData,
} from "~/domain/application";
import { submitApplication } from "~/services/applications.server";
import { readDraft } from "~/services/drafts.server";
import { now, rejectBots } from "./__apply.server";

export const meta: MetaFunction = () => pageTitle("Check your answers before sending your application");

async function completeDraft(request: Request) {
  const draft = await readDraft(request);
  if (!draft) throw redirect("/apply/danger", { status: 303 });
  if (draft.submittedCaseId !== null) throw redirect("/apply/confirmation", { status: 303 });
  const missing = firstIncompleteStep(draft.data, now());
  if (missing) throw redirect(`/apply/${missing}`, { status: 303 });
  return draft;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const draft = await completeDraft(request);
  return { sections: describeAnswers(draft.data), urgent: isUrgent(draft.data) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  rejectBots(await request.formData());
  // A draft already submitted (double click, Back then resubmit) goes straight to its confirmation.
  const draft = await readDraft(request);
  if (!draft) return redirect("/apply/danger", { status: 303 });
  const result = submitApplication(draft, context.clientIp, context.requestId);
  switch (result.kind) {
    case "submitted":
      return redirect("/apply/confirmation", { status: 303 });
    case "incomplete":
      return redirect(`/apply/${result.step}`, { status: 303 });
    case "rate-limited":
      return redirect("/apply/too-many", { status: 303 });
  }
}

type Section = { title: string; rows: CheckAnswersRow[] };

/**
 * Every answer as words, from the questions' own specifications, each with its Change link (which
 * opens the question and comes back to its row here).
 */
function describeAnswers(d: DraftData): Section[] {
  return [
    { title: "Immediate danger", rows: checkAnswersRows(dangerForm, d.danger, "/apply/danger", "danger") },
    { title: "Your details", rows: checkAnswersRows(applicantForm, d.applicant, "/apply/applicant", "applicant") },
    { title: "Contacting you safely", rows: checkAnswersRows(contactForm, d.contact, "/apply/contact", "contact") },
    ...(d.children ?? []).map((child, i) => ({
      title: `Child ${i + 1}`,
      rows: checkAnswersRows(childForm, child, `/apply/children/${i + 1}`, `child-${i + 1}`),
    })),
    {
      title: "The person you are worried about",
      rows: [
        ...checkAnswersRows(subjectForm, d.subject, "/apply/subject", "subject"),
        ...checkAnswersRows(subjectContactForm, d["subject-contact"], "/apply/subject-contact", "subject-contact"),
      ],
    },
    { title: "Your concern", rows: checkAnswersRows(concernForm, d.concern, "/apply/concern", "concern") },
    { title: "Declaration", rows: checkAnswersRows(declarationsForm, d.declarations, "/apply/declarations", "declarations") },
  ];
}

export default function CheckAnswersPage() {
  const { sections, urgent } = useLoaderData<typeof loader>();
  return (
    <>
      <BackLink href="/apply/declarations" />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">Check your answers before sending your application</h1>
          {urgent ? <WarningText>You told us a child is in danger now. If you have not already, call 999.</WarningText> : null}
          {sections.map((section) => (
            <div key={section.title}>
              <h2 className="govuk-heading-m">{section.title}</h2>
              <SummaryList
                rows={section.rows.map((row) => ({
                  id: row.id,
                  key: row.key,
                  value: <span className="app-preserve-lines">{row.value}</span>,
                  actions: [{ href: row.href, text: "Change", visuallyHiddenText: `${section.title.toLowerCase()}: ${row.key.toLowerCase()}` }],
                }))}
              />
            </div>
          ))}
          <h2 className="govuk-heading-m">Now send your application</h2>
          <p className="govuk-body">
            By sending this application you confirm that the information you have given is correct, and you agree to
            the declaration.
          </p>
          <Form method="post" noValidate>
            <Honeypot />
            <Button preventDoubleClick>Accept and send</Button>
          </Form>
          <h2 className="govuk-heading-m">If you do not want to send it</h2>
          <p className="govuk-body">You can delete your answers now. Nothing will be sent to the police.</p>
          {/* A plain form post: works without JavaScript, and leaves this page out of client-side history. */}
          <form method="post" action="/apply/delete-answers" noValidate>
            <Button variant="warning">Delete my answers</Button>
          </form>
        </div>
      </div>
    </>
  );
}
