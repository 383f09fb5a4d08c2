import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { NotificationBanner, Radios } from "~/components/govuk";
import { pageTitle } from "~/components/page-title";
import { StepForm, useStepForm } from "~/components/step-form";
import { dangerSchema, nextStepPath } from "~/domain/application";
import { handleStep, loadStep, now } from "./__apply.server";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle("Is a child in danger now?", data?.hasErrors);

export const loader = ({ request }: LoaderFunctionArgs) =>
  loadStep(request, "danger", (d) => d.danger);

export const action = ({ request }: ActionFunctionArgs) =>
  handleStep(
    request,
    "danger",
    dangerSchema(),
    (data, value) => ({ ...data, danger: value }),
    (data) => (data.danger?.childInDanger === "yes" ? "/apply/call-999" : nextStepPath("danger", data, now())),
  );

export default function DangerPage() {
  const { values, lastResult, expired } = useLoaderData<typeof loader>();
  const { errorOf, valueOf } = useStepForm(lastResult, values);
  return (
    <StepForm backHref="/" errors={[{ text: errorOf("childInDanger"), href: "#childInDanger" }]}>
      {expired ? (
        <NotificationBanner title="Important">
          <p className="govuk-notification-banner__heading">
            Your previous answers were deleted to keep them safe. You need to start again.
          </p>
        </NotificationBanner>
      ) : null}
      <Radios
        name="childInDanger"
        legend="Is a child in danger now?"
        legendIsPageHeading
        hint="For example, someone is hurting a child, or a child is with someone who may hurt them right now."
        error={errorOf("childInDanger")}
        defaultValue={valueOf("childInDanger")}
        inline
        items={[
          { value: "yes", text: "Yes" },
          { value: "no", text: "No" },
        ]}
      />
    </StepForm>
  );
}
