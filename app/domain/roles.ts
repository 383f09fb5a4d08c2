export const ROLE_NAMES = {
  reviewer: "Reviewer (public protection officer)",
  manager: "Manager (public protection manager)",
  admin: "Administrator",
} as const;

export type Role = keyof typeof ROLE_NAMES;
export const ROLES = Object.keys(ROLE_NAMES) as Role[];

// The role groups, named once: route guards, the staff navigation and the state machine use these.
/** Work cases: triage, checks, assessment, delivery, retention proposals. */
export const CASEWORKERS: readonly Role[] = ["reviewer", "manager"];
/** Decide, assign, extend and approve erasures. */
export const MANAGERS: readonly Role[] = ["manager"];
/** Take cases from the queue. */
export const REVIEWERS: readonly Role[] = ["reviewer"];
/** Oversight: statistics, the access log and their exports. */
export const OVERSIGHT: readonly Role[] = ["manager", "admin"];
/** Staff accounts and settings. */
export const ADMINS: readonly Role[] = ["admin"];

export function hasAnyRole(held: readonly string[], needed: readonly Role[]): boolean {
  return needed.some((role) => held.includes(role));
}
