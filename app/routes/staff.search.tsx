// Search for a case: /staff/search (the form) and /staff/search?results=TOKEN (the results).
// The form is POSTed, so names, dates of birth and postcodes never appear in an address, a
// server log or the browser history; the search is kept server-side under a random token
// (app/services/case-search.server.ts). Each view of a results list is logged per case listed.
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DateInput, Input, Radios, Table, Tag } from "~/components/govuk";
import { staffPageTitle } from "~/components/page-title";
import { StaffForm } from "~/components/staff-form";
import { datePartsInError, useStepForm } from "~/components/step-form";
import { parseDateParts } from "~/domain/dates";
import { formatDate } from "~/domain/time";
import { criteriaOf, SEARCH_LIMIT, SEARCH_PURPOSES, SEARCH_ROLES, SEARCH_STATES, searchSchema, type SearchCriteria } from "~/domain/search";
import { STATUS_NAMES } from "~/domain/workflow";
import { loadSearch, saveSearch, searchAndLog } from "~/services/case-search.server";
import { now } from "~/services/app-clock.server";
import { loadFormResult, redirectWithErrors } from "~/services/forms.server";
import { requireStaff } from "~/services/guard.server";
import { CASEWORKERS } from "~/domain/roles";

const FORM_KEY = "case-search";
const PATH = "/staff/search";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  staffPageTitle(data?.results ? "Search results" : "Search for a case", data?.hasErrors);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await requireStaff(request, context, CASEWORKERS);
  // The app clock's now, for working out which date inputs to highlight.
  const form = { ...(await loadFormResult(request, FORM_KEY)), today: now().toISOString() };
  const token = new URL(request.url).searchParams.get("results");
  const criteria = token ? loadSearch(user, token) : null;
  if (!criteria) return { ...form, expired: Boolean(token), values: null, results: null, more: false };
  const found = searchAndLog(user, criteria, context.requestId);
  return {
    ...form,
    expired: false,
    values: formValuesOf(criteria),
    more: found.more,
    results: found.results.map((r) => ({
      id: r.id,
      reference: r.reference,
      stage: STATUS_NAMES[r.status],
      closed: r.status === "closed",
      received: formatDate(r.receivedAt),
      erased: r.erased,
      applicant: r.applicant,
      children: r.children,
      subject: r.subject,
    })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = await requireStaff(request, context, CASEWORKERS);
  const today = now();
  const submission = parseWithZod(await request.formData(), { schema: searchSchema(today) });
  if (submission.status !== "success") return redirectWithErrors(request, FORM_KEY, submission.reply(), { to: PATH });
  const v = submission.value;
  const dob = v.dobDay || v.dobMonth || v.dobYear ? parseDateParts({ day: v.dobDay, month: v.dobMonth, year: v.dobYear }, "Date of birth", today) : null;
  const token = saveSearch(user, criteriaOf(v, dob?.ok ? dob.iso : undefined));
  return redirect(`${PATH}?results=${token}`, { status: 303 });
}

/** The form, filled in again from a saved search (as normalised: the reference with its hyphens). */
function formValuesOf(c: SearchCriteria): Record<string, string> {
  const [year, month, day] = c.dateOfBirth ? c.dateOfBirth.split("-") : [];
  return {
    reference: c.reference ?? "",
    name: c.nameWords?.join(" ") ?? "",
    role: c.role,
    dobDay: day ? String(Number(day)) : "",
    dobMonth: month ? String(Number(month)) : "",
    dobYear: year ?? "",
    postcode: c.postcode ?? "",
    state: c.state,
    purpose: c.purpose,
    purposeOther: c.purposeOther ?? "",
  };
}

export default function SearchPage() {
  const { lastResult, today, values, results, more, expired } = useLoaderData<typeof loader>();
  const { errorOf, valueOf } = useStepForm(lastResult, values);
  const dob = { day: valueOf("dobDay"), month: valueOf("dobMonth"), year: valueOf("dobYear") };
  return (
    <>
      <h1 className="govuk-heading-l">{results ? "Search results" : "Search for a case"}</h1>
      {expired ? (
        <p className="govuk-body">That search has expired or was not yours. Search again below.</p>
      ) : null}
      {results ? <Results results={results} more={more} /> : null}
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          {results ? <h2 className="govuk-heading-m">Search again</h2> : (
            <p className="govuk-body">
              Search open and closed cases by reference, or by the name, date of birth or postcode of anyone in a case. Give
              any of these; the more you give, the fewer cases match.
            </p>
          )}
          <StaffForm
            submitText="Search"
            action={PATH}
            errors={[
              { text: errorOf("reference"), href: "#reference" },
              { text: errorOf("name"), href: "#name" },
              { text: errorOf("dob"), href: "#dob-day" },
              { text: errorOf("postcode"), href: "#postcode" },
              { text: errorOf("purpose"), href: "#purpose" },
              { text: errorOf("purposeOther"), href: "#purposeOther" },
            ]}>
            <Input id="reference" name="reference" label="Reference" hint="For example 7K2M-9QXD-4HRW. Lower case and without hyphens is fine."
              className="govuk-input--width-20" spellCheck={false} autoComplete="off"
              error={errorOf("reference")} defaultValue={valueOf("reference")} />
            <Input id="name" name="name" label="Name" hint="Full name or part of it, for example a surname. At least 3 letters."
              autoComplete="off" spellCheck={false} error={errorOf("name")} defaultValue={valueOf("name")} />
            <DateInput idPrefix="dob" legend="Date of birth" legendSize="s" hint="For example 27 3 2017"
              names={{ day: "dobDay", month: "dobMonth", year: "dobYear" }} values={dob}
              error={errorOf("dob")} errorParts={errorOf("dob") ? datePartsInError(dob, "The date of birth", new Date(today)) : undefined} />
            <Input id="postcode" name="postcode" label="Postcode" hint="Whole or the first part, for example SW1A"
              className="govuk-input--width-10" autoComplete="off" error={errorOf("postcode")} defaultValue={valueOf("postcode")} />
            <Radios name="role" legend="Whose name, date of birth or postcode is it?" legendSize="s" small
              defaultValue={valueOf("role") ?? "any"}
              items={Object.entries(SEARCH_ROLES).map(([value, text]) => ({ value, text }))} />
            <Radios name="state" legend="Which cases" legendSize="s" small inline defaultValue={valueOf("state") ?? "all"}
              items={Object.entries(SEARCH_STATES).map(([value, text]) => ({ value, text }))} />
            <Radios name="purpose" legend="Why are you searching?" legendSize="s" small
              hint="Recorded in the access log for each case the results show."
              error={errorOf("purpose")} defaultValue={valueOf("purpose")}
              items={Object.entries(SEARCH_PURPOSES).map(([value, text]) => ({
                value,
                text,
                conditional: value === "other" ? (
                  <Input id="purposeOther" name="purposeOther" label="The reason" hint="Do not include anyone's name."
                    error={errorOf("purposeOther")} defaultValue={valueOf("purposeOther")} />
                ) : undefined,
              }))} />
          </StaffForm>
        </div>
      </div>
    </>
  );
}

type ResultRow = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["results"]>[number];

function Results({ results, more }: { results: ResultRow[]; more: boolean }) {
  if (results.length === 0) {
    return (
      <div className="govuk-!-margin-bottom-8">
        <p className="govuk-body" role="status">No cases match. Check the spelling, give less, or try another detail.</p>
      </div>
    );
  }
  return (
    <div className="govuk-!-margin-bottom-8">
      <p className="govuk-body" role="status">
        {more
          ? `More than ${SEARCH_LIMIT} cases match: showing the newest ${SEARCH_LIMIT}. Add details to narrow the search.`
          : `${results.length} ${results.length === 1 ? "case matches" : "cases match"}, newest first.`}
      </p>
      <Table
        caption="Cases found"
        captionClassName="govuk-visually-hidden"
        head={["Reference", "People", "Stage", "Received"]}
        rows={results.map((r) => [
          <Link key="ref" className="govuk-link" to={`/staff/cases/${r.id}`}>{r.reference}</Link>,
          r.erased ? (
            <span key="people">Personal data erased</span>
          ) : (
            <ul key="people" className="govuk-list govuk-!-margin-bottom-0">
              {r.applicant ? <li>Applicant: {r.applicant}</li> : null}
              {r.children.map((name, i) => <li key={i}>Child: {name}</li>)}
              {r.subject ? <li>Subject: {r.subject}</li> : null}
            </ul>
          ),
          <Tag key="stage" colour={r.closed ? "grey" : undefined}>{r.stage}</Tag>,
          r.received,
        ])}
      />
    </div>
  );
}
