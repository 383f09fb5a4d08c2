import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Input, Radios, Textarea } from "~/components/govuk";
import { DobOrAge } from "~/components/dob-or-age";
import { pageTitle } from "~/components/page-title";
import { StepForm, useStepForm } from "~/components/step-form";
import { childSchema, GENDERS, MAX_CHILDREN, PARENTS_AWARE } from "~/domain/application";
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
  const { errorOf, valueOf } = useStepForm(lastResult, values);
  return (
    <StepForm
      backHref={index > 1 ? "/apply/children" : "/apply/contact"}
      urgent={urgent}
      errors={[
        { text: errorOf("fullName"), href: "#fullName" },
        { text: errorOf("dobKnown"), href: "#dobKnown" },
        { text: errorOf("dob"), href: "#dob-day" },
        { text: errorOf("age"), href: "#age" },
        { text: errorOf("gender"), href: "#gender" },
        { text: errorOf("livesWith"), href: "#livesWith" },
        { text: errorOf("applicantRelationship"), href: "#applicantRelationship" },
        { text: errorOf("subjectRelationship"), href: "#subjectRelationship" },
        { text: errorOf("parentsAware"), href: "#parentsAware" },
      ]}
    >
      <span className="govuk-caption-l">Child {index}</span>
      <h1 className="govuk-heading-l">About the child</h1>
      <Input id="fullName" name="fullName" label="Child's full name" spellCheck={false}
        hint="If you do not know their full name, enter the name you know them by"
        error={errorOf("fullName")} defaultValue={valueOf("fullName")} />
      <DobOrAge who="child" errorOf={errorOf} valueOf={valueOf} />
      <Radios name="gender" legend="Child's gender" legendSize="s"
        error={errorOf("gender")} defaultValue={valueOf("gender")}
        items={Object.entries(GENDERS).map(([value, text]) => ({ value, text }))} />
      <Textarea id="livesWith" name="livesWith" label="Where does the child live, or who do they live with?"
        hint="An address if you know it, or for example &quot;with their mother and her partner&quot;" rows={3}
        error={errorOf("livesWith")} defaultValue={valueOf("livesWith")} />
      <Input id="applicantRelationship" name="applicantRelationship" label="What is your relationship to the child?"
        hint="For example, parent, grandparent, neighbour, family friend"
        error={errorOf("applicantRelationship")} defaultValue={valueOf("applicantRelationship")} />
      <Input id="subjectRelationship" name="subjectRelationship"
        label="What is the relationship between the child and the person you are worried about? (optional)"
        hint="For example, mother's new partner, uncle, coach. Leave blank if you do not know"
        error={errorOf("subjectRelationship")} defaultValue={valueOf("subjectRelationship")} />
      <Radios name="parentsAware" legend="Do the child's parents or carers know you are asking?" legendSize="s"
        error={errorOf("parentsAware")} defaultValue={valueOf("parentsAware")}
        items={Object.entries(PARENTS_AWARE).map(([value, text]) => ({ value, text }))} />
    </StepForm>
  );
}
