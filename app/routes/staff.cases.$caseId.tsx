import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CaseIdentityBar, CaseSubNavigation } from "~/components/case-layout";
import { Button, ErrorSummary, InsetText, Select, SummaryList, Table, Tag, WarningText } from "~/components/govuk";
import { NoticeBanner } from "~/components/notice-banner";
import { staffPageTitle } from "~/components/page-title";
import { CsrfInput, StaffForm } from "~/components/staff-form";
import { TextareaField, useFormKit } from "~/components/form-kit";
import { CasePrintLinks } from "~/components/printable";
import { DEPARTURE_NAMES } from "~/domain/assessment-rules";
import { caseBar } from "~/domain/case-identity";
import { CONTACT_METHODS, GENDERS, PARENTS_AWARE, SUBJECT_CONTACT_TYPES } from "~/domain/application";
import { noteForm, RECOMMENDATIONS, recordForm } from "~/domain/case-forms";
import { NOT_GIVEN, summaryRows } from "~/domain/form-spec";
import { CHANNEL_NAMES } from "~/domain/staff-case-schema";
import { clockState, describeDue } from "~/domain/clocks";
import { formatDateTime, formatIsoDate } from "~/domain/time";
import { printableDocuments } from "~/domain/printing";
import { closureMessageRecordForm, closureMessageRoutes } from "~/domain/closure-message";
import { SCHEME_ROUTES, schemeRoute, urgentReasonText } from "~/domain/urgency";
import { CASEWORKERS } from "~/domain/roles";
import { receivingAgency, REFERRAL_METHODS, strategyDiscussionForm } from "~/domain/referrals";
import { availableActions, OUTCOMES, STATUS_NAMES, type Action } from "~/domain/workflow";
import { performAction, researchersOf } from "~/services/case-actions.server";
import { loadCaseForStaff, referralsOf } from "~/services/case-view.server";
import { now } from "~/services/app-clock.server";
import { getDb } from "~/services/db.server";
import { errorResult, loadFormResult, redirectWithErrors } from "~/services/forms.server";
import { requireStaff } from "~/services/guard.server";
import { takeNotice } from "~/services/notice.server";
import { queueStaff } from "~/services/queues.server";
import { caseIdOf, redirectToNext } from "./__case-form.server";

const NOTE_FORM = "case-note";

/** The form page for each action that moves a case on, and its button text. */
const NEXT_STEP: Partial<Record<Action, { path: string; text: string }>> = {
  risk_check: { path: "risk-check", text: "Record the immediate-risk check" },
  scope_in: { path: "scope", text: "Record the scope decision" },
  verification: { path: "verification", text: "Record the interview and verification" },
  add_check: { path: "checks", text: "Record research checks" },
  submit_assessment: { path: "assessment", text: "Record the risk assessment" },
  approve: { path: "decision", text: "Decide on the recommendation" },
  record_delivery: { path: "delivery", text: "Record the disclosure or outcome" },
  close: { path: "close", text: "Record outcomes and close" },
};
const OTHER_ACTIONS: Partial<Record<Action, { path: string; text: string }>> = {
  retriage: { path: "retriage", text: "Re-triage (is the child safe?)" },
  add_referral: { path: "referral", text: "Record a referral to a partner agency" },
  strategy_discussion: { path: "strategy-discussion", text: "Record a strategy discussion" },
  extend: { path: "extend", text: "Extend the decision deadline" },
  side_exit: { path: "exit", text: "Close early (withdrawn, unable to contact, transferred)" },
};

