import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { RadiosField, useFormKit } from "~/components/form-kit";
import { InsetText, SummaryList } from "~/components/govuk";
import { pageTitle } from "~/components/page-title";
import { StepForm } from "~/components/step-form";
import { anotherChildForm, MAX_CHILDREN, nextStepPath } from "~/domain/application";
import { describeDobOrAge } from "~/domain/describe";
import { handleStep, loadStep, now, requireActiveDraft } from "./__apply.server";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle("Children you are asking about", data?.hasErrors);

export async function loader({ request }: LoaderFunctionArgs) {
  const draft = await requireActiveDraft(request);
  const children = draft.data.children ?? [];
  if (children.length === 0) throw redirect("/apply/children/1");
  const page = await (await loadStep(request, "children", () => undefined)).json();
  return {
    ...page,
    children: children.map((c) => ({ name: c.fullName, age: describeDobOrAge(c) })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const draft = await requireActiveDraft(request);
  const count = draft.data.children?.length ?? 0;
  return handleStep(
    request,
    "children",
    anotherChildForm.schema(),
    (data) => data,
    (data, value) =>
      value.addAnother === "yes" && count < MAX_CHILDREN
        ? `/apply/children/${count + 1}`
        : nextStepPath("children", data, now()),
  );
}

export default function ChildrenPage() {
  const { children, lastResult, urgent } = useLoaderData<typeof loader>();
  const { fields, errors } = useFormKit(anotherChildForm, lastResult);
  const full = children.length >= MAX_CHILDREN;
  return (
    <StepForm backHref="/apply/contact" urgent={urgent} errors={errors}>
      <h1 className="govuk-heading-l">
        You have added {children.length} {children.length === 1 ? "child" : "children"}
      </h1>
      <SummaryList
        rows={children.map((child, i) => ({
          key: child.name,
          value: child.age,
          actions: [
            { href: `/apply/children/${i + 1}`, text: "Change", visuallyHiddenText: child.name },
            { href: `/apply/children/${i + 1}/remove`, text: "Remove", visuallyHiddenText: child.name },
          ],
        }))}
      />
      {full ? (
        <>
          <InsetText>You can add up to {MAX_CHILDREN} children. Tell us about any others in your reason for concern.</InsetText>
          <input type="hidden" name="addAnother" value="no" />
        </>
      ) : (
        <RadiosField field={fields.addAnother} legendSize="m" inline />
      )}
    </StepForm>
  );
}
