// The idle warning as a plain page, for browsers without JavaScript: staff pages refresh to here two
// minutes before the idle timeout (a <noscript> meta refresh). Showing it does not count as activity;
// "Stay signed in" does, and goes back to the page the person was on.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Button } from "~/components/govuk";
import { staffPageTitle } from "~/components/page-title";
import { CsrfInput } from "~/components/staff-form";
import { WARNING_BEFORE_MS } from "~/domain/idle";
import { safeReturnPath } from "~/domain/return-to";
import { requireStaff } from "~/services/guard.server";

export const meta: MetaFunction = () => staffPageTitle("You are about to be signed out");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, context, "any-staff", { touch: false });
  const back = safeReturnPath(new URL(request.url).searchParams.get("return")) ?? "/staff";
  return { back, minutes: WARNING_BEFORE_MS / 60_000 };
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireStaff(request, context, "any-staff");
  const form = await request.formData();
  return redirect(safeReturnPath(form.get("return")) ?? "/staff", { status: 303 });
}

export default function StillTherePage() {
  const { back, minutes } = useLoaderData<typeof loader>();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">You are about to be signed out</h1>
        <p className="govuk-body">
          For your security, we will sign you out in {minutes} minutes because you have done nothing for a while.
        </p>
        <p className="govuk-body">Anything you had typed on the page before this one and not saved has not been kept.</p>
        <p className="govuk-body">If you do nothing, the next page you open will ask you to sign in again, then bring you back.</p>
        <Form method="post">
          <CsrfInput />
          <input type="hidden" name="return" value={back} />
          <Button>Stay signed in</Button>
        </Form>
      </div>
    </div>
  );
}