export const meta: MetaFunction<typeof loader> = ({ data }) => staffPageTitle(data ? `Case ${data.reference}` : "Case", data?.hasErrors);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user, session } = await requireStaff(request, context, CASEWORKERS);
  const view = loadCaseForStaff(caseIdOf(params), user, context.requestId);
  if (!view) throw new Response("Not found", { status: 404 });
  const at = now();
  const actions = availableActions({
    status: view.status,
    actor: { id: user.id, roles: user.roles },
    researchers: view.status === "decision" ? researchersOf(getDb(), view.id) : [],
    assignedTo: view.assignedTo,
  });
  const proactive = schemeRoute(view.channel) === "right_to_be_told";
  const clocks = [
    // A proactive (right to be told) case starts at checks with no applicant: no immediate-risk or
    // interview clock unless one was set (an urgent proactive case has the immediate-risk clock).
    ...(proactive && !view.riskCheckDueAt ? [] : [{ name: "Immediate-risk check", due: view.riskCheckDueAt, met: view.riskCheckedAt }]),
    ...(proactive ? [] : [{ name: "Interview", due: view.interviewDueAt, met: view.interviewedAt }]),
    { name: "Decision", due: view.decisionDueAt, met: view.decidedAt },
    // Only when abuse is suspected: the referral to children's social care.
    ...(view.referralDueAt ? [{ name: "Referral to children's social care", due: view.referralDueAt, met: view.referralMadeAt }] : []),
  ].map((c) => {
    const state = view.closedAt && !c.met ? "none" : clockState(c.due, c.met, at);
    return {
      name: c.name,
      due: c.due ? formatDateTime(c.due) : "Not set",
      state,
      text: c.met ? `Done ${formatDateTime(c.met)}` : c.due && !view.closedAt ? describeDue(c.due, at) : "Not needed",
    };
  });
  const overdue = !view.closedAt && view.nextDueAt !== null && view.nextDueAt < at;
  const open = view.status !== "closed";
  return {
    ...(await loadFormResult(request, NOTE_FORM)),
    bar: caseBar(view, at),
    notice: takeNotice(request, session),
    canTake: open && actions.includes("take") && view.assignedTo === null,
    assignTo: open && actions.includes("assign") ? queueStaff().map((s) => ({ id: s.id, name: s.name })) : null,
    assigneeId: view.assignedTo,
    id: view.id,
    reference: view.reference,
    stage: STATUS_NAMES[view.status],
    closed: view.status === "closed",
    urgent: view.urgent,
    departure: view.presumptionDeparture,
    urgentReason: view.urgent ? urgentReasonText(view.urgentReason) : null,
    // A proactive case has no immediate-risk clock, so its page must not promise one.
    urgentClock: Boolean(view.riskCheckDueAt && !view.riskCheckedAt),
    overSubmissionLimit: view.overSubmissionLimit,
    channel: CHANNEL_NAMES[view.channel as keyof typeof CHANNEL_NAMES] ?? view.channel,
    route: SCHEME_ROUTES[schemeRoute(view.channel)],
    received: formatDateTime(view.receivedAt),
    assignee: view.assigneeName,
    overdue,
    needsRetriage: overdue && (!view.lastRetriageAt || view.lastRetriageAt < view.nextDueAt!),
    clocks,
    next: actions.filter((a) => NEXT_STEP[a]).map((a) => NEXT_STEP[a]!),
    others: actions.filter((a) => OTHER_ACTIONS[a]).map((a) => OTHER_ACTIONS[a]!),
    canNote: actions.includes("add_note"),
    referrals: referralsOf(view.id).map((r) => ({
      title: `${receivingAgency(r.agency, r.agencyName)} – ${formatDateTime(r.madeAt)}`,
      rows: [
        { key: "Team", value: r.team ?? "Not given" },
        { key: "Made by", value: r.madeBy },
        { key: "How", value: REFERRAL_METHODS[r.method as keyof typeof REFERRAL_METHODS] ?? r.method },
        { key: "Their reference", value: r.theirReference ?? "Not given" },
        { key: "Suspected abuse", value: r.suspectedAbuse ? "Yes" : "No" },
        { key: "What was shared", value: r.sharedSummary },
        { key: "Recorded by", value: `${r.recorderName ?? "Unknown"}, ${formatDateTime(r.recordedAt)}` },
      ],
    })),
    outcomes: view.outcomes.map((o) => OUTCOMES[o as keyof typeof OUTCOMES] ?? o),
    application: describeApplication(view),
    records: view.records
      .sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime())
      .map((r) => ({ section: RECORD_SECTION[r.kind] ?? "delivery", title: recordTitle(r.kind, r.version), by: r.recorderName ?? "Unknown", at: formatDateTime(r.recordedAt), rows: r.kind === "strategy_discussion" ? summaryRows(strategyDiscussionForm, r.data) : r.kind === "closure_message" ? summaryRows(closureMessageRecordForm, r.data) : describeData(r.kind, r.data) })),
    printable: printableDocuments({ ...view, today: at }),
    canTellApplicant: closureMessageRoutes(view).ok,
    decisions: view.decisions.map((d) => ({
      title: `Decision ${d.version}: ${d.decision === "approve" ? "approved" : d.decision === "reject" ? "rejected" : "returned"}`,
      outcome: d.outcome ? (RECOMMENDATIONS[d.outcome as keyof typeof RECOMMENDATIONS] ?? d.outcome) : null,
      reasons: d.reasons,
      assessmentVersion: d.assessmentVersion ? `Version ${d.assessmentVersion}` : null,
      recipient: d.recipientName,
      wording: d.wording,
      departure: d.departure ? DEPARTURE_NAMES[d.departure] : null,
      departureRationale: d.departureRationale,
      countersigned: d.departure ? (d.countersignerName ? `${d.countersignerName}, ${formatDateTime(d.countersignedAt!)}` : "Not yet: waiting for a second manager") : null,
      by: d.deciderName ?? "Unknown",
      at: formatDateTime(d.decidedAt),
    })),
    // A note shows itself in the timeline; its "Note added" event would say it twice.
    timeline: view.timeline.filter((t) => !(t.kind === "event" && t.type === "add_note")).map((t) => ({ at: formatDateTime(t.at), kind: t.kind, text: t.text, by: t.actorName ?? (t.kind === "event" ? "Applicant or system" : "Unknown") })),
  };
}

const assignSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("take") }),
  z.object({
    intent: z.literal("assign"),
    assignee: z.union([z.literal("none"), z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER)], {
      errorMap: () => ({ message: "Choose who to assign the case to" }),
    }),
  }),
]);

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user } = await requireStaff(request, context, CASEWORKERS);
  const caseId = caseIdOf(params);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "take" || intent === "assign") {
    // Take or assign from the case page itself (not only from a queue).
    const parsed = parseWithZod(formData, { schema: assignSchema });
    if (parsed.status !== "success") return redirectWithErrors(request, NOTE_FORM, errorResult({ assignee: "Choose who to assign the case to" }), { to: `/staff/cases/${caseId}` });
    const value = parsed.value;
    let assigneeId: number | null = null;
    if (value.intent === "assign" && value.assignee !== "none") {
      const person = queueStaff().find((s) => s.id === value.assignee);
      if (!person) return redirectWithErrors(request, NOTE_FORM, errorResult({ assignee: "Choose a reviewer or manager to assign the case to" }), { to: `/staff/cases/${caseId}` });
      assigneeId = person.id;
    }
    const result =
      value.intent === "take"
        ? performAction(caseId, { action: "take" }, user, context.requestId)
        : performAction(caseId, { action: "assign", assigneeId }, user, context.requestId);
    if (!result.ok) return redirectWithErrors(request, NOTE_FORM, errorResult({ assignee: result.reason }), { to: `/staff/cases/${caseId}` });
    return redirectToNext(request, caseId, value.intent, result.status);
  }
  const formSchema = noteForm.schema();
  const submission = parseWithZod(formData, { schema: formSchema });
  if (submission.status !== "success") return redirectWithErrors(request, NOTE_FORM, submission.reply(), { schema: formSchema });
  const result = performAction(caseId, { action: "add_note", text: submission.value.text }, user, context.requestId);
  if (!result.ok) return redirectWithErrors(request, NOTE_FORM, errorResult({ text: result.reason }, submission.payload), { schema: formSchema });
  return redirect(`/staff/cases/${caseId}#notes`, { status: 303 });
}

/** Which section of the case page each kind of record is shown in. */
const RECORD_SECTION: Record<string, "checks" | "assessment" | "decision" | "delivery" | "referrals"> = {
  strategy_discussion: "referrals",
  risk_check: "checks",
  scope: "checks",
  verification: "checks",
  check: "checks",
  subject_identity: "checks",
  retriage: "checks",
  assessment: "assessment",
  extension: "decision",
  delivery: "delivery",
  side_exit: "delivery",
  closure_message: "delivery",
};

const RECORD_TITLES: Record<string, string> = {
  risk_check: "Immediate-risk check",
  scope: "Scope decision",
  verification: "Interview and verification",
  check: "Research check",
  assessment: "Risk assessment",
  delivery: "Disclosure or outcome delivered",
  side_exit: "Closed early",
  extension: "Extension",
  retriage: "Re-triage",
  strategy_discussion: "Strategy discussion",
  closure_message: "Applicant told the case is closed",
  subject_identity: "Subject's identity confirmed by the checks",
};

function recordTitle(kind: string, version: number) {
  const title = RECORD_TITLES[kind] ?? kind;
  return kind === "check" || version === 1 ? title : `${title} (version ${version})`;
}

