// Field specifications: each form declares its questions once (name, label, hint, kind, options
// with their labels, maximum length, messages). From one specification come the zod schema, the
// error summary in page order, the record a case stage stores, and the read-only summary rows
// with human values. The React side (app/components/form-kit.tsx) renders GOV.UK components from it.
//
// Pure: no HTTP, no database, no React.
import { z } from "zod";
import { isoFromParts, parseDateParts, type DatePart } from "./dates";
import { formatDateTime, formatIsoDate, parseTime, toIsoDate, ukDateTime } from "./time";
import { optionalText, requiredText, type Kept } from "./fields";

export const NOT_GIVEN = "Not given";

export type Options = Readonly<Record<string, string>>;

type Values = Record<string, unknown>;

/** How a field appears in a read-only summary (check answers, the case page, the decision page). */
export type SummarySpec =
  | false
  | {
      /** The row's key, when it differs from the question. */
      label?: string;
      /** Shown when there is no answer; "Not given" unless said otherwise. */
      ifEmpty?: string;
      /** Rows with the same `group` are joined into one row (e.g. an address). */
      group?: string;
      /** A whole row worked out from all the answers (e.g. "date of birth or age"). */
      value?: (values: Values) => string;
      /** Only shown when this holds (e.g. the email row only when email was chosen). */
      when?: (values: Values) => boolean;
    };

interface Common {
  /** The question as the page asks it. */
  label: string;
  hint?: string;
  summary?: SummarySpec;
  /** The key of this answer in a stored record, when it differs from the field's name. */
  recordKey?: string;
}

export interface TextSpec extends Common {
  kind: "text" | "textarea";
  max: number;
  /** The message when it is missing; without it the question is optional. */
  required?: string;
  /** How a length error names it: "Your full name must be 100 characters or fewer". */
  noun: string;
  /** The whole message for an answer over `max`, where the noun's does not fit ("Enter your password"). */
  tooLong?: string;
  /**
   * A password or a security code. Never shown again (the box is empty after a failed submit) and
   * never kept: a route hides `secretFields(form)` from the result it stores. A "password" reaches
   * the server exactly as typed (not trimmed, nothing removed); a "code" has only the spaces at its
   * ends trimmed.
   */
  secret?: "password" | "code";
  /** An extra check on a non-empty answer, e.g. a postcode pattern. */
  format?: { test: (value: string) => boolean; message: string };
  /** How the answer is shown in a summary (e.g. postcode in capitals). */
  display?: (value: string) => string;
}

export interface RadiosSpec extends Common {
  kind: "radios";
  options: Options;
  /** The message when nothing is selected; without it the question is optional. */
  required?: string;
  /** The message for a value that is not one of the options (a forged post); else `required`. */
  invalid?: string;
}

export interface CheckboxesSpec extends Common {
  kind: "checkboxes";
  options: Options;
  /** The message when nothing is ticked; without it the question is optional (an empty list). */
  required?: string;
  /** The "none of these" option that unticks the others. */
  exclusive?: string;
}

export interface DateSpec extends Common {
  kind: "date";
  /** How errors name the date, in sentence case: "The date of the check". */
  errorLabel: string;
  /** Checked only when this holds (e.g. only when "I know their date of birth" is chosen). */
  when?: (values: Values) => boolean;
  /** The name of the time field that goes with this date: the record keeps one instant. */
  withTime?: string;
}

export interface TimeSpec extends Common {
  kind: "time";
  /** "the time of the check" → "Enter the time of the check as a time, like 14:30 or 2:30pm". */
  errorLabel: string;
}

export interface IntegerSpec extends Common {
  kind: "integer";
  min: number;
  max: number;
  messages: { required: string; invalid: string; min: string; max: string };
}

export type FieldSpec = TextSpec | RadiosSpec | CheckboxesSpec | DateSpec | TimeSpec | IntegerSpec;
export type FieldSpecs = Record<string, FieldSpec>;

type Keys<O> = keyof O & string;

/** The value a field has after validation. */
export type ValueOf<S> = S extends { kind: "text" | "textarea"; required: string }
  ? string
  : S extends { kind: "text" | "textarea" | "time" }
    ? string | undefined
    : S extends { kind: "radios"; options: infer O; required: string }
      ? Keys<O>
      : S extends { kind: "radios"; options: infer O }
        ? Keys<O> | undefined
        : S extends { kind: "checkboxes"; options: infer O }
          ? Keys<O>[]
          : S extends { kind: "integer" }
            ? number
            : never;

