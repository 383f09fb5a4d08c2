import { z } from "zod";
import { choices, requiredText } from "./fields";

/** The field of the per-session form token every staff form carries (checked by the guard). */
export const CSRF_FIELD = "csrf";

export const staffRolesField = () => choices(["reviewer", "manager", "admin"], "Select at least one role");

export const newStaffSchema = () =>
  z.object({
    displayName: requiredText(100, "Enter the person's full name", "Full name"),
    email: requiredText(254, "Enter the person's work email address", "Email address").refine(
      (v) => z.string().email().safeParse(v).success,
      "Enter an email address in the correct format, like name@force.police.uk",
    ),
    roles: staffRolesField(),
  });
