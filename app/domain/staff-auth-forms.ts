// The questions of signing in and of a staff member's own password, declared once (ADR 016).
// Passwords reach the server exactly as typed and codes only trimmed (`secret`); neither is ever
// kept after a failed submit nor shown again. Lengths are generous: the password rules themselves
// (at most 256 characters, app/domain/passwords.ts) are checked by the account service.
import { defineForm } from "./form-spec";

/** Long enough for any password the rules allow and any a password manager makes; the rest is refused. */
const PASSWORD_MAX = 1024;

/** What every password question shares: kept exactly as typed, never shown again, never summarised. */
const PASSWORD = { kind: "text", max: PASSWORD_MAX, secret: "password", summary: false } as const;

export const signInForm = defineForm({
  email: {
    kind: "text",
    label: "Email address",
    max: 254,
    required: "Enter your email address",
    noun: "Your email address",
    tooLong: "Enter your email address",
    summary: false,
  },
  password: {
    ...PASSWORD,
    label: "Password",
    required: "Enter your password",
    noun: "Your password",
    tooLong: "Enter your password",
  },
});

const CODE_MISSING = "Enter the 6-digit code from your authenticator app";

/** The second step of signing in: the authenticator app's code, or one of the recovery codes. */
export const secondFactorForm = defineForm(
  {
    code: {
      kind: "text",
      label: "Code from your authenticator app",
      hint: "The 6-digit code shown in the app now",
      max: 20,
      noun: "The code",
      tooLong: CODE_MISSING,
      secret: "code",
      summary: false,
    },
    recoveryCode: {
      kind: "text",
      label: "Recovery code",
      hint: "One of the 10 codes you saved when you set up your account. Each works once.",
      max: 40,
      noun: "The recovery code",
      tooLong: "Enter a recovery code",
      secret: "code",
      summary: false,
    },
  },
  (v, ctx) => {
    if (!v.code && !v.recoveryCode) ctx.issue("code", CODE_MISSING);
  },
);

/** Account set-up from the emailed link: the first password, typed twice. */
export const setupForm = defineForm(
  {
    password: {
      ...PASSWORD,
      label: "Create a password",
      hint: "Use at least 15 characters. A few unrelated words make a strong password that is easy to remember. Avoid common passwords and your own name.",
      required: "Enter a password",
      noun: "Password",
      tooLong: "Password must be 256 characters or fewer",
    },
    confirm: {
      ...PASSWORD,
      label: "Enter the password again",
      required: "Enter the password again",
      noun: "Password",
      tooLong: "Enter the password again",
    },
  },
  (v, ctx) => {
    if (v.password !== undefined && v.confirm !== undefined && v.password !== v.confirm) ctx.issue("confirm", "The passwords do not match");
  },
);

/** Changing one's own password: the current one, and the new one typed twice. */
export const changePasswordForm = defineForm(
  {
    currentPassword: {
      ...PASSWORD,
      label: "Current password",
      required: "Enter your current password",
      noun: "Password",
      tooLong: "Enter your current password",
    },
    newPassword: {
      ...PASSWORD,
      label: "New password",
      hint: "At least 15 characters. Changing it signs you out everywhere else.",
      required: "Enter a new password",
      noun: "Password",
      tooLong: "Password must be 256 characters or fewer",
    },
    confirm: {
      ...PASSWORD,
      label: "Enter the new password again",
      required: "Enter the new password again",
      noun: "Password",
      tooLong: "Enter the new password again",
    },
  },
  (v, ctx) => {
    if (v.newPassword !== undefined && v.confirm !== undefined && v.newPassword !== v.confirm) {
      ctx.issue("confirm", "The new passwords do not match");
    }
  },
);