type DateKeys<F> = { [K in keyof F]: F[K] extends { kind: "date" } ? K & string : never }[keyof F];

/** A form's validated values: one key per field, and day/month/year keys for each date. */
export type FormValues<F extends FieldSpecs> = {
  -readonly [K in keyof F as F[K] extends { kind: "date" } ? never : K]: ValueOf<F[K]>;
} & { [K in DateKeys<F> as `${K}Day` | `${K}Month` | `${K}Year`]?: string };

export interface RuleContext<F extends FieldSpecs> {
  /**
   * Adds an error to a field (shown next to it and in the summary). On a date, a rule's error is
   * about the whole date (a real date that is still wrong, like a "child" aged 25): all its parts.
   */
  issue(field: keyof F & string, message: string): void;
  /**
   * Whether anything was given for a field, even an answer that failed its own checks (and so is
   * missing from `values`): "give at least one of these" must not add to an answer's own error.
   */
  answered(field: keyof F & string): boolean;
  /** The app clock's date, for forms that ask for a date (undefined otherwise). */
  today?: Date;
}

/** Rules across fields ("required if …"). They see every answer that is valid on its own. */
export type Rules<F extends FieldSpecs> = (values: Partial<FormValues<F>>, ctx: RuleContext<F>) => void;

export interface FormSpec<F extends FieldSpecs = FieldSpecs> {
  fields: F;
  /** Field names in page order. */
  order: Array<keyof F & string>;
  rules?: Rules<F>;
  /**
   * The zod schema. `today` is the app clock's date (a date answer must not be in the future);
   * a form without dates does not need it.
   */
  schema(today?: Date): z.ZodType<FormValues<F>, z.ZodTypeDef, unknown>;
}

/** Any form, for code that reads a specification without knowing its fields. */
export type AnyForm = { fields: FieldSpecs; order: readonly string[] };

export function defineForm<const F extends FieldSpecs>(fields: F, rules?: Rules<F>): FormSpec<F> {
  return {
    fields,
    order: Object.keys(fields) as Array<keyof F & string>,
    rules,
    schema: (today) => {
      const hasDates = Object.values(fields).some((spec) => spec.kind === "date");
      if (hasDates && !today) throw new Error("This form asks for a date: pass the app clock's today to schema()");
      return buildSchema(fields, rules, today);
    },
  };
}

const keptOf = (spec: TextSpec): Kept => (spec.secret === "password" ? "exact" : spec.secret === "code" ? "trimmed" : "cleaned");

/** The passwords and codes of a form: hidden from a failed result, so never kept or shown again. */
export function secretFields(form: AnyForm): string[] {
  return form.order.filter((name) => {
    const spec = form.fields[name];
    return (spec?.kind === "text" || spec?.kind === "textarea") && Boolean(spec.secret);
  });
}

const keysOf = (options: Options) => Object.keys(options) as [string, ...string[]];

/** The strict schema of one field (its own checks only). Dates contribute their three parts. */
function fieldShape(name: string, spec: FieldSpec): Record<string, z.ZodTypeAny> {
  switch (spec.kind) {
    case "text":
    case "textarea": {
      const options = { kept: keptOf(spec), tooLong: spec.tooLong };
      const base = spec.required ? requiredText(spec.max, spec.required, spec.noun, options) : optionalText(spec.max, spec.noun, options);
      const format = spec.format;
      return { [name]: format ? base.refine((v) => !v || format.test(v), format.message) : base };
    }
    case "radios": {
      const values = keysOf(spec.options);
      const invalid = spec.invalid ?? spec.required ?? "Select one of the options";
      const one = z.string({ required_error: spec.required, invalid_type_error: invalid }).refine((v) => values.includes(v), invalid);
      return { [name]: spec.required ? one : one.optional() };
    }
    case "checkboxes": {
      const values = keysOf(spec.options);
      if (!spec.required) {
        const invalid = "Select only options from the list";
        return {
          [name]: z
            .array(z.string(), { invalid_type_error: invalid })
            .optional()
            .refine((list) => !list || list.every((v) => values.includes(v)), invalid)
            .transform((list) => [...new Set(list ?? [])]),
        };
      }
      // Checked at the array level so the error belongs to the whole group, not to item [0].
      return {
        [name]: z
          .array(z.string(), { required_error: spec.required, invalid_type_error: spec.required })
          .min(1, spec.required)
          .refine((list) => list.every((v) => values.includes(v)), spec.required)
          .transform((list) => [...new Set(list)]),
      };
    }
    case "date":
      return {
        [`${name}Day`]: optionalText(10, "Day"),
        [`${name}Month`]: optionalText(20, "Month"),
        [`${name}Year`]: optionalText(10, "Year"),
      };
    case "time":
      return { [name]: optionalText(10, "Time") };
    case "integer":
      return {
        [name]: z.coerce
          .number({ invalid_type_error: spec.messages.invalid, required_error: spec.messages.required })
          .int(spec.messages.invalid)
          .min(spec.min, spec.messages.min)
          .max(spec.max, spec.messages.max),
      };
  }
}