/** A stage record as words, from the form it was recorded with. */
function describeData(kind: string, data: Record<string, unknown>) {
  const form = recordForm(kind, data);
  return form ? summaryRows(form, data).map(({ key, value }) => ({ key, value })) : [];
}

type View = NonNullable<ReturnType<typeof loadCaseForStaff>>;

function describeApplication(view: View) {
  const person = (p: View["people"][number]) => {
    const d = p.details as Record<string, unknown>;
    const rows = [
      { key: "Name", value: p.fullName },
      { key: "Other names", value: p.otherNames ?? "" },
      { key: "Date of birth or age", value: p.dateOfBirth ? formatIsoDate(p.dateOfBirth) : p.ageYears != null ? `${d.ageIsApproximate ? "About " : ""}${p.ageYears}` : "Not known" },
      { key: p.role === "child" ? "Lives with or at" : "Address", value: p.address ?? "Not known" },
    ];
    if (p.role === "applicant") {
      rows.push(
        { key: "Safe ways to contact", value: ((d.contactMethods as string[]) ?? []).map((m) => CONTACT_METHODS[m as keyof typeof CONTACT_METHODS] ?? m).join(", ") },
        { key: "Email", value: String(d.email ?? "") },
        { key: "Phone", value: String(d.phone ?? "") },
        { key: "Safe times", value: String(d.safeTimes ?? NOT_GIVEN) },
        { key: "Messages may be left", value: d.leaveMessages === "yes" ? "Yes" : "No" },
        { key: "Contacting safely", value: String(d.safetyNotes ?? "") },
        { key: "Language", value: String(d.language ?? "English") },
        { key: "Interpreter", value: d.interpreter === "yes" ? "Needed" : "Not needed" },
        { key: "Access needs", value: String(d.accessibilityNeeds ?? "") },
      );
    } else if (p.role === "child") {
      rows.push(
        { key: "Gender", value: GENDERS[d.gender as keyof typeof GENDERS] ?? "" },
        { key: "Applicant's relationship", value: String(d.applicantRelationship ?? "") },
        { key: "Subject's relationship", value: String(d.subjectRelationship ?? "Not known") },
        { key: "Parents or carers know", value: PARENTS_AWARE[d.parentsAware as keyof typeof PARENTS_AWARE] ?? "" },
      );
    } else if (p.role === "subject") {
      rows.push(
        { key: "Description", value: String(d.description ?? "") },
        { key: "Occupation", value: String(d.occupation ?? "") },
        { key: "Relationship to applicant", value: String(d.relationshipToApplicant ?? "") },
      );
    } else {
      rows.push({ key: "Relationship to the child", value: String(d.relationshipToChild ?? "") }, { key: "Why best placed", value: String(d.whyBestPlaced ?? "") });
    }
    return rows.filter((r) => r.value !== "");
  };
  const titles = { applicant: "Applicant", child: "Child", subject: "Subject (the person asked about)", recipient: "Recipient (best placed to protect the child)" };
  return {
    people: view.people.map((p) => ({ title: p.role === "child" ? `Child ${p.position}` : titles[p.role], rows: person(p) })),
    contact: view.contactTypes.map((t) => SUBJECT_CONTACT_TYPES[t as keyof typeof SUBJECT_CONTACT_TYPES] ?? t).join("\n"),
    contactDetails: view.contactDetails,
    concern: view.concern,
  };
}

const STATE_TAG: Record<string, { text: string; colour?: "green" | "red" | "yellow" | "grey" }> = {
  met: { text: "Met", colour: "green" },
  met_late: { text: "Met late", colour: "yellow" },
  on_time: { text: "On time" },
  // "Soon" whatever the clock: an urgent case's is an hour (the words after the tag say when).
  due_soon: { text: "Due soon", colour: "yellow" },
  overdue: { text: "Overdue", colour: "red" },
  none: { text: "Not needed", colour: "grey" },
};

