import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Button, InsetText, WarningText } from "~/components/govuk";
import { pageTitle } from "~/components/page-title";
import { nextStepPath } from "~/domain/application";
import { now, requireActiveDraft } from "./__apply.server";

export const meta: MetaFunction = () => pageTitle("Call 999 now");

export async function loader({ request }: LoaderFunctionArgs) {
  const draft = await requireActiveDraft(request);
  return { next: nextStepPath("danger", draft.data, now()) };
}

/**
 * Said plainly because a frightened person may believe the police already know: nothing on this
 * form reaches the police until it is sent, many pages from here. The numbers are tap-to-call.
 */
export default function Call999Page() {
  const { next } = useLoaderData<typeof loader>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Call 999 now</h1>
        <p className="govuk-body-l">If a child is in danger now, call 999 and ask for the police.</p>
        <WarningText>
          Nothing has been sent to the police yet. This form does not reach anyone until you send it at the end, so
          do not wait for it: call <a className="govuk-link" href="tel:999">999</a> now.
        </WarningText>
        <p className="govuk-body">
          <a className="govuk-link govuk-!-font-weight-bold govuk-!-font-size-24" href="tel:999">Call 999</a>
        </p>
        <h2 className="govuk-heading-m">If you cannot speak</h2>
        <p className="govuk-body">
          Call <a className="govuk-link" href="tel:999">999</a>, listen to the questions and answer by coughing or
          tapping the phone if you can. If you are asked to, press 55. This tells the operator you need help and
          cannot talk (it works only from a mobile phone).
        </p>
        <h2 className="govuk-heading-m">If you are deaf or cannot use a voice phone</h2>
        <p className="govuk-body">
          Use Relay UK: call <a className="govuk-link" href="tel:18000">18000</a> from a textphone or the Relay UK
          app. If you have registered with emergencySMS, you can text 999.
        </p>
        <h2 className="govuk-heading-m">When you and the child are safe</h2>
        <InsetText>
          You can carry on with this form. When you send it, it will be marked as urgent because you said a child is
          in danger now.
        </InsetText>
        <Button href={next}>Continue with the application</Button>
      </div>
    </div>
  );
}
