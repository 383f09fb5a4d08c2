import type { ReactNode } from "react";

type Token = string | false | null | undefined;

/** Joins the truthy class names with single spaces. */
export function cx(...names: Token[]): string {
  return names.filter(Boolean).join(" ");
}

/** Builds an aria-describedby value, or undefined so React omits the attribute. */
export function describedBy(...ids: Token[]): string | undefined {
  return cx(...ids) || undefined;
}

/** True when a slot such as a hint or error has something to render. */
export function hasContent(node: ReactNode): boolean {
  return node !== undefined && node !== null && node !== false && node !== "";
}