export default function CasePage() {
  const data = useLoaderData<typeof loader>();
  const note = useFormKit(noteForm, data.lastResult);
  // A refused take or assign comes back as an error on "assignee".
  const assigneeError = (data.lastResult?.error as Record<string, string[] | undefined> | undefined)?.assignee?.[0];
  const errorOf = (name: string) => (name === "assignee" ? assigneeError : undefined);
  const recordsIn = (section: string) => data.records.filter((r) => r.section === section);
  const Records = ({ section }: { section: string }) => {
    const records = recordsIn(section);
    if (records.length === 0) return <p className="govuk-body app-secondary-text">Nothing recorded yet.</p>;
    return (
      <>
        {records.map((r, i) => (
          <SummaryList key={i} card={{ title: `${r.title} – ${r.by}, ${r.at}` }} rows={r.rows.map((row) => ({ key: row.key, value: <span className="app-preserve-lines">{row.value}</span> }))} />
        ))}
      </>
    );
  };
  return (
    <>
      <NoticeBanner notice={data.notice} />
      <CaseIdentityBar bar={data.bar} />
      <CaseSubNavigation caseId={data.id} current="summary" />
      <span className="govuk-caption-l">{data.route} · received {data.received} ({data.channel})</span>
      <h1 className="govuk-heading-l">
        {data.reference} <Tag colour={data.closed ? "grey" : undefined}>{data.stage}</Tag> {data.urgent ? <Tag colour="red">Urgent</Tag> : null} {data.departure ? <Tag colour="yellow">Presumption departure</Tag> : null}
      </h1>
      <ErrorSummary key={errorOf("assignee") ?? ""} errors={errorOf("assignee") ? [{ text: errorOf("assignee")!, href: "#assignee" }] : []} />
      {data.urgent && !data.closed ? (
        <WarningText>
          Urgent: {data.urgentReason}. {data.urgentClock ? "The immediate-risk check has a short clock; act on it now." : "Act on it now."}
        </WarningText>
      ) : null}
      {data.overSubmissionLimit ? (
        <InsetText>
          Possible misuse: this urgent application was sent from an internet connection that had already used its hourly
          application limit. It was accepted because it is urgent.
        </InsetText>
      ) : null}
      {data.overdue ? (
        <WarningText>
          This case is overdue.{data.needsRetriage ? " Re-triage it: check the child is safe while it waits." : " It has been re-triaged since it became overdue."}
        </WarningText>
      ) : null}
      <div className="govuk-button-group">
        {data.next.map((n) => (
          <Button key={n.path} href={`/staff/cases/${data.id}/${n.path}`}>{n.text}</Button>
        ))}
        {data.canTellApplicant ? (
          <Button href={`/staff/cases/${data.id}/tell-applicant`}>Tell the applicant the case is closed</Button>
        ) : null}
        {data.others.map((n) => (
          <Button key={n.path} href={`/staff/cases/${data.id}/${n.path}`} variant="secondary">{n.text}</Button>
        ))}
      </div>
      <SummaryList rows={[
        { key: "Stage", value: data.stage },
        { key: "Assigned to", value: data.assignee ?? "Nobody yet" },
        { key: "Outcomes", value: data.outcomes.length ? data.outcomes.join("; ") : "None yet" },
        { key: "Linked cases", value: <a className="govuk-link" href={`/staff/cases/${data.id}/linked`}>Check for cases about the same subject or child</a> },
      ]} />
      {data.canTake || data.assignTo ? (
        <div className="app-case-assign govuk-!-margin-bottom-6">
          {data.canTake ? (
            <Form method="post" className="govuk-!-margin-bottom-4">
              <CsrfInput />
              <input type="hidden" name="intent" value="take" />
              <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button" data-prevent-double-click="true">
                Take this case (assign it to you)
              </button>
            </Form>
          ) : null}
          {data.assignTo ? (
            <Form method="post">
              <CsrfInput />
              <input type="hidden" name="intent" value="assign" />
              <Select id="assignee" name="assignee" label="Assign to" labelClassName="govuk-label--s" formGroupClassName="govuk-!-margin-bottom-2"
                error={errorOf("assignee")} defaultValue={data.assigneeId === null ? "none" : String(data.assigneeId)}
                items={[{ value: "none", text: "Nobody (unassigned)" }, ...data.assignTo.map((s) => ({ value: String(s.id), text: s.name }))]} />
              <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button" data-prevent-double-click="true">
                Assign the case
              </button>
            </Form>
          ) : null}
        </div>
      ) : null}
      <CasePrintLinks caseId={data.id} {...data.printable} />
      <Table caption="Clocks" captionClassName="govuk-table__caption--m" head={["Clock", "Due", "State"]}
        rows={data.clocks.map((c) => [c.name, c.due, <span key="s"><Tag colour={STATE_TAG[c.state]?.colour}>{STATE_TAG[c.state]?.text ?? c.state}</Tag> {c.text}</span>])} />

      <h2 className="govuk-heading-m" id="application">{data.route === SCHEME_ROUTES.right_to_be_told ? "The case" : "The application"}</h2>
      {data.application.people.map((p, i) => (
        <SummaryList key={i} card={{ title: p.title }} rows={p.rows.map((r) => ({ key: r.key, value: <span className="app-preserve-lines">{r.value}</span> }))} />
      ))}
      <SummaryList card={{ title: "Contact with the child and the concern" }} rows={[
        { key: "How the subject has contact", value: <span className="app-preserve-lines">{data.application.contact}</span> },
        ...(data.application.contactDetails ? [{ key: "More about the contact", value: <span className="app-preserve-lines">{data.application.contactDetails}</span> }] : []),
        { key: data.route === SCHEME_ROUTES.right_to_be_told ? "Reason for concern" : "Why the applicant is worried", value: <span className="app-preserve-lines">{data.application.concern}</span> },
      ]} />

      {data.records.length > 0 ? <h2 className="govuk-heading-l govuk-!-margin-top-8">What has been recorded</h2> : null}
      <h2 className="govuk-heading-m" id="checks">Checks</h2>
      <Records section="checks" />
      <h2 className="govuk-heading-m" id="assessment">Assessment</h2>
      <Records section="assessment" />
      <h2 className="govuk-heading-m" id="decision">Decision</h2>
      <Records section="decision" />
      {data.decisions.map((d, i) => (
        <SummaryList key={`d${i}`} card={{ title: `${d.title} – ${d.by}, ${d.at}` }} rows={[
          ...(d.outcome ? [{ key: "Decision", value: d.outcome }] : []),
          ...(d.assessmentVersion ? [{ key: "Assessment decided", value: d.assessmentVersion }] : []),
          ...(d.recipient ? [{ key: "Approved recipient", value: d.recipient }] : []),
          ...(d.wording ? [{ key: "Approved wording", value: <span className="app-preserve-lines">{d.wording}</span> }] : []),
          ...(d.departure ? [{ key: "Departure from the presumption", value: d.departure }, { key: "Rationale", value: <span className="app-preserve-lines">{d.departureRationale ?? ""}</span> }] : []),
          ...(d.countersigned ? [{ key: "Second signature", value: d.countersigned }] : []),
          { key: "Reasons", value: <span className="app-preserve-lines">{d.reasons}</span> },
        ]} />
      ))}
      <h2 className="govuk-heading-m" id="delivery">Delivery</h2>
      <Records section="delivery" />
      <h2 className="govuk-heading-m" id="referrals">Referrals and joint working</h2>
      {data.referrals.length === 0 ? <p className="govuk-body">No referral to a partner agency has been recorded.</p> : null}
      {data.referrals.map((r, i) => (
        <SummaryList key={`r${i}`} card={{ title: r.title }} rows={r.rows.map((row) => ({ key: row.key, value: <span className="app-preserve-lines">{row.value}</span> }))} />
      ))}
      <Records section="referrals" />
      {/* The joint-working actions again where they are read: the same pages as the buttons at the top. */}
      {data.others.some((n) => n.path === "referral" || n.path === "strategy-discussion") ? (
        <ul className="govuk-list">
          {data.others
            .filter((n) => n.path === "referral" || n.path === "strategy-discussion")
            .map((n) => (
              <li key={n.path}>
                <a className="govuk-link" href={`/staff/cases/${data.id}/${n.path}`}>{n.text}</a>
              </li>
            ))}
        </ul>
      ) : null}

      <h2 className="govuk-heading-m" id="notes">Notes</h2>
      {data.canNote ? (
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <StaffForm submitText="Add note" errors={note.errors}>
              <TextareaField field={note.fields.text} rows={3} />
            </StaffForm>
          </div>
        </div>
      ) : null}

      <h2 className="govuk-heading-m" id="timeline">Timeline</h2>
      <ol className="govuk-list app-timeline">
        {data.timeline.map((t, i) => (
          <li key={i} className="app-timeline__item">
            <p className="govuk-body govuk-!-margin-bottom-1">
              <strong>{t.kind === "note" ? "Note" : t.text}</strong>
            </p>
            {t.kind === "note" ? <p className="govuk-body app-preserve-lines govuk-!-margin-bottom-1">{t.text}</p> : null}
            <p className="govuk-body-s app-secondary-text">{t.by}, {t.at}</p>
          </li>
        ))}
      </ol>
    </>
  );
}
