import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Button } from "~/components/govuk";
import { staffPageTitle } from "~/components/page-title";
import { getSetting } from "~/services/settings.server";

export const meta: MetaFunction = () => staffPageTitle("Your session has ended");

export function loader({ request }: LoaderFunctionArgs) {
  const reason = new URL(request.url).searchParams.get("reason");
  return {
    reason: reason === "absolute" || reason === "deactivated" ? reason : "idle",
    idleMinutes: getSetting("session.idleMinutes"),
    absoluteHours: getSetting("session.absoluteHours"),
  };
}

export default function SessionEndedPage() {
  const { reason, idleMinutes, absoluteHours } = useLoaderData<typeof loader>();
  const why = {
    idle: `You were signed out because you did nothing for ${idleMinutes} minutes. This protects the information in the service.`,
    absolute: `You were signed out because you have been signed in for ${absoluteHours} hours.`,
    deactivated: "Your account has been deactivated. Contact your administrator if you think this is wrong.",
  }[reason];
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Your session has ended</h1>
        <p className="govuk-body">{why}</p>
        <p className="govuk-body">Anything you had not saved has not been saved.</p>
        <Button href="/staff/sign-in">Sign in again</Button>
      </div>
    </div>
  );
}
