import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Button } from "~/components/govuk";
import { pageTitle } from "~/components/page-title";
import { nextStepPath } from "~/domain/application";
import { now, requireActiveDraft } from "./__apply.server";
import { useLoaderData } from "@remix-run/react";

export const meta: MetaFunction = () => pageTitle("Call 999 now");

export async function loader({ request }: LoaderFunctionArgs) {
  const draft = await requireActiveDraft(request);
  return { next: nextStepPath("danger", draft.data, now()) };
}

export default function Call999Page() {
  const { next } = useLoaderData<typeof loader>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Call 999 now</h1>
        <p className="govuk-body-l">If a child is in danger now, call 999 and ask for the police.</p>
        <p className="govuk-body">
          If you cannot speak, call 999 and then press 55 when asked. This tells the operator you need help.
        </p>
        <p className="govuk-body">
          If you are deaf or cannot use a voice phone, text 999 if you have registered with emergencySMS, or use
          Relay UK on 18000.
        </p>
        <p className="govuk-body">
          We have marked your application as urgent. When you and the child are safe, you can carry on with it.
        </p>
        <Button href={next}>Continue with the application</Button>
      </div>
    </div>
  );
}
