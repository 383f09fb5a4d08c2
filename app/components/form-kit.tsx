/*
 * The form kit: GOV.UK questions rendered from a field specification (app/domain/form-spec.ts),
 * over @conform-to v1. One way to build a form page.
 *
 * ## Usage
 *
 * 1. Declare the questions once, in app/domain (page order = declaration order):
 *
 *      export const scopeForm = defineForm(
 *        {
 *          inScope: { kind: "radios", label: "Is the application in scope?", options: YES_NO, required: "Select yes if …" },
 *          reason: { kind: "textarea", label: "Why it is not progressed", max: 5000, noun: "The reason" },
 *        },
 *        (v, ctx) => { if (v.inScope === "no" && !v.reason) ctx.issue("reason", "Enter why …"); },
 *      );
 *
 *    `scopeForm.schema(today)` is the zod schema (every error at once; dates checked with the app
 *    clock's today; the server names the wrong date parts). `summaryRows(scopeForm, values)` gives
 *    read-only rows with human values; `toRecord(scopeForm, values)` the record a stage keeps.
 *
 * 2. Validate on the server exactly as before (POST → 303 → GET, app/services/forms.server.ts):
 *    `handleCaseForm(…, scopeForm.schema(now()), …)` or `handleStep(…)`.
 *
 * 3. Place the questions in the page, one line each; the error summary comes from the fields:
 *
 *      const { fields, errors } = useFormKit(scopeForm, lastResult, savedValues);
 *      <CaseFormPage errors={errors} …>
 *        <RadiosField field={fields.inScope} legendSize="m" conditional={{ no: <TextareaField field={fields.reason} rows={3} /> }} />
 *      </CaseFormPage>
 *
 *    `fields.x` is typed: a misspelt name does not compile. Presentation (widths, autocomplete,
 *    legend size, inline) stays in the JSX; words and rules stay in the specification.
 *
 * Adding an optional question = one entry in the specification + one `<Field>` line. The case page
 * and the decision page show it through `summaryRows`, with no further change.
 */
import { useForm, type DefaultValue, type SubmissionResult } from "@conform-to/react";
import type { HTMLAttributes, ReactNode } from "react";
import type { DatePart } from "~/domain/dates";
import {
  errorSummaryItems,
  partName,
  type CheckboxesSpec,
  type DateSpec,
  type FieldSpec,
  type FieldSpecs,
  type FormSpec,
  type IntegerSpec,
  type RadiosSpec,
  type TextSpec,
  type TimeSpec,
} from "~/domain/form-spec";
import { CharacterCount, Checkboxes, DateInput, Input, Radios, Textarea, type LegendSize } from "./govuk";

type LastResult = SubmissionResult<string[]> | null | undefined;

/** A field of a form, bound to its answer and its error. */
export interface BoundField<S extends FieldSpec = FieldSpec> {
  name: string;
  spec: S;
  /** The first error for the field (for a date: for the whole date). */
  error?: string;
  /** What was just typed, else what was saved. */
  value?: string;
  values: string[];
  /** Dates: each part's answer, and the parts the server said are wrong. */
  parts: Partial<Record<DatePart, string>>;
  partsInError: DatePart[];
}

export type BoundFields<F extends FieldSpecs> = { [K in keyof F]: BoundField<F[K]> };

const DATE_PARTS: DatePart[] = ["day", "month", "year"];

/**
 * conform's form state for a specification: typed fields and the error summary's items, from
 * the loader's saved answers and the last failed result (validation happens on the server).
 */
export function useFormKit<F extends FieldSpecs>(form: FormSpec<F>, lastResult: LastResult, defaultValue?: unknown) {
  const [state, meta] = useForm<Record<string, unknown>>({
    id: "form-kit",
    lastResult,
    defaultValue: (defaultValue ?? undefined) as DefaultValue<Record<string, unknown>>,
    shouldValidate: "onSubmit",
  });
  // conform keeps the last errors it was given until it is given new ones: after a failed save
  // and then a good one on the same page (settings, an account, a search showing its results), both "There is a problem" and the
  // notice would show. Errors come only from the server, so without a failed result there are none.
  const errors = (lastResult?.status === "error" ? state.allErrors : {}) as Record<string, string[] | undefined>;
  const initial = (name: string) => (meta as Record<string, { initialValue?: unknown }>)[name]?.initialValue;
  const text = (name: string) => {
    const v = initial(name);
    return typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined;
  };
  const bind = (name: string): BoundField => {
    const spec = form.fields[name];
    const v = initial(name);
    return {
      name,
      spec,
      error: errors[name]?.[0],
      value: text(name),
      values: Array.isArray(v) ? (v as string[]) : typeof v === "string" ? [v] : [],
      parts: spec.kind === "date" ? Object.fromEntries(DATE_PARTS.map((p) => [p, text(partName(name, p))])) : {},
      partsInError: spec.kind === "date" ? DATE_PARTS.filter((p) => errors[partName(name, p)]?.length) : [],
    };
  };
  const fields = Object.fromEntries(form.order.map((name) => [name, bind(name)])) as BoundFields<F>;
  return {
    form: state,
    fields,
    /** Error summary items in page order, each linking to its question. */
    errors: errorSummaryItems(form, errors),
    /** An error about the whole form (e.g. from the state machine). */
    formError: errors.form?.[0],
  };
}

interface TextProps {
  field: BoundField<TextSpec | TimeSpec | IntegerSpec>;
  className?: string;
  autoComplete?: string;
  spellCheck?: boolean;
  inputMode?: HTMLAttributes<HTMLInputElement>["inputMode"];
  type?: "text" | "email" | "tel";
  labelIsPageHeading?: boolean;
  /** Leaves the box empty even after a failed submit (security codes). */
  noValue?: boolean;
}

