import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { RadiosField, useFormKit } from "~/components/form-kit";
import { NotificationBanner } from "~/components/govuk";
import { pageTitle } from "~/components/page-title";
import { StepForm } from "~/components/step-form";
import { dangerForm, nextStepPath } from "~/domain/application";
import { handleStep, loadStep, now } from "./__apply.server";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle("Is a child in danger now?", data?.hasErrors);

export const loader = ({ request }: LoaderFunctionArgs) =>
  loadStep(request, "danger", (d) => d.danger);

export const action = ({ request }: ActionFunctionArgs) =>
  handleStep(
    request,
    "danger",
    dangerForm.schema(),
    (data, value) => ({ ...data, danger: value }),
    (data) => (data.danger?.childInDanger === "yes" ? "/apply/call-999" : nextStepPath("danger", data, now())),
  );

export default function DangerPage() {
  const { values, lastResult, expired } = useLoaderData<typeof loader>();
  const { fields, errors } = useFormKit(dangerForm, lastResult, values);
  return (
    <StepForm backHref="/" errors={errors}>
      {expired ? (
        <NotificationBanner title="Important">
          <p className="govuk-notification-banner__heading">
            Your previous answers were deleted to keep them safe. You need to start again.
          </p>
        </NotificationBanner>
      ) : null}
      <RadiosField field={fields.childInDanger} legendIsPageHeading inline />
    </StepForm>
  );
}
