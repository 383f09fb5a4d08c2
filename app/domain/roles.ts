export const ROLE_NAMES = {
  reviewer: "Reviewer (public protection officer)",
  manager: "Manager (public protection manager)",
  admin: "Administrator",
} as const;

export type Role = keyof typeof ROLE_NAMES;
export const ROLES = Object.keys(ROLE_NAMES) as Role[];

export function hasAnyRole(held: readonly string[], needed: readonly Role[]): boolean {
  return needed.some((role) => held.includes(role));
}
