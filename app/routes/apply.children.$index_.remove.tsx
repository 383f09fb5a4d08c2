import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { RadiosField, useFormKit } from "~/components/form-kit";
import { pageTitle } from "~/components/page-title";
import { StepForm } from "~/components/step-form";
import { removeChildForm } from "~/domain/application";
import { handleStep, loadStep, requireActiveDraft } from "./__apply.server";

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
  const { index, child } = await existingChild(request, params.index);
  return handleStep(
    request,
    `children/${index}/remove`,
    removeChildForm(child.fullName).schema(),
    (data, value) =>
      value.confirm === "yes" ? { ...data, children: (data.children ?? []).filter((_, i) => i !== index - 1) } : data,
    () => "/apply/children",
  );
}

export default function RemoveChildPage() {
  const { name, lastResult } = useLoaderData<typeof loader>();
  const { fields, errors } = useFormKit(removeChildForm(name), lastResult);
  return (
    <StepForm backHref="/apply/children" errors={errors}>
      <RadiosField field={fields.confirm} legendIsPageHeading inline />
    </StepForm>
  );
}
