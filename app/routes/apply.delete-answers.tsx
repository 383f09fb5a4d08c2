// "Delete my answers" on check answers: the draft and its cookie go at once; this page then
// says so. Nothing is sent to the police.
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { pageTitle } from "~/components/page-title";
import { discardDraft } from "~/services/drafts.server";
import { discardFlash } from "~/services/flash.server";

export const meta: MetaFunction = () => pageTitle("Your answers have been deleted");

export async function action({ request }: ActionFunctionArgs) {
  const headers = new Headers({ "Clear-Site-Data": '"cache", "storage"' });
  headers.append("Set-Cookie", await discardDraft(request));
  headers.append("Set-Cookie", await discardFlash(request));
  return redirect("/apply/delete-answers", { status: 303, headers });
}

export default function AnswersDeletedPage() {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Your answers have been deleted</h1>
        <p className="govuk-body">Nothing was sent to the police. Your answers are no longer kept on this device or by us.</p>
        <p className="govuk-body">If a child is in danger now, call 999.</p>
        <p className="govuk-body">
          <Link className="govuk-link" to="/">
            Start again
          </Link>
        </p>
      </div>
    </div>
  );
}
