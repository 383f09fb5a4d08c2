// What of a failed form is kept to show it again: only the fields the form's schema has, each
// cut to that field's own maximum. Never the raw body (which could be anything up to the
// server's body limit, under any field names).
import { z } from "zod";

export type FieldLimit =
  | { kind: "text"; max: number }
  | { kind: "list"; of: FieldLimit; maxItems: number }
  | { kind: "object"; fields: Record<string, FieldLimit> };

/** For a field whose schema states no maximum (numbers, dates, free-form unknowns). */
const DEFAULT_TEXT_MAX = 1_000;
const DEFAULT_LIST_MAX = 50;
/** Without a schema (a result built by hand): this many short values at most. */
const LOOSE_FIELDS = 20;
const LOOSE_MAX = 254;

const text = (max: number): FieldLimit => ({ kind: "text", max });

/** The fields of a zod schema and each one's maximum length, read from the schema itself. */
export function fieldLimits(schema: z.ZodTypeAny): FieldLimit {
  const def = schema._def as Record<string, unknown> & { typeName?: string };
  switch (def.typeName) {
    case z.ZodFirstPartyTypeKind.ZodObject: {
      const shape = (schema as z.AnyZodObject).shape as Record<string, z.ZodTypeAny>;
      return { kind: "object", fields: Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, fieldLimits(v)])) };
    }
    case z.ZodFirstPartyTypeKind.ZodString: {
      const max = (schema as z.ZodString).maxLength;
      return text(max ?? DEFAULT_TEXT_MAX);
    }
    case z.ZodFirstPartyTypeKind.ZodEnum:
      return text(Math.max(...(schema as z.ZodEnum<[string, ...string[]]>).options.map((o) => o.length)));
    case z.ZodFirstPartyTypeKind.ZodLiteral:
      return text(String((schema as z.ZodLiteral<unknown>).value).length);
    case z.ZodFirstPartyTypeKind.ZodArray: {
      const array = schema as z.ZodArray<z.ZodTypeAny>;
      return { kind: "list", of: fieldLimits(array.element), maxItems: array._def.maxLength?.value ?? DEFAULT_LIST_MAX };
    }
    case z.ZodFirstPartyTypeKind.ZodEffects:
      return fieldLimits(def.schema as z.ZodTypeAny);
    case z.ZodFirstPartyTypeKind.ZodPipeline:
      return tighter(fieldLimits(def.in as z.ZodTypeAny), fieldLimits(def.out as z.ZodTypeAny));
    case z.ZodFirstPartyTypeKind.ZodOptional:
    case z.ZodFirstPartyTypeKind.ZodNullable:
    case z.ZodFirstPartyTypeKind.ZodDefault:
    case z.ZodFirstPartyTypeKind.ZodCatch:
    case z.ZodFirstPartyTypeKind.ZodReadonly:
      return fieldLimits(def.innerType as z.ZodTypeAny);
    case z.ZodFirstPartyTypeKind.ZodBranded:
      return fieldLimits(def.type as z.ZodTypeAny);
    case z.ZodFirstPartyTypeKind.ZodUnion:
    case z.ZodFirstPartyTypeKind.ZodDiscriminatedUnion:
      return (def.options as z.ZodTypeAny[]).map(fieldLimits).reduce(wider);
    case z.ZodFirstPartyTypeKind.ZodIntersection:
      return wider(fieldLimits(def.left as z.ZodTypeAny), fieldLimits(def.right as z.ZodTypeAny));
    default:
      return text(DEFAULT_TEXT_MAX);
  }
}

/** Both must hold (a pipeline's input and output): the smaller maximum wins. */
function tighter(a: FieldLimit, b: FieldLimit): FieldLimit {
  if (a.kind === "text" && b.kind === "text") return text(Math.min(a.max, b.max));
  if (a.kind === "text" && a.max === DEFAULT_TEXT_MAX) return b;
  if (b.kind === "text" && b.max === DEFAULT_TEXT_MAX) return a;
  return b;
}

/** Either may apply (union options): every field of both, the larger maximum. */
function wider(a: FieldLimit, b: FieldLimit): FieldLimit {
  if (a.kind === "object" && b.kind === "object") {
    const fields = { ...a.fields };
    for (const [k, v] of Object.entries(b.fields)) fields[k] = fields[k] ? wider(fields[k]!, v) : v;
    return { kind: "object", fields };
  }
  if (a.kind === "text" && b.kind === "text") return text(Math.max(a.max, b.max));
  if (a.kind === "list" && b.kind === "list") return { kind: "list", of: wider(a.of, b.of), maxItems: Math.max(a.maxItems, b.maxItems) };
  return a.kind === "object" ? a : b;
}

/** The part of `value` the form has, each text cut to its field's maximum; anything else dropped. */
export function keepFormFields(value: unknown, limit: FieldLimit): unknown {
  switch (limit.kind) {
    case "text":
      return typeof value === "string" ? value.slice(0, limit.max) : undefined;
    case "list": {
      const items = Array.isArray(value) ? value : value === undefined ? [] : [value];
      const kept = items.slice(0, limit.maxItems).map((item) => keepFormFields(item, limit.of)).filter((v) => v !== undefined);
      return kept.length > 0 ? kept : undefined;
    }
    case "object": {
      if (!value || typeof value !== "object" || Array.isArray(value)) return undefined;
      const out: Record<string, unknown> = {};
      for (const [key, fieldLimit] of Object.entries(limit.fields)) {
        if (!Object.hasOwn(value, key)) continue;
        const kept = keepFormFields((value as Record<string, unknown>)[key], fieldLimit);
        if (kept !== undefined) out[key] = kept;
      }
      return out;
    }
  }
}

/** For a result built by hand without a schema: a few short top-level values. */
export function keepLooseFields(value: unknown): Record<string, unknown> {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value).slice(0, LOOSE_FIELDS)) {
    if (key.length <= 64 && typeof v === "string") out[key] = v.slice(0, LOOSE_MAX);
  }
  return out;
}