const WRONG = Symbol("an answer that failed its own checks");

/** `today` is present whenever the form has a date (checked by `schema`). */
function buildSchema<F extends FieldSpecs>(fields: F, rules: Rules<F> | undefined, today: Date | undefined) {
  const shape: Record<string, z.ZodTypeAny> = {};
  for (const [name, spec] of Object.entries(fields)) Object.assign(shape, fieldShape(name, spec));
  // The same fields again, but a bad answer becomes "no answer": the rules and date checks then
  // always run, so every error on the page is shown at once (GOV.UK), not only the first kind.
  // A bad answer is caught as WRONG (then read as "no answer"), so a rule can still tell it was given.
  const lenient = Object.fromEntries(Object.entries(shape).map(([k, s]) => [k, s.optional().catch(WRONG)]));
  const checked = z.object(lenient).superRefine((caught, ctx) => {
    const values: Values = Object.fromEntries(Object.entries(caught).map(([k, v]) => [k, v === WRONG ? undefined : v]));
    const given = (v: unknown) => v !== undefined && v !== null && v !== "" && !(Array.isArray(v) && v.length === 0);
    const answered = (field: string) =>
      fields[field]?.kind === "date"
        ? (["day", "month", "year"] as const).some((part) => given(caught[partName(field, part)]))
        : given(caught[field]);
    const issue = (path: string, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
    for (const [name, spec] of Object.entries(fields)) {
      if (spec.kind === "date" && (!spec.when || spec.when(values))) {
        const parts = datePartsOf(values, name);
        const result = parseDateParts(parts, spec.errorLabel, today!);
        if (!result.ok) {
          issue(name, result.message);
          // The server names the inputs that are wrong: the page highlights exactly these.
          for (const part of result.parts) issue(partName(name, part), result.message);
        }
      } else if (spec.kind === "time" && parseTime(values[name] as string | undefined) === null) {
        issue(name, `Enter ${spec.errorLabel} as a time, like 14:30 or 2:30pm`);
      }
    }
    const ruleIssue = (field: string, message: string) => {
      issue(field, message);
      if (fields[field]?.kind === "date") for (const part of ["day", "month", "year"] as const) issue(partName(field, part), message);
    };
    rules?.(values as Partial<FormValues<F>>, { issue: ruleIssue, answered, today });
  });
  // The lenient side only reports issues: its values (a bad answer read as "no answer") must not
  // be merged with the strict side's, or zod reports "Intersection results could not be merged".
  const issuesOnly = checked.transform(() => ({}));
  return z.intersection(z.object(shape), issuesOnly) as unknown as z.ZodType<FormValues<F>, z.ZodTypeDef, unknown>;
}

export const partName = (dateName: string, part: DatePart) =>
  `${dateName}${part.charAt(0).toUpperCase()}${part.slice(1)}`;

export function datePartsOf(values: Values, dateName: string) {
  const text = (v: unknown) => (typeof v === "string" ? v : undefined);
  return {
    day: text(values[partName(dateName, "day")]),
    month: text(values[partName(dateName, "month")]),
    year: text(values[partName(dateName, "year")]),
  };
}

/** The ISO date of a date field that passed validation ("2026-03-07"). */
export function isoDateOf(values: Values, dateName: string): string | undefined {
  const parts = datePartsOf(values, dateName);
  if (!parts.day || !parts.month || !parts.year) return undefined;
  const iso = isoFromParts(parts.day, parts.month, parts.year);
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso : undefined;
}

/** Where the error summary links for a field: the first input of the question. */
export function fieldHref(name: string, spec: FieldSpec): string {
  return spec.kind === "date" ? `#${name}-day` : `#${name}`;
}

/** The error summary's items: a whole-form error first, then each field's first error in page order. */
export function errorSummaryItems(
  form: AnyForm,
  errors: Record<string, string[] | undefined> | undefined,
): Array<{ text: string; href: string }> {
  const items: Array<{ text: string; href: string }> = [];
  const formError = errors?.form?.[0] ?? errors?.[""]?.[0];
  if (formError) items.push({ text: formError, href: "#main-content" });
  for (const name of form.order) {
    const text = errors?.[name]?.[0];
    if (text) items.push({ text, href: fieldHref(name, form.fields[name]) });
  }
  return items;
}

/**
 * What a case stage keeps: each answer under its record key, dates as ISO dates (or one instant
 * with their time), optional answers left out as null. New questions are kept with no extra code.
 */
export function toRecord<F extends FieldSpecs>(form: FormSpec<F>, values: FormValues<F>): Record<string, unknown> {
  const v = values as Values;
  const timesJoined = new Set(
    Object.values(form.fields).flatMap((s) => (s.kind === "date" && s.withTime ? [s.withTime] : [])),
  );
  const record: Record<string, unknown> = {};
  for (const name of form.order) {
    const spec = form.fields[name];
    if (timesJoined.has(name)) continue;
    const key = spec.recordKey ?? name;
    if (spec.kind === "date") {
      const iso = isoDateOf(v, name);
      record[key] = iso && spec.withTime ? ukDateTime(iso, v[spec.withTime] as string | undefined).toISOString() : (iso ?? null);
    } else {
      record[key] = v[name] ?? null;
    }
  }
  return record;
}

export type SummaryRow = { key: string; value: string; field: string };

/**
 * Read-only rows with human values: option labels, UK dates (Europe/London), "Not given".
 * `values` may be the form's values (check answers) or a stored record (the case page).
 */
export function summaryRows(form: AnyForm, values: Values): SummaryRow[] {
  const rows: SummaryRow[] = [];
  const groups = new Map<string, SummaryRow & { parts: string[] }>();
  for (const name of form.order) {
    const spec = form.fields[name];
    const summary = spec.summary;
    if (summary === false) continue;
    if (summary?.when && !summary.when(values)) continue;
    const label = summary?.label ?? spec.label;
    if (summary?.group) {
      const text = displayValue(spec, values, name);
      let group = groups.get(summary.group);
      if (!group) {
        group = { key: summary.group, value: "", field: name, parts: [] };
        groups.set(summary.group, group);
        rows.push(group);
      }
      if (text !== undefined) group.parts.push(text);
      group.value = group.parts.join("\n") || (summary.ifEmpty ?? NOT_GIVEN);
      continue;
    }
    const value = summary?.value ? summary.value(values) : displayValue(spec, values, name);
    rows.push({ key: label, value: value ?? summary?.ifEmpty ?? NOT_GIVEN, field: name });
  }
  return rows.map(({ key, value, field }) => ({ key, value, field }));
}

const answered = (v: unknown) => v !== undefined && v !== null && v !== "";

/** One answer as words, or undefined when there is none. */
function displayValue(spec: FieldSpec, values: Values, name: string): string | undefined {
  const raw = values[spec.recordKey ?? name] ?? values[name];
  switch (spec.kind) {
    case "text":
    case "textarea":
    case "time":
      return answered(raw) ? (spec.kind !== "time" && spec.display ? spec.display(String(raw)) : String(raw)) : undefined;
    case "integer":
      return answered(raw) ? String(raw) : undefined;
    case "radios": {
      if (!answered(raw)) return undefined;
      const key = typeof raw === "boolean" || raw === 1 || raw === 0 ? (raw === true || raw === 1 ? "yes" : "no") : String(raw);
      return spec.options[key] ?? key;
    }
    case "checkboxes": {
      const list = Array.isArray(raw) ? raw : answered(raw) ? [raw] : [];
      return list.length ? list.map((v) => spec.options[String(v)] ?? String(v)).join("\n") : undefined;
    }
    case "date":
      return describeDate(raw, values, name, Boolean(spec.withTime));
  }
}

/**
 * A stored ISO date, a stored instant (ISO or milliseconds), or a form's day/month/year parts.
 * An instant shows its time only when the question asked for one.
 */
function describeDate(raw: unknown, values: Values, name: string, withTime: boolean): string | undefined {
  const instant = typeof raw === "number" || raw instanceof Date || (typeof raw === "string" && /^\d{4}-\d{2}-\d{2}T/.test(raw));
  if (instant) return withTime ? formatDateTime(raw as string | number | Date) : formatIsoDate(toIsoDate(new Date(raw as string | number | Date)));
  if (typeof raw === "string" && /^\d{4}-\d{2}-\d{2}$/.test(raw)) return formatIsoDate(raw);
  const iso = isoDateOf(values, name);
  return iso ? formatIsoDate(iso) : undefined;
}

/** Yes/No options, the most common pair. */
export const YES_NO = { yes: "Yes", no: "No" } as const;
