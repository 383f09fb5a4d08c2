import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { BackLink, Button, SummaryList, WarningText } from "~/components/govuk";
import { pageTitle } from "~/components/page-title";
import { Honeypot } from "~/components/step-form";
import {
  applicantForm,
  CONTACT_METHODS,
  DECLARATIONS,
  firstIncompleteStep,
  GENDERS,
  isUrgent,
  PARENTS_AWARE,
  SUBJECT_CONTACT_TYPES,
  type DraftData,
} from "~/domain/application";
import { describeDobOrAge } from "~/domain/describe";
import { summaryRows } from "~/domain/form-spec";
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

type Row = { key: string; value: string; href: string };
type Section = { title: string; rows: Row[] };

const or = (value: string | undefined, fallback = "Not given") => (value && value.trim() !== "" ? value : fallback);
const label = (map: Record<string, string>, value: string | undefined) => (value ? (map[value] ?? value) : "Not given");

function describeAnswers(d: DraftData): Section[] {
  const a = d.applicant!;
  const c = d.contact!;
  const s = d.subject!;
  const sc = d["subject-contact"]!;
  return [
    {
      title: "Immediate danger",
      rows: [{ key: "Is a child in danger now?", value: d.danger!.childInDanger === "yes" ? "Yes" : "No", href: "/apply/danger" }],
    },
    {
      title: "Your details",
      rows: summaryRows(applicantForm, a).map(({ key, value }) => ({ key, value, href: "/apply/applicant" })),
    },
    {
      title: "Contacting you safely",
      rows: [
        { key: "Safe ways to contact you", value: c.methods.map((m) => CONTACT_METHODS[m]).join("\n"), href: "/apply/contact" },
        ...(c.methods.includes("email") ? [{ key: "Email", value: or(c.email), href: "/apply/contact" }] : []),
        ...(c.methods.includes("phone") ? [{ key: "Phone", value: or(c.phone), href: "/apply/contact" }] : []),
        { key: "Safe times", value: or(c.safeTimes, "Any time"), href: "/apply/contact" },
        { key: "Safe to leave a message", value: c.leaveMessages === "yes" ? "Yes" : "No", href: "/apply/contact" },
        { key: "Anything else", value: or(c.safetyNotes, "Nothing"), href: "/apply/contact" },
      ],
    },
    ...(d.children ?? []).map((child, i) => ({
      title: `Child ${i + 1}`,
      rows: [
        { key: "Name", value: child.fullName },
        { key: "Date of birth or age", value: describeDobOrAge(child) },
        { key: "Gender", value: label(GENDERS, child.gender) },
        { key: "Lives with or at", value: child.livesWith },
        { key: "Your relationship to the child", value: child.applicantRelationship },
        { key: "The person's relationship to the child", value: or(child.subjectRelationship, "Not known") },
        { key: "Parents or carers know you are asking", value: label(PARENTS_AWARE, child.parentsAware) },
      ].map((row) => ({ ...row, href: `/apply/children/${i + 1}` })),
    })),
    {
      title: "The person you are worried about",
      rows: [
        { key: "Name", value: s.fullName },
        { key: "Other names", value: or(s.otherNames, "Not known") },
        { key: "Date of birth or age", value: describeDobOrAge(s, true) },
        { key: "Address", value: s.addressKnown === "yes" ? or(s.address) : "Not known" },
        { key: "What they look like", value: or(s.description, "Not known") },
        { key: "Job", value: or(s.occupation, "Not known") },
        { key: "How you know them", value: or(s.relationshipToApplicant, "Not given") },
        { key: "Contact with the child", value: sc.contactTypes.map((t) => SUBJECT_CONTACT_TYPES[t]).join("\n") },
        { key: "More about the contact", value: or(sc.contactDetails, "Nothing given") },
      ].map((row, i) => ({ ...row, href: i < 7 ? "/apply/subject" : "/apply/subject-contact" })),
    },
    {
      title: "Your concern",
      rows: [{ key: "Why you are worried", value: d.concern!.concern, href: "/apply/concern" }],
    },
    {
      title: "Declaration",
      rows: [
        {
          key: "You confirmed",
          value: d.declarations!.declarations.map((k) => DECLARATIONS[k]).join("\n"),
          href: "/apply/declarations",
        },
      ],
    },
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
