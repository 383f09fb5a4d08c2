import { z } from "zod";
import { defineForm, type CheckboxesSpec } from "./form-spec";
import { ROLE_NAMES } from "./roles";

/** The field of the per-session form token every staff form carries (checked by the guard). */
export const CSRF_FIELD = "csrf";

/** Completing second-factor set-up: the first code the authenticator app shows. */
export const enrolForm = defineForm({
  code: {
    kind: "text",
    label: "Code from your authenticator app",
    max: 20,
    required: "Enter the 6-digit code from your authenticator app",
    noun: "The code",
    summary: false,
  },
});

/** A staff member's roles: the same question when adding a person and on their account page. */
const rolesField = {
  kind: "checkboxes",
  label: "Roles",
  options: ROLE_NAMES,
  required: "Select at least one role",
} as const satisfies CheckboxesSpec;

/** Changing the roles of an existing account. */
export const staffRolesForm = defineForm({ roles: rolesField });

/** The hint under the email question: the force's work domains, when it has set them. */
export function workEmailHint(workDomains: readonly string[]): string {
  return workDomains.length ? `An address ending in ${workDomains.map((d) => `@${d}`).join(" or ")}` : "Not a personal address such as @gmail.com";
}

/** Adding a member of staff. `workDomains` (a setting) only words the email hint; the service checks the domain. */
export const newStaffForm = (workDomains: readonly string[] = []) =>
  defineForm({
    displayName: { kind: "text", label: "Full name", max: 100, required: "Enter the person's full name", noun: "Full name" },
    email: {
      kind: "text",
      label: "Work email address",
      hint: workEmailHint(workDomains),
      max: 254,
      required: "Enter the person's work email address",
      noun: "Email address",
      format: {
        test: (v) => z.string().email().safeParse(v).success,
        message: "Enter an email address in the correct format, like name@force.police.uk",
      },
    },
    roles: { ...rolesField, hint: "Select all that apply" },
  });

/** Free personal email services: never a work address, whatever the settings say. */
export const PERSONAL_EMAIL_DOMAINS = [
  "aol.co.uk", "aol.com", "btinternet.com", "gmail.com", "gmx.co.uk", "gmx.com", "googlemail.com", "hotmail.co.uk",
  "hotmail.com", "icloud.com", "live.co.uk", "live.com", "mac.com", "mail.com", "me.com", "msn.com", "outlook.com",
  "pm.me", "proton.me", "protonmail.com", "sky.com", "talktalk.net", "tutanota.com", "virginmedia.com", "yahoo.co.uk",
  "yahoo.com", "yandex.com", "ymail.com", "zoho.com",
] as const;

const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

const domainOf = (email: string) => email.trim().toLowerCase().split("@").pop() ?? "";
const within = (domain: string, allowed: string) => domain === allowed || domain.endsWith(`.${allowed}`);

/**
 * Why an address cannot be a staff member's work email, or null when it can. With work domains
 * set, only those domains (and their subdomains) are allowed; personal email services never are.
 */
export function workEmailProblem(email: string, workDomains: readonly string[]): string | null {
  const domain = domainOf(email);
  if (workDomains.length > 0) {
    if (workDomains.some((d) => within(domain, d))) return null;
    const list = workDomains.map((d) => `@${d}`);
    const ending = list.length === 1 ? list[0] : `${list.slice(0, -1).join(", ")} or ${list.at(-1)}`;
    return `Enter a work email address ending in ${ending}`;
  }
  if (PERSONAL_EMAIL_DOMAINS.some((d) => within(domain, d))) {
    return `Enter a work email address: @${domain} is a personal email service`;
  }
  return null;
}

/** The work email domains typed in the settings: one per line ("@" allowed and dropped), lower-cased, no repeats. */
export function workDomainsOf(text: string | undefined): string[] {
  return [...new Set((text ?? "").split(/[\r\n,]+/).map((l) => l.trim().toLowerCase().replace(/^@/, "")).filter(Boolean))];
}

/** Why a list of work email domains cannot be saved, or null when it can. */
export function workDomainsProblem(domains: readonly string[]): string | null {
  if (domains.some((d) => !DOMAIN.test(d))) return "Enter each work email domain like force.police.uk, one per line";
  if (domains.length > 20) return "Enter 20 work email domains or fewer";
  if (domains.some((d) => PERSONAL_EMAIL_DOMAINS.some((p) => within(d, p)))) return "A personal email service cannot be a work email domain";
  return null;
}

/**
 * Deactivating an account asks no question: its button sends `confirm=yes`. Without it (a forged
 * or broken post) the page says so about the whole form, as there is no input to link to.
 */
export const deactivateForm = defineForm({
  confirm: {
    kind: "radios",
    label: "Deactivate this account",
    options: { yes: "Yes, deactivate this account" },
    required: "Confirm that you want to deactivate this account",
    summary: false,
  },
});