export function TextField({ field, className, noValue, inputMode, type, ...rest }: TextProps) {
  const { spec } = field;
  const width = spec.kind === "time" ? "govuk-input--width-5" : spec.kind === "integer" ? "govuk-input--width-3" : undefined;
  // A password or code is never written back into the page.
  const secret = spec.kind === "text" ? spec.secret : undefined;
  return (
    <Input id={field.name} name={field.name} label={spec.label} hint={spec.hint} error={field.error}
      defaultValue={noValue || secret ? undefined : field.value} className={className ?? width}
      type={secret === "password" ? "password" : type}
      inputMode={inputMode ?? (spec.kind === "integer" ? "numeric" : undefined)} {...rest} />
  );
}

export function TextareaField({ field, rows = 4, labelIsPageHeading }: { field: BoundField<TextSpec>; rows?: number; labelIsPageHeading?: boolean }) {
  const { spec } = field;
  return (
    <Textarea id={field.name} name={field.name} label={spec.label} hint={spec.hint} rows={rows}
      labelIsPageHeading={labelIsPageHeading} error={field.error} defaultValue={field.value} />
  );
}

/** A long answer with GOV.UK's character count, its limit taken from the specification. */
export function CharacterCountField({ field, rows = 10, labelIsPageHeading }: { field: BoundField<TextSpec>; rows?: number; labelIsPageHeading?: boolean }) {
  const { spec } = field;
  return (
    <CharacterCount id={field.name} name={field.name} label={spec.label} hint={spec.hint} rows={rows} maxLength={spec.max}
      labelIsPageHeading={labelIsPageHeading} error={field.error} defaultValue={field.value} />
  );
}

interface ChoiceProps<S extends RadiosSpec | CheckboxesSpec> {
  field: BoundField<S>;
  legendSize?: LegendSize;
  legendIsPageHeading?: boolean;
  small?: boolean;
  /** Questions revealed under an option, by the option's value. */
  conditional?: Partial<Record<keyof S["options"] & string, ReactNode>>;
  /** A hint under an option, by the option's value. */
  itemHints?: Partial<Record<keyof S["options"] & string, ReactNode>>;
}

function items<S extends RadiosSpec | CheckboxesSpec>({ field, conditional, itemHints }: ChoiceProps<S>) {
  const spec = field.spec;
  const c = conditional as Record<string, ReactNode> | undefined;
  const h = itemHints as Record<string, ReactNode> | undefined;
  return Object.entries(spec.options).map(([value, text]) => ({
    value,
    text,
    hint: h?.[value],
    conditional: c?.[value],
    exclusive: spec.kind === "checkboxes" && spec.exclusive === value,
  }));
}

export function RadiosField<S extends RadiosSpec>(props: ChoiceProps<S> & { inline?: boolean }) {
  const { field, legendSize = "s", legendIsPageHeading, small, inline } = props;
  return (
    <Radios name={field.name} legend={field.spec.label} legendSize={legendIsPageHeading ? undefined : legendSize}
      legendIsPageHeading={legendIsPageHeading} hint={field.spec.hint} error={field.error}
      defaultValue={field.value} inline={inline} small={small} items={items(props)} />
  );
}

export function CheckboxesField<S extends CheckboxesSpec>(props: ChoiceProps<S>) {
  const { field, legendSize = "s", legendIsPageHeading, small } = props;
  return (
    <Checkboxes name={field.name} idPrefix={field.name} legend={field.spec.label}
      legendSize={legendIsPageHeading ? undefined : legendSize} legendIsPageHeading={legendIsPageHeading}
      hint={field.spec.hint} error={field.error} defaultValue={field.values} small={small} items={items(props)} />
  );
}

export function DateField({ field, legendSize, autoComplete, legendIsPageHeading }: {
  field: BoundField<DateSpec>;
  legendSize?: LegendSize;
  legendIsPageHeading?: boolean;
  autoComplete?: "bday";
}) {
  const name = field.name;
  return (
    <DateInput idPrefix={name} legend={field.spec.label} legendSize={legendSize} legendIsPageHeading={legendIsPageHeading}
      hint={field.spec.hint} autoComplete={autoComplete}
      names={{ day: partName(name, "day"), month: partName(name, "month"), year: partName(name, "year") }}
      values={field.parts} error={field.error}
      errorParts={field.partsInError.length ? field.partsInError : undefined} />
  );
}

type AnyFieldProps = {
  field: BoundField;
  legendSize?: LegendSize;
  inline?: boolean;
  small?: boolean;
  rows?: number;
  className?: string;
  autoComplete?: string;
  spellCheck?: boolean;
};

/** Any question with its default GOV.UK component: the one-line placement for a new question. */
export function Field({ field, legendSize, inline, small, rows, className, autoComplete, spellCheck }: AnyFieldProps) {
  const spec = field.spec;
  switch (spec.kind) {
    case "text":
    case "time":
    case "integer":
      return <TextField field={field as BoundField<typeof spec>} className={className} autoComplete={autoComplete} spellCheck={spellCheck} />;
    case "textarea":
      return <TextareaField field={field as BoundField<TextSpec>} rows={rows} />;
    case "radios":
      return <RadiosField field={field as BoundField<RadiosSpec>} legendSize={legendSize} inline={inline} small={small} />;
    case "checkboxes":
      return <CheckboxesField field={field as BoundField<CheckboxesSpec>} legendSize={legendSize} small={small} />;
    case "date":
      return <DateField field={field as BoundField<DateSpec>} legendSize={legendSize} autoComplete={autoComplete === "bday" ? "bday" : undefined} />;
  }
}
