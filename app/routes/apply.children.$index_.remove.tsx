import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Radios } from "~/components/govuk";
import { pageTitle } from "~/components/page-title";
import { StepForm, useStepForm } from "~/components/step-form";
import { choice } from "~/domain/fields";
import { handleStep, loadStep, requireActiveDraft } from "./__apply.server";

const removeSchema = z.object({ confirm: choice(["yes", "no"], "Select yes if you want to remove this child") });

async function existingChild(request: Request, param: string | undefined) {
  const draft = await requireActiveDraft(request);
  const index = Number(param);
  const child = Number.isInteger(index) && index >= 1 ? draft.data.children?.[index - 1] : undefined;
  if (!child) throw new Response("Not found", { status: 404 });
  return { index, child };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => pageTitle("Remove a child", data?.hasErrors);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { index, child } = await existingChild(request, params.index);
  const page = await (await loadStep(request, `children/${index}/remove`, () => undefined)).json();
  return { ...page, name: child.fullName };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { index } = await existingChild(request, params.index);
  return handleStep(
    request,
    `children/${index}/remove`,
    removeSchema,
    (data, value) =>
      value.confirm === "yes" ? { ...data, children: (data.children ?? []).filter((_, i) => i !== index - 1) } : data,
    () => "/apply/children",
  );
}

export default function RemoveChildPage() {
  const { name, lastResult } = useLoaderData<typeof loader>();
  const { errorOf } = useStepForm(lastResult, undefined);
  return (
    <StepForm backHref="/apply/children" errors={[{ text: errorOf("confirm"), href: "#confirm" }]}>
      <Radios name="confirm" legend={`Are you sure you want to remove ${name}?`} legendIsPageHeading inline
        error={errorOf("confirm")}
        items={[{ value: "yes", text: "Yes" }, { value: "no", text: "No" }]} />
    </StepForm>
  );
}
