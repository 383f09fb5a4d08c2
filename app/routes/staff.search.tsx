// Search for a case: /staff/search (the form) and /staff/search?results=TOKEN (the results).
// The form is POSTed, so names, dates of birth and postcodes never appear in an address, a
// server log or the browser history; the search is kept server-side under a random token
// (app/services/case-search.server.ts). Each view of a results list is logged per case listed.
import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DateField, RadiosField, TextField, useFormKit } from "~/components/form-kit";
import { Table, Tag } from "~/components/govuk";
import { staffPageTitle } from "~/components/page-title";
import { StaffForm } from "~/components/staff-form";
import { isoDateOf } from "~/domain/form-spec";
import { formatDate } from "~/domain/time";
import { criteriaOf, SEARCH_LIMIT, searchForm, type SearchCriteria } from "~/domain/search";
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
  const form = await loadFormResult(request, FORM_KEY);
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
  const schema = searchForm.schema(now());
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== "success") return redirectWithErrors(request, FORM_KEY, submission.reply(), { to: PATH, schema });
  const token = saveSearch(user, criteriaOf(submission.value, isoDateOf(submission.value, "dob")));
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
  const { lastResult, values, results, more, expired } = useLoaderData<typeof loader>();
  const { fields, errors } = useFormKit(searchForm, lastResult, values);
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
          <StaffForm submitText="Search" action={PATH} errors={errors}>
            <TextField field={fields.reference} className="govuk-input--width-20" spellCheck={false} autoComplete="off" />
            <TextField field={fields.name} autoComplete="off" spellCheck={false} />
            <DateField field={fields.dob} legendSize="s" />
            <TextField field={fields.postcode} className="govuk-input--width-10" autoComplete="off" />
            {/* Anyone and all cases are chosen until something else is. */}
            <RadiosField field={{ ...fields.role, value: fields.role.value ?? "any" }} small />
            <RadiosField field={{ ...fields.state, value: fields.state.value ?? "all" }} small inline />
            <RadiosField field={fields.purpose} small conditional={{ other: <TextField field={fields.purposeOther} /> }} />
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
