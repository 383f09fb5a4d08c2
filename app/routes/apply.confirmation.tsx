import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Panel, WarningText } from "~/components/govuk";
import { pageTitle } from "~/components/page-title";
import { confirmationContactWords } from "~/domain/application";
import { submittedConfirmation } from "~/services/applications.server";
import { readDraft } from "~/services/drafts.server";

export const meta: MetaFunction = () => pageTitle("Application sent");

export async function loader({ request }: LoaderFunctionArgs) {
  const draft = await readDraft(request);
  const sent = draft ? submittedConfirmation(draft.id) : null;
  if (!sent) throw redirect("/", { status: 303 });
  return { reference: sent.reference, ...confirmationContactWords(sent.contactMethods) };
}

export default function ConfirmationPage() {
  const { reference, routes, emailSent } = useLoaderData<typeof loader>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Panel title="Application sent">
          Your reference number
          <br />
          <strong>{reference}</strong>
        </Panel>
        <p className="govuk-body">Write down your reference number or keep it somewhere safe. You will need it if you contact us about your application.</p>
        {emailSent ? (
          <p className="govuk-body">
            We have sent a short message with this reference to the email address you gave us. It does not say what
            your application is about.
          </p>
        ) : null}
        <h2 className="govuk-heading-m">What happens next</h2>
        <ol className="govuk-list govuk-list--number">
          <li>Within 24 hours we check whether any child is at immediate risk, and act if they are.</li>
          <li>We contact you by {routes}, as you told us is safe, usually within 10 days, to arrange to meet you.</li>
          <li>We aim to decide within 28 days of your application whether to share any information.</li>
        </ol>
        <p className="govuk-body">
          If we share information, we tell the person best placed to protect the child. This may not be you.
        </p>
        <WarningText>If a child is in danger now, call 999.</WarningText>
        <p className="govuk-body">
          For your safety, close this browser window when you have finished.
        </p>
      </div>
    </div>
  );
}
