import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { DobOrAge } from "~/components/dob-or-age";
import { RadiosField, TextareaField, TextField, useFormKit } from "~/components/form-kit";
import { pageTitle } from "~/components/page-title";
import { StepForm } from "~/components/step-form";
import { childForm, childSchema, MAX_CHILDREN } from "~/domain/application";
import { readDraft } from "~/services/drafts.server";
import { handleStep, loadStep, now } from "./__apply.server";

/** Children are numbered from 1; the next free number adds a new child. */
async function childIndex(request: Request, param: string | undefined): Promise<number> {
  const index = Number(param);
  const draft = await readDraft(request);
  const count = draft?.submittedCaseId === null ? (draft.data.children?.length ?? 0) : 0;
  if (!Number.isInteger(index) || index < 1 || index > Math.min(count + 1, MAX_CHILDREN)) {
    throw new Response("Not found", { status: 404 });
  }
  return index;
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  pageTitle(data?.isNew ? "Add a child" : "Change a child's details", data?.hasErrors);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const index = await childIndex(request, params.index);
  const page = await (await loadStep(request, `children/${index}`, (d) => d.children?.[index - 1])).json();
  return { ...page, index, isNew: !page.values };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const index = await childIndex(request, params.index);
  return handleStep(
    request,
    `children/${index}`,
    childSchema(now()),
    (data, value) => {
      const children = [...(data.children ?? [])];
      children[index - 1] = value;
      return { ...data, children };
    },
    () => "/apply/children",
  );
}

export default function ChildPage() {
  const { values, lastResult, urgent, index } = useLoaderData<typeof loader>();
  const { fields, errors } = useFormKit(childForm, lastResult, values);
  return (
    <StepForm backHref={index > 1 ? "/apply/children" : "/apply/contact"} urgent={urgent} errors={errors}>
      <span className="govuk-caption-l">Child {index}</span>
      <h1 className="govuk-heading-l">About the child</h1>
      <TextField field={fields.fullName} spellCheck={false} />
      <DobOrAge fields={fields} />
      <RadiosField field={fields.gender} />
      <TextareaField field={fields.livesWith} rows={3} />
      <TextField field={fields.applicantRelationship} />
      <TextField field={fields.subjectRelationship} />
      <RadiosField field={fields.parentsAware} />
    </StepForm>
  );
}
