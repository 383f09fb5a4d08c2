// Shared fixtures and helpers for the end-to-end tests of the public application form.
//
// - `test` is Playwright's test with a guard that aborts (and records) any request to a host
//   other than localhost, so nothing ever leaves the machine (the "Exit this page" link included).
// - `makeAnswers` builds a complete application with unique, random canary names.
// - `fillApplication` drives the journey from the start page to check answers, with or without
//   JavaScript, using role- and label-based locators.
// - `expectNoAxeViolations`, `openDb`/`db*` helpers and `waitForEmail` check accessibility,
//   the SQLite database (read-only) and the .eml files the file transport writes.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { test as base, devices, expect, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import playwrightConfig from "../../playwright.config";
import { DEMO_ACCOUNTS } from "../../app/services/demo.server";
import { currentStep, decryptSecret, totpCode } from "../../app/services/totp.server";
import { findFreePort } from "../support/smtp";

export { expect };

export const E2E_DATA_DIR = path.resolve("tests/.tmp/e2e");
export const DB_PATH = path.join(E2E_DATA_DIR, "csods.db");
export const MAIL_DIR = path.join(E2E_DATA_DIR, "mail");
export const EXIT_PAGE_URL = process.env.EXIT_PAGE_URL ?? "https://www.bbc.co.uk/weather";
export const SERVICE_NAME = "Ask the police about a person's contact with a child";
/** The public reference: 12 characters of Crockford base-32 in groups of 4. */
export const REFERENCE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

export function isLocalUrl(url: string): boolean {
  const u = new URL(url);
  if (u.protocol !== "http:" && u.protocol !== "https:" && u.protocol !== "ws:" && u.protocol !== "wss:") return true;
  return LOCAL_HOSTS.has(u.hostname);
}

type Fixtures = {
  /** Every non-local request the browser context tried to make (each was aborted). */
  externalRequests: string[];
};

export const test = base.extend<Fixtures>({
  externalRequests: [
    async ({ context }, use) => {
      const seen: string[] = [];
      await context.route(
        (url) => !isLocalUrl(url.href),
        (route) => {
          seen.push(route.request().url());
          return route.abort("blockedbyclient");
        },
      );
      await use(seen);
    },
    { auto: true },
  ],
});

// ---------------------------------------------------------------------------------------------
// Test data
// ---------------------------------------------------------------------------------------------

const LETTERS = "ABCDEFGHJKMNPQRSTVWXYZ";

/** A random run of letters: canary names never share a substring by chance. */
export function randomToken(length = 10): string {
  const bytes = crypto.randomBytes(length);
  return Array.from(bytes, (b) => LETTERS[b % LETTERS.length]).join("");
}

/** A unique name that must never appear anywhere it should not (URLs, titles, emails…). */
export function canary(role: string): string {
  return `Canary${role}${randomToken()}`;
}

export type DateParts = { day: string; month: string; year: string };

export type ChildAnswers = {
  fullName: string;
  dob?: DateParts;
  age?: string;
  gender: "Girl" | "Boy" | "Another gender" | "I do not know";
  livesWith: string;
  applicantRelationship: string;
  subjectRelationship?: string;
  parentsAware: "Yes, all of them know" | "Some of them know" | "No, none of them know" | "I do not know";
};

export type Answers = {
  childInDanger: "Yes" | "No";
  applicant: {
    fullName: string;
    dob: DateParts;
    addressLine1: string;
    town: string;
    postcode: string;
    interpreter: "Yes" | "No";
  };
  contact: {
    email?: string;
    phone?: string;
    letter?: boolean;
    leaveMessages: "Yes" | "No";
  };
  children: ChildAnswers[];
  subject: {
    fullName: string;
    age?: string;
    address?: string;
  };
  contactTypes: string[];
  contactDetails?: string;
  concern: string;
};

export function makeChild(overrides: Partial<ChildAnswers> = {}): ChildAnswers {
  return {
    fullName: canary("Child"),
    age: "7",
    gender: "Girl",
    livesWith: "With her mother",
    applicantRelationship: "Grandparent",
    parentsAware: "Yes, all of them know",
    ...overrides,
  };
}

/** A complete, valid application with fresh canary names and a unique email address. */
export function makeAnswers(overrides: Partial<Answers> = {}): Answers {
  return {
    childInDanger: "No",
    applicant: {
      fullName: canary("Applicant"),
      dob: { day: "27", month: "3", year: "1985" },
      addressLine1: "1 Test Street",
      town: "Testtown",
      postcode: "AA1 1AA",
      interpreter: "No",
    },
    contact: {
      email: `applicant.${randomToken(12).toLowerCase()}@example.com`,
      leaveMessages: "No",
    },
    children: [makeChild()],
    subject: { fullName: canary("Subject"), age: "40" },
    contactTypes: ["They visit the child's home"],
    concern: `ConcernCanary${randomToken()} They have been seen waiting outside the school.`,
    ...overrides,
  };
}

// ---------------------------------------------------------------------------------------------
// The journey
// ---------------------------------------------------------------------------------------------

export type StepName =
  | "start"
  | "danger"
  | "call-999"
  | "applicant"
  | "contact"
  | "child"
  | "children"
  | "subject"
  | "subject-contact"
  | "concern"
  | "declarations"
  | "check";

export type FillOptions = {
  /** Called on arrival at each page (before it is filled in), e.g. to run axe or record the title. */
  onPage?: (step: StepName, page: Page) => Promise<void>;
  /** Stop on arrival at this page without filling it in. Defaults to "check". */
  stopAt?: StepName;
};

export const continueButton = (page: Page) => page.getByRole("button", { name: "Continue", exact: true });

/**
 * GOV.UK Frontend's Button (data-prevent-double-click) ignores a second click within 1 second
 * of the first. With JavaScript on, a page shown again with errors is re-rendered in place, so
 * its button is the same element: wait out that second before the next click, as a person would.
 * `clickedAt` is taken after the click was dispatched (see `clickContinue`).
 */
export async function waitOutDoubleClickGuard(page: Page, clickedAt: number): Promise<void> {
  if ((await page.locator("body.js-enabled").count()) === 0) return;
  const left = clickedAt + 1_200 - Date.now();
  if (left > 0) await page.waitForTimeout(left);
}

/** Clicks Continue; returns when the click was dispatched, for `waitOutDoubleClickGuard`. */
export async function clickContinue(page: Page): Promise<number> {
  await continueButton(page).click();
  return Date.now();
}

/** Clicks Continue expecting the page to be shown again with errors; ready for the next click. */
export async function continueExpectingErrors(page: Page, messages: Array<string | RegExp>): Promise<void> {
  const url = page.url();
  const clickedAt = await clickContinue(page);
  await expect(page).toHaveURL(url);
  await expectErrorSummary(page, messages);
  await waitOutDoubleClickGuard(page, clickedAt);
}

/** A fieldset (role group) by its legend. */
export const group = (scope: Page | Locator, name: string) => scope.getByRole("group", { name, exact: true });

export async function fillDate(scope: Locator, date: DateParts): Promise<void> {
  await scope.getByLabel("Day", { exact: true }).fill(date.day);
  await scope.getByLabel("Month", { exact: true }).fill(date.month);
  await scope.getByLabel("Year", { exact: true }).fill(date.year);
}

async function arrive(page: Page, step: StepName, url: RegExp, options: FillOptions): Promise<boolean> {
  await expect(page).toHaveURL(url);
  await expect(page).not.toHaveTitle(/^Error: /);
  if (options.onPage) await options.onPage(step, page);
  return options.stopAt === step;
}

export async function fillApplicant(page: Page, a: Answers["applicant"]): Promise<void> {
  await page.getByLabel("Full name", { exact: true }).fill(a.fullName);
  await fillDate(group(page, "Date of birth"), a.dob);
  await page.getByLabel("Address line 1", { exact: true }).fill(a.addressLine1);
  await page.getByLabel("Town or city", { exact: true }).fill(a.town);
  await page.getByLabel("Postcode", { exact: true }).fill(a.postcode);
  await group(page, "Do you need an interpreter?").getByLabel(a.interpreter, { exact: true }).check();
}

export async function fillContact(page: Page, c: Answers["contact"]): Promise<void> {
  const ways = group(page, "Which ways are safe to contact you?");
  if (c.email !== undefined) {
    await ways.getByLabel("Email", { exact: true }).check();
    await page.getByLabel("Email address", { exact: true }).fill(c.email);
  }
  if (c.phone !== undefined) {
    await ways.getByLabel("Phone call or text message", { exact: true }).check();
    await page.getByLabel("Phone number", { exact: true }).fill(c.phone);
  }
  if (c.letter) await ways.getByLabel("Letter to your address", { exact: true }).check();
  await group(page, "Is it safe for us to leave you a message?").getByLabel(c.leaveMessages, { exact: true }).check();
}

export async function fillChild(page: Page, child: ChildAnswers): Promise<void> {
  await page.getByLabel("Child's full name", { exact: true }).fill(child.fullName);
  const dobKnown = group(page, "Do you know the child's date of birth?");
  if (child.dob) {
    await dobKnown.getByLabel("Yes", { exact: true }).check();
    await fillDate(group(page, "Date of birth"), child.dob);
  } else if (child.age !== undefined) {
    await dobKnown.getByLabel("No, but I know their age", { exact: true }).check();
    await page.getByLabel("Age in years", { exact: true }).fill(child.age);
  } else {
    await dobKnown.getByLabel("No, I do not know their date of birth or age", { exact: true }).check();
  }
  await group(page, "Child's gender").getByLabel(child.gender, { exact: true }).check();
  await page.getByLabel("Where does the child live, or who do they live with?").fill(child.livesWith);
  await page.getByLabel("What is your relationship to the child?").fill(child.applicantRelationship);
  if (child.subjectRelationship) {
    await page
      .getByLabel("What is the relationship between the child and the person you are worried about? (optional)")
      .fill(child.subjectRelationship);
  }
  await group(page, "Do the child's parents or carers know you are asking?")
    .getByLabel(child.parentsAware, { exact: true })
    .check();
}

export async function fillSubject(page: Page, s: Answers["subject"]): Promise<void> {
  await page.getByLabel("Their name", { exact: true }).fill(s.fullName);
  const dobKnown = group(page, "Do you know their date of birth?");
  if (s.age !== undefined) {
    await dobKnown.getByLabel("No, but I know roughly how old they are", { exact: true }).check();
    await page.getByLabel("Approximate age in years", { exact: true }).fill(s.age);
  } else {
    await dobKnown.getByLabel("No, I do not know", { exact: true }).check();
  }
  const where = group(page, "Do you know where they live?");
  if (s.address !== undefined) {
    await where.getByLabel("Yes", { exact: true }).check();
    await page.getByLabel("Their address", { exact: true }).fill(s.address);
  } else {
    await where.getByLabel("No, I do not know", { exact: true }).check();
  }
}

export async function answerAddAnother(page: Page, answer: "Yes" | "No"): Promise<void> {
  await group(page, "Do you need to add another child?").getByLabel(answer, { exact: true }).check();
  await continueButton(page).click();
}

/**
 * Goes from the start page to check answers (or `stopAt`), answering every question.
 * Works with JavaScript on or off.
 */
export async function fillApplication(page: Page, answers: Answers, options: FillOptions = {}): Promise<void> {
  await page.goto("/");
  if (await arrive(page, "start", /\/$/, options)) return;
  await page.getByRole("button", { name: "Start now" }).click();

  if (await arrive(page, "danger", /\/apply\/danger$/, options)) return;
  await group(page, "Is a child in danger now?").getByLabel(answers.childInDanger, { exact: true }).check();
  await continueButton(page).click();

  if (answers.childInDanger === "Yes") {
    if (await arrive(page, "call-999", /\/apply\/call-999$/, options)) return;
    await page.getByRole("button", { name: "Continue with the application" }).click();
  }

  if (await arrive(page, "applicant", /\/apply\/applicant$/, options)) return;
  await fillApplicant(page, answers.applicant);
  await continueButton(page).click();

  if (await arrive(page, "contact", /\/apply\/contact$/, options)) return;
  await fillContact(page, answers.contact);
  await continueButton(page).click();

  for (const [i, child] of answers.children.entries()) {
    if (await arrive(page, "child", new RegExp(`/apply/children/${i + 1}$`), options)) return;
    await fillChild(page, child);
    await continueButton(page).click();
    if (await arrive(page, "children", /\/apply\/children$/, options)) return;
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      `You have added ${i + 1} ${i === 0 ? "child" : "children"}`,
    );
    await answerAddAnother(page, i + 1 < answers.children.length ? "Yes" : "No");
  }

  if (await arrive(page, "subject", /\/apply\/subject$/, options)) return;
  await fillSubject(page, answers.subject);
  await continueButton(page).click();

  if (await arrive(page, "subject-contact", /\/apply\/subject-contact$/, options)) return;
  const types = group(page, "How does the person have contact with the child or children?");
  for (const type of answers.contactTypes) await types.getByLabel(type, { exact: true }).check();
  if (answers.contactDetails) {
    await page.getByLabel(/^Tell us more about the contact/).fill(answers.contactDetails);
  }
  await continueButton(page).click();

  if (await arrive(page, "concern", /\/apply\/concern$/, options)) return;
  await page.getByLabel("Why are you worried about the person?", { exact: true }).fill(answers.concern);
  await continueButton(page).click();

  if (await arrive(page, "declarations", /\/apply\/declarations$/, options)) return;
  const declarations = group(page, "Declaration").getByRole("checkbox");
  await expect(declarations).toHaveCount(4);
  for (const box of await declarations.all()) await box.check();
  await continueButton(page).click();

  await arrive(page, "check", /\/apply\/check$/, options);
  await expect(page).toHaveTitle(`Check your answers before sending your application – ${SERVICE_NAME}`);
}

export const acceptAndSend = (page: Page) => page.getByRole("button", { name: "Accept and send" });

/** The reference shown in the confirmation panel, after checking the page is the confirmation. */
export async function readReference(page: Page): Promise<string> {
  await expect(page).toHaveURL(/\/apply\/confirmation$/);
  await expect(page).toHaveTitle(`Application sent – ${SERVICE_NAME}`);
  const panel = page.locator(".govuk-panel--confirmation");
  await expect(panel.getByRole("heading", { level: 1, name: "Application sent" })).toBeVisible();
  const reference = (await panel.locator("strong").innerText()).trim();
  expect(reference).toMatch(REFERENCE_PATTERN);
  return reference;
}

/** Clicks "Accept and send" on check answers and returns the reference from the confirmation. */
export async function sendApplication(page: Page): Promise<string> {
  await acceptAndSend(page).click();
  return readReference(page);
}

/** Reads the reference out of a confirmation page's HTML (for API responses). */
export function referenceInHtml(html: string): string | null {
  const match = /<strong>([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})<\/strong>/.exec(html);
  return match ? match[1] : null;
}

// ---------------------------------------------------------------------------------------------
// Accessibility
// ---------------------------------------------------------------------------------------------

type AxeResults = Awaited<ReturnType<AxeBuilder["analyze"]>>;
type AxeViolation = AxeResults["violations"][number];
type AxeNode = AxeViolation["nodes"][number];

/**
 * The one documented exception: GOV.UK Frontend's Radios script puts `aria-expanded` on a radio
 * that reveals a conditional question. ARIA 1.2 does not list it for role radio, so axe reports
 * `aria-allowed-attr`; GOV.UK keeps it on purpose because screen readers announce it
 * (alphagov/govuk-frontend#979, known issue #1280). Only that attribute on that element is excused.
 */
function isGovukConditionalRevealRadio(violation: AxeViolation, node: AxeNode): boolean {
  if (violation.id !== "aria-allowed-attr") return false;
  if (!/class="govuk-radios__input"/.test(node.html) || !/aria-controls="conditional-/.test(node.html)) return false;
  const failed = [...node.any, ...node.all, ...node.none].flatMap((check) =>
    Array.isArray(check.data) ? (check.data as unknown[]) : [],
  );
  return failed.length > 0 && failed.every((attribute) => /^aria-expanded="(true|false)"$/.test(String(attribute)));
}

/** Runs axe (WCAG 2.0–2.2 A and AA tags) on the page and fails with a readable list of violations. */
export async function expectNoAxeViolations(page: Page, what = page.url()): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const violations = results.violations
    .map((v) => ({ ...v, nodes: v.nodes.filter((n) => !isGovukConditionalRevealRadio(v, n)) }))
    .filter((v) => v.nodes.length > 0);
  const summary = violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => `${n.target.join(" ")} ${n.failureSummary ?? ""}`).join("\n    ")}`,
  );
  expect(summary, `axe violations on ${what}`).toEqual([]);
}

// ---------------------------------------------------------------------------------------------
// Error summary
// ---------------------------------------------------------------------------------------------

/** Checks the error summary is shown, lists `messages`, and every link targets an element on the page. */
export async function expectErrorSummary(page: Page, messages: Array<string | RegExp>): Promise<void> {
  await expect(page).toHaveTitle(/^Error: /);
  const summary = page.locator(".govuk-error-summary");
  await expect(summary).toBeVisible();
  await expect(summary.getByRole("heading", { name: "There is a problem" })).toBeVisible();
  const links = summary.getByRole("link");
  await expect(links).toHaveText(messages);
  for (const link of await links.all()) {
    const href = await link.getAttribute("href");
    expect(href, "error summary link").toMatch(/^#[A-Za-z][\w-]*$/);
    await expect(page.locator(`[id="${href!.slice(1)}"]`), `target of ${href}`).toHaveCount(1);
  }
  // Each message is also shown next to its field.
  for (const message of messages) {
    await expect(page.locator(".govuk-error-message").filter({ hasText: message }).first()).toBeVisible();
  }
}

// ---------------------------------------------------------------------------------------------
// Database (read-only)
// ---------------------------------------------------------------------------------------------

export type CaseRow = {
  id: number;
  reference: string;
  status: string;
  channel: string;
  urgent: number;
  concern: string;
  contact_types: string;
  contact_details: string | null;
  submission_key: string | null;
};

export type PersonRow = {
  id: number;
  case_id: number;
  role: string;
  position: number;
  full_name: string;
  date_of_birth: string | null;
  age_years: number | null;
  details: string;
};

export type OutboxRow = { id: number; kind: string; to_address: string; subject: string; text_body: string; sent_at: number | null };

/** Opens the e2e database read-only; runs `fn` and closes it again. */
export function withDb<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(DB_PATH, { readonly: true, fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    return fn(db);
  } finally {
    db.close();
  }
}

export function caseByReference(reference: string): CaseRow | undefined {
  return withDb((db) => db.prepare("select * from cases where reference = ?").get(reference) as CaseRow | undefined);
}

export function peopleOfCase(caseId: number): PersonRow[] {
  return withDb(
    (db) =>
      db
        .prepare(
          "select * from case_people where case_id = ? order by case when role = 'applicant' then 0 when role = 'child' then 1 else 2 end, position",
        )
        .all(caseId) as PersonRow[],
  );
}

/** Every case whose applicant has this (canary) name. */
export function casesForApplicant(fullName: string): CaseRow[] {
  return withDb(
    (db) =>
      db
        .prepare(
          "select c.* from cases c join case_people p on p.case_id = c.id where p.role = 'applicant' and p.full_name = ? order by c.id",
        )
        .all(fullName) as CaseRow[],
  );
}

export function outboxRowsMentioning(text: string): OutboxRow[] {
  return withDb(
    (db) =>
      db
        .prepare("select * from outbox where instr(text_body, ?) > 0 or instr(subject, ?) > 0 order by id")
        .all(text, text) as OutboxRow[],
  );
}

export function outboxRowsTo(address: string): OutboxRow[] {
  return withDb(
    (db) => db.prepare("select * from outbox where to_address = ? order by id").all(address) as OutboxRow[],
  );
}

// ---------------------------------------------------------------------------------------------
// Mail (.eml files written by the file transport)
// ---------------------------------------------------------------------------------------------

export type Email = { file: string; raw: string; headers: string; body: string; to: string; subject: string };

function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  const input = text.replace(/=\r?\n/g, "");
  for (let i = 0; i < input.length; i++) {
    const hex = input.slice(i + 1, i + 3);
    if (input[i] === "=" && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(input[i], "utf8"));
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

/** Decodes RFC 2047 encoded words in a header value. */
function decodeHeader(value: string): string {
  return value.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_m, _charset, encoding: string, text: string) =>
    encoding.toUpperCase() === "B"
      ? Buffer.from(text, "base64").toString("utf8")
      : decodeQuotedPrintable(text.replace(/_/g, " ")),
  );
}

/** A minimal parser for the single-part text messages the service sends. */
export function parseEml(file: string, raw: string): Email {
  const split = raw.search(/\r?\n\r?\n/);
  const headers = raw.slice(0, split).replace(/\r?\n[ \t]+/g, " ");
  const rawBody = raw.slice(split).replace(/^\r?\n\r?\n/, "");
  const header = (name: string) =>
    decodeHeader(new RegExp(`^${name}:\\s*(.*)$`, "im").exec(headers)?.[1]?.trim() ?? "");
  const encoding = header("Content-Transfer-Encoding").toLowerCase();
  const body =
    encoding === "base64"
      ? Buffer.from(rawBody.replace(/\s+/g, ""), "base64").toString("utf8")
      : encoding === "quoted-printable"
        ? decodeQuotedPrintable(rawBody)
        : rawBody;
  return { file, raw, headers, body, to: header("To"), subject: header("Subject") };
}

export function readEmails(): Email[] {
  if (!fs.existsSync(MAIL_DIR)) return [];
  return fs
    .readdirSync(MAIL_DIR)
    .filter((name) => name.endsWith(".eml"))
    .sort()
    .map((name) => {
      const file = path.join(MAIL_DIR, name);
      return parseEml(file, fs.readFileSync(file, "utf8"));
    });
}

export function emailsTo(address: string): Email[] {
  return readEmails().filter((m) => m.to.toLowerCase().includes(address.toLowerCase()));
}

/** Polls the mail folder until a message to `address` arrives (the outbox runs every 250 ms). */
export async function waitForEmail(address: string, timeout = 15_000): Promise<Email> {
  let found: Email[] = [];
  await expect
    .poll(() => (found = emailsTo(address)).length, { timeout, message: `an email to ${address}` })
    .toBeGreaterThan(0);
  return found[0];
}

// =============================================================================================
// Staff side
// =============================================================================================
//
// - Demo accounts (NODE_ENV=test creates them) sign in through the real pages. Their TOTP codes
//   are computed from the secret stored (encrypted) in staff_users. A code's 30-second step works
//   once per person, so every code is taken under a lock shared by all workers, after waiting
//   for a step newer than the last one the server accepted.
// - Sign-in is throttled per client address (10 password attempts a minute) and every test comes
//   from 127.0.0.1, so `staffTest`'s `as(role)` signs each demo account in once per run and every
//   test (in any worker) reuses that session. Tests that end or age a session sign in on their
//   own; the throttling tests run against a server of their own (`startAppServer`).

export const E2E_BASE_URL = String(playwrightConfig.use?.baseURL ?? "http://localhost:3100");
const webServer = Array.isArray(playwrightConfig.webServer) ? playwrightConfig.webServer[0] : playwrightConfig.webServer;
/** The e2e server's SESSION_SECRET: the key of the stored TOTP secrets. */
export const E2E_SESSION_SECRET = String(webServer?.env?.SESSION_SECRET ?? "");
export const STAFF_SERVICE_NAME = "Disclosure scheme casework";
export const staffTitle = (page: string, hasErrors = false) => `${hasErrors ? "Error: " : ""}${page} – ${STAFF_SERVICE_NAME}`;

export type DemoRole = "reviewer" | "manager" | "admin";
export type StaffAccount = { email: string; password: string; name: string };

export function demoAccount(role: DemoRole): StaffAccount {
  const account = DEMO_ACCOUNTS.find((a) => a.role === role);
  if (!account) throw new Error(`no demo ${role}`);
  return { email: account.email, password: account.password, name: account.name };
}

/** Options for a context like the configured project's (Desktop Chrome) on its own origin. */
export function contextOptions(origin: string, extra: BrowserContextOptions = {}): BrowserContextOptions {
  const { defaultBrowserType: _ignored, ...desktop } = devices["Desktop Chrome"];
  return { ...desktop, baseURL: origin, ...extra };
}

/** A new context that refuses (and records) any request to a host other than this machine. */
export async function newLocalContext(
  browser: Browser,
  origin: string,
  externalRequests: string[],
  extra: BrowserContextOptions = {},
): Promise<BrowserContext> {
  const context = await browser.newContext(contextOptions(origin, extra));
  await context.route(
    (url) => !isLocalUrl(url.href),
    (route) => {
      externalRequests.push(route.request().url());
      return route.abort("blockedbyclient");
    },
  );
  return context;
}

// ---------------------------------------------------------------------------------------------
// Databases: the e2e one, or another server's (staff-clock.spec.ts)
// ---------------------------------------------------------------------------------------------

export function withDbAt<T>(dbPath: string, fn: (db: Database.Database) => T, { readonly = true } = {}): T {
  const db = new Database(dbPath, { readonly, fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    return fn(db);
  } finally {
    db.close();
  }
}

/** A writable connection, for the few things only the database can simulate (idle sessions). */
export function withWritableDb<T>(fn: (db: Database.Database) => T, dbPath = DB_PATH): T {
  return withDbAt(dbPath, fn, { readonly: false });
}

export type StaffUserRow = {
  id: number;
  email: string;
  display_name: string;
  roles: string;
  active: number;
  password_hash: string | null;
  totp_secret: string | null;
  totp_enrolled_at: number | null;
  totp_last_step: number | null;
};

export function staffUserByEmail(email: string, dbPath = DB_PATH): StaffUserRow | undefined {
  return withDbAt(dbPath, (db) => db.prepare("select * from staff_users where email = ?").get(email.toLowerCase()) as StaffUserRow | undefined);
}

export type SessionRow = { id: string; user_id: number; stage: string; csrf_token: string; last_seen_at: number; created_at: number };

export function sessionById(id: string): SessionRow | undefined {
  return withDb((db) => db.prepare("select * from staff_sessions where id = ?").get(id) as SessionRow | undefined);
}

/** The database id of the staff session a context holds: sha256 of the token in its cookie. */
export async function sessionIdOf(context: BrowserContext): Promise<string> {
  const cookie = (await context.cookies()).find((c) => c.name === "csods_staff");
  if (!cookie) throw new Error("no staff session cookie");
  // Remix writes an unsigned cookie as base64 of the JSON value.
  const token = JSON.parse(Buffer.from(decodeURIComponent(cookie.value), "base64").toString("utf8")) as string;
  return crypto.createHash("sha256").update(token).digest("hex");
}

export function caseIdOf(reference: string, dbPath = DB_PATH): number {
  const row = withDbAt(dbPath, (db) => db.prepare("select id from cases where reference = ?").get(reference) as { id: number } | undefined);
  if (!row) throw new Error(`no case ${reference}`);
  return row.id;
}

// ---------------------------------------------------------------------------------------------
// TOTP
// ---------------------------------------------------------------------------------------------

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const STEP_MS = 30_000;

/** Waits until the 30-second step at `Date.now() + offsetMs` is after `lastUsed`; returns it. */
export async function waitForStepAfter(lastUsed: number | null, offsetMs = 0): Promise<number> {
  for (;;) {
    const at = Date.now() + offsetMs;
    const step = currentStep(new Date(at));
    if (lastUsed === null || step > lastUsed) {
      // Too close to the end of a step, the server may see the next one: still accepted (±1),
      // but wait it out so the code is the step recorded.
      if (STEP_MS - (at % STEP_MS) > 1_500) return step;
    }
    await sleep(STEP_MS - (at % STEP_MS) + 100);
  }
}

/** A lock shared by every worker (a directory: mkdir is atomic), for one person's TOTP codes. */
async function withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const dir = path.join(E2E_DATA_DIR, "locks");
  fs.mkdirSync(dir, { recursive: true });
  const lock = path.join(dir, crypto.createHash("sha256").update(name).digest("hex").slice(0, 16));
  const started = Date.now();
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      // A lock left by a crashed worker is stale after two minutes.
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 120_000) fs.rmSync(lock, { recursive: true, force: true });
      if (Date.now() - started > 180_000) throw new Error(`lock ${name} not released`);
      await sleep(100);
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

export type TotpOptions = {
  /** Another server's database (staff-clock.spec.ts). */
  dbPath?: string;
  /** That server's SESSION_SECRET. */
  sessionSecret?: string;
  /** That server's CLOCK_OFFSET_MS: its codes are those of its own "now". */
  offsetMs?: number;
};

/**
 * Runs `use` with a code the server has not yet accepted for this person, holding the person's
 * lock until `use` returns (so `use` must submit the code and wait for the result).
 */
export async function withFreshCode<T>(email: string, use: (code: string) => Promise<T>, options: TotpOptions = {}): Promise<T> {
  const dbPath = options.dbPath ?? DB_PATH;
  return withLock(`${dbPath}:${email.toLowerCase()}`, async () => {
    const row = staffUserByEmail(email, dbPath);
    if (!row?.totp_secret) throw new Error(`${email} has no TOTP secret`);
    const secret = decryptSecret(row.totp_secret, [options.sessionSecret ?? E2E_SESSION_SECRET]);
    const step = await waitForStepAfter(row.totp_last_step, options.offsetMs ?? 0);
    return use(totpCode(secret, step));
  });
}

/** The code of a secret shown on the enrolment page (spaces allowed), for a step after `lastUsed`. */
export async function codeForSecret(secret: string, lastUsed: number | null = null): Promise<{ code: string; step: number }> {
  const step = await waitForStepAfter(lastUsed);
  return { code: totpCode(secret.replace(/\s+/g, ""), step), step };
}

// ---------------------------------------------------------------------------------------------
// Signing in
// ---------------------------------------------------------------------------------------------

export async function submitPassword(page: Page, account: { email: string; password: string }): Promise<void> {
  await page.goto("/staff/sign-in");
  await expect(page).toHaveTitle(/Sign in – /);
  await page.getByLabel("Email address", { exact: true }).fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await page.getByRole("button", { name: "Continue", exact: true }).click();
}

/** Enters a fresh code on the "Enter your security code" page and waits for the staff home page. */
export async function enterSecurityCode(page: Page, email: string, options: TotpOptions = {}): Promise<void> {
  await expect(page).toHaveURL(/\/staff\/second-factor$/);
  await withFreshCode(
    email,
    async (code) => {
      await page.getByLabel("Code from your authenticator app", { exact: true }).fill(code);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await expect(page).toHaveURL(/\/staff$/);
    },
    options,
  );
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Hello, /);
}

/** Signs in through the pages: password, then a fresh authenticator code. Ends on /staff. */
export async function signIn(page: Page, account: { email: string; password: string }, options: TotpOptions = {}): Promise<void> {
  await submitPassword(page, account);
  await enterSecurityCode(page, account.email, options);
}

/** Clicks "Sign out" in the staff header; returns the response of the sign-out POST. */
export async function signOut(page: Page) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === "/staff/sign-out" && r.request().method() === "POST"),
    page.getByRole("button", { name: "Sign out", exact: true }).click(),
  ]);
  await expect(page).toHaveURL(/\/staff\/signed-out$/);
  return response;
}

/** The form token of the signed-in page (every staff form carries it). */
export async function csrfTokenOf(page: Page): Promise<string> {
  const token = await page.locator('input[type="hidden"][name="csrf"]').first().getAttribute("value");
  if (!token) throw new Error("no form token on the page");
  return token;
}

// ---------------------------------------------------------------------------------------------
// Accounts made by an admin
// ---------------------------------------------------------------------------------------------

export type NewStaff = { name: string; email: string; roles: Array<"Reviewer (public protection officer)" | "Manager (public protection manager)" | "Administrator"> };

export function makeStaff(roles: NewStaff["roles"] = ["Reviewer (public protection officer)"]): NewStaff {
  const token = randomToken(8);
  return { name: `Canary Staff ${token}`, email: `staff.${token.toLowerCase()}@force.example`, roles };
}

/** An admin adds a member of staff; returns the path (with token) of the set-up link emailed to them. */
export async function inviteStaff(adminPage: Page, person: NewStaff, options: { onPage?: (page: Page) => Promise<void> } = {}): Promise<string> {
  await adminPage.goto("/staff/admin/users/new");
  await expect(adminPage).toHaveTitle(staffTitle("Add a member of staff"));
  if (options.onPage) await options.onPage(adminPage);
  await adminPage.getByLabel("Full name", { exact: true }).fill(person.name);
  await adminPage.getByLabel("Work email address", { exact: true }).fill(person.email);
  const roles = group(adminPage, "Roles");
  for (const role of person.roles) await roles.getByLabel(role, { exact: true }).check();
  await adminPage.getByRole("button", { name: "Add and send set-up link" }).click();
  await expect(adminPage).toHaveURL(/\/staff\/admin\/users\/\d+$/);
  await expect(adminPage.getByRole("heading", { level: 1 })).toHaveText(person.name);
  return setupLinkFor(person.email);
}

/** Waits for the set-up email to `email` and returns its link's path and query. */
export async function setupLinkFor(email: string): Promise<string> {
  const mail = await waitForEmail(email);
  expect(mail.subject).toMatch(/set up your account$/);
  const match = /(https?:\/\/\S+\/staff\/setup\?token=[A-Za-z0-9_%-]+)/.exec(mail.body);
  expect(match, "a set-up link in the email").not.toBeNull();
  const url = new URL(match![1]);
  expect(url.origin).toBe(E2E_BASE_URL);
  return url.pathname + url.search;
}

/** A strong password nobody else uses (several unrelated words). */
export const strongPassword = () => `quartz-${randomToken(6).toLowerCase()}-meadow-${randomToken(6).toLowerCase()}`;

/** Opens the set-up link and sets the password; ends on the enrolment page. */
export async function setPassword(page: Page, setupPath: string, password: string): Promise<void> {
  await page.goto(setupPath);
  // The token moves into a cookie at once: it does not stay in the address bar.
  await expect(page).toHaveURL(/\/staff\/setup$/);
  await expect(page).toHaveTitle(staffTitle("Set up your account"));
  await page.getByLabel("Create a password", { exact: true }).fill(password);
  await page.getByLabel("Enter the password again", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await expect(page).toHaveURL(/\/staff\/enrol$/);
}

/** On the enrolment page: reads the key shown, enters its code; returns the key, step and recovery codes. */
export async function enrolTotp(page: Page): Promise<{ secret: string; step: number; recoveryCodes: string[] }> {
  await expect(page).toHaveURL(/\/staff\/enrol$/);
  const secret = (await page.locator("#totp-secret").innerText()).trim();
  expect(secret).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
  const { code, step } = await codeForSecret(secret);
  await page.getByLabel("Code from your authenticator app", { exact: true }).fill(code);
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await expect(page).toHaveURL(/\/staff\/recovery-codes$/);
  await expect(page).toHaveTitle(staffTitle("Save your recovery codes"));
  const recoveryCodes = (await page.locator(".app-recovery-codes li").allInnerTexts()).map((c) => c.trim());
  return { secret, step, recoveryCodes };
}

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

type StaffFixtures = {
  /** A page in a new context signed in as the demo account of `role` (a session shared by the run). */
  as: (role: DemoRole, options?: { javaScriptEnabled?: boolean }) => Promise<Page>;
  /** A page in a new, signed-out context. */
  freshPage: (options?: { javaScriptEnabled?: boolean; baseURL?: string }) => Promise<Page>;
};

type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;

/** The run's session for a demo role: made once (under a lock), kept in the run's data folder. */
async function demoSessionState(browser: Browser, role: DemoRole, externalRequests: string[]): Promise<StorageState> {
  const file = path.join(E2E_DATA_DIR, "staff-sessions", `${role}.json`);
  return withLock(`session:${role}`, async () => {
    if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as StorageState;
    const context = await newLocalContext(browser, E2E_BASE_URL, externalRequests);
    try {
      const page = await context.newPage();
      await signIn(page, demoAccount(role));
      const state = await context.storageState();
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, JSON.stringify(state));
      return state;
    } finally {
      await context.close();
    }
  });
}

export const staffTest = test.extend<StaffFixtures>({
  freshPage: async ({ browser, externalRequests }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async ({ baseURL = E2E_BASE_URL, ...options } = {}) => {
      const context = await newLocalContext(browser, baseURL, externalRequests, options);
      contexts.push(context);
      return context.newPage();
    });
    for (const context of contexts) await context.close();
  },
  as: async ({ browser, externalRequests }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (role, options = {}) => {
      const storageState = await demoSessionState(browser, role, externalRequests);
      const context = await newLocalContext(browser, E2E_BASE_URL, externalRequests, { ...options, storageState });
      contexts.push(context);
      return context.newPage();
    });
    for (const context of contexts) await context.close();
  },
});

// ---------------------------------------------------------------------------------------------
// A server of a test's own (for the clock offset, or to exhaust the sign-in throttle alone)
// ---------------------------------------------------------------------------------------------

export type AppServer = {
  url: string;
  port: number;
  dataDir: string;
  dbPath: string;
  env: Record<string, string>;
  /** The server's process id (to read its memory use from /proc). */
  pid: number;
  /** Everything the process printed. */
  output: () => string;
  stop: () => Promise<void>;
};

/**
 * Starts `node server.js` from the project root (the build made by the e2e web server) with
 * NODE_ENV=test and its own data folder; resolves when /healthz answers.
 */
export async function startAppServer(options: { dataDir: string; port?: number; env?: Record<string, string> }): Promise<AppServer> {
  const port = options.port ?? (await findFreePort());
  const url = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = {
    NODE_ENV: "test",
    PORT: String(port),
    DATA_DIR: options.dataDir,
    APP_URL: url,
    SESSION_SECRET: E2E_SESSION_SECRET,
    SUBMISSIONS_PER_IP_PER_HOUR: "10000",
    OUTBOX_POLL_MS: "250",
    ...options.env,
  };
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  // Nothing of this process's own settings leaks into the server's.
  for (const key of ["DATABASE_PATH", "CLOCK_OFFSET_MS", "SMTP_URL", "HOST", "TRUST_PROXY", "REMINDER_POLL_MS", "FORCE_NAME"]) delete childEnv[key];
  Object.assign(childEnv, env);
  const child = spawn(process.execPath, ["server.js"], {
    cwd: path.resolve("."),
    env: childEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 8_000);
      await exited;
      clearTimeout(timer);
    }
  };
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 30_000) {
      await stop();
      throw new Error(`server did not start in 30 s:\n${output}`);
    }
    await sleep(200);
  }
  return { url, port, dataDir: options.dataDir, dbPath: path.join(options.dataDir, "csods.db"), env, pid: child.pid!, output: () => output, stop };
}

// ---------------------------------------------------------------------------------------------
// Casework: the queue and the form of each stage
// ---------------------------------------------------------------------------------------------

export type CaseFormName =
  | "risk-check"
  | "scope"
  | "verification"
  | "checks"
  | "assessment"
  | "decision"
  | "delivery"
  | "close"
  | "exit"
  | "extend"
  | "retriage";

/** Called on arrival at each case form, before it is filled in (e.g. to run axe, or send it empty). */
export type CaseFormHook = (form: CaseFormName, page: Page) => Promise<void>;

/** Today in the UK (the forms refuse dates in the future). */
export function todayInLondon(): DateParts {
  const [year, month, day] = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date()).split("-");
  return { day: String(Number(day)), month: String(Number(month)), year };
}

/** Sends a complete application through the public form (JavaScript on) and returns its reference. */
export async function submitApplication(page: Page, answers: Answers): Promise<string> {
  await fillApplication(page, answers);
  return sendApplication(page);
}

/** The queue's row for a case, looking from the last page back (new cases are due last). */
export async function queueRow(page: Page, reference: string, queue = "unassigned"): Promise<Locator> {
  await page.goto(`/staff/cases?queue=${queue}&page=1000000`);
  for (;;) {
    await expect(page).toHaveTitle(/ – Cases – /);
    const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: reference, exact: true }) });
    if ((await row.count()) === 1) return row;
    const caption = (await page.locator("table caption").textContent().catch(() => null)) ?? "";
    const current = Number(/page (\d+) of \d+/.exec(caption)?.[1] ?? 1);
    if (current <= 1) throw new Error(`case ${reference} is not in the ${queue} queue`);
    await page.goto(`/staff/cases?queue=${queue}&page=${current - 1}`);
  }
}

/** A reviewer takes an unassigned case from the queue. */
export async function takeFromQueue(page: Page, reference: string): Promise<void> {
  const row = await queueRow(page, reference, "unassigned");
  await expect(row).toContainText("Unassigned");
  await row.getByRole("button", { name: `Take case ${reference}`, exact: true }).click();
  await expect(page.locator(".govuk-notification-banner")).toContainText(`You have taken case ${reference}`);
}

export async function openCase(page: Page, caseId: number): Promise<void> {
  await page.goto(`/staff/cases/${caseId}`);
  await expect(page).toHaveTitle(/^Case [0-9A-Z-]{14} – /);
}

/** The stage shown on the case page (the tag next to the reference). */
export async function expectStage(page: Page, caseId: number, stage: string): Promise<void> {
  await expect(page).toHaveURL(new RegExp(`/staff/cases/${caseId}$`));
  await expect(page.locator("main .govuk-summary-list").first().getByRole("definition").first()).toHaveText(stage);
}

/** From the case page, follows the link-button to a form. */
async function goToForm(page: Page, caseId: number, button: string, form: CaseFormName, hook?: CaseFormHook): Promise<void> {
  await openCase(page, caseId);
  await page.getByRole("button", { name: button, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/staff/cases/${caseId}/${form}$`));
  await expect(page).not.toHaveTitle(/^Error: /);
  if (hook) await hook(form, page);
}

async function submitForm(page: Page, caseId: number, submit: string): Promise<void> {
  await page.getByRole("button", { name: submit, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/staff/cases/${caseId}$`));
}

async function fillDateGroup(page: Page, legend: string, date: DateParts): Promise<void> {
  await fillDate(group(page, legend), date);
}

export async function recordRiskCheck(page: Page, caseId: number, hook?: CaseFormHook): Promise<void> {
  await goToForm(page, caseId, "Record the immediate-risk check", "risk-check", hook);
  await group(page, "Is any child at immediate risk?").getByLabel("No", { exact: true }).check();
  await group(page, "Action taken").getByLabel("No immediate action needed", { exact: true }).check();
  await submitForm(page, caseId, "Save and continue to scope");
  await expectStage(page, caseId, "Scope decision");
}

export async function recordScope(page: Page, caseId: number, hook?: CaseFormHook): Promise<void> {
  await goToForm(page, caseId, "Record the scope decision", "scope", hook);
  await group(page, "Is the application in scope?").getByLabel("Yes, in scope", { exact: true }).check();
  await submitForm(page, caseId, "Save scope decision");
  await expectStage(page, caseId, "Interview and verification");
}

export async function recordVerification(page: Page, caseId: number, hook?: CaseFormHook): Promise<void> {
  await goToForm(page, caseId, "Record the interview and verification", "verification", hook);
  await fillDateGroup(page, "Date of the interview", todayInLondon());
  await group(page, "How was the interview held?").getByLabel("Face to face", { exact: true }).check();
  await group(page, "Identity documents seen").getByLabel("Passport", { exact: true }).check();
  await group(page, "Address documents seen").getByLabel("Utility bill or bank statement", { exact: true }).check();
  await group(page, "Documents seen for the relationship to the child").getByLabel("Child's birth certificate", { exact: true }).check();
  await group(page, "Result").getByLabel("Verified", { exact: true }).check();
  await submitForm(page, caseId, "Save and continue to checks");
  await expectStage(page, caseId, "Research and checks");
}

export type CheckAnswers = { type: string; doneBy: string; summary: string; relevant: boolean };

export async function recordCheck(page: Page, caseId: number, check: CheckAnswers, hook?: CaseFormHook): Promise<void> {
  await goToForm(page, caseId, "Record research checks", "checks", hook);
  await group(page, "Which check?").getByLabel(check.type, { exact: true }).check();
  await page.getByLabel("Who did the check", { exact: true }).fill(check.doneBy);
  await fillDateGroup(page, "When", todayInLondon());
  await page.getByLabel("Result summary", { exact: true }).fill(check.summary);
  await group(page, "Is the result relevant to the risk to the child?").getByLabel(check.relevant ? "Yes" : "No", { exact: true }).check();
  await submitForm(page, caseId, "Record this check");
}

export async function completeChecks(page: Page, caseId: number): Promise<void> {
  await page.goto(`/staff/cases/${caseId}/checks`);
  await page.getByRole("button", { name: "Checks complete: continue to risk assessment" }).click();
  await expect(page).toHaveURL(new RegExp(`/staff/cases/${caseId}$`));
  await expectStage(page, caseId, "Risk assessment");
}

export type Recipient = { name: string; relationship: string; reason: string; wording: string };
export type AssessmentAnswers = {
  recommendation: "Disclose" | "No disclosure" | "Other safeguarding action";
  csoConvictions: boolean;
  recipient?: Recipient;
};

export async function recordAssessment(page: Page, caseId: number, a: AssessmentAnswers, hook?: CaseFormHook): Promise<void> {
  await goToForm(page, caseId, "Record the risk assessment", "assessment", hook);
  const yesNo = (legend: string, yes: boolean) => group(page, legend).getByLabel(yes ? "Yes" : "No", { exact: true }).check();
  await yesNo("Does the person have convictions for child sexual offences?", a.csoConvictions);
  if (a.csoConvictions) {
    await page.getByLabel("Details of those convictions (if any)", { exact: true }).fill("Two convictions for sexual offences against children, 2009 and 2014.");
  }
  await yesNo("Is the person a registered sex offender?", a.csoConvictions);
  await yesNo("Is the person managed under MAPPA?", false);
  await page.getByLabel("The risk to the named child or children", { exact: true }).fill("Regular unsupervised contact with the child at home.");
  await page.getByLabel("Necessity", { exact: true }).fill("The parent cannot protect the child without knowing.");
  await page.getByLabel("Proportionality", { exact: true }).fill("Only what is needed, to one person.");
  await page.getByLabel("Article 8 rationale", { exact: true }).fill("The child's safety outweighs the intrusion.");
  await yesNo("Are the subject's representations sought?", false);
  await page.getByLabel("Why representations are, or are not, sought", { exact: true }).fill("Seeking them would put the child at risk.");
  await group(page, "Recommendation").getByLabel(a.recommendation, { exact: true }).check();
  if (a.recipient) {
    await page.getByLabel("Name", { exact: true }).fill(a.recipient.name);
    await page.getByLabel("Relationship to the child", { exact: true }).fill(a.recipient.relationship);
    await page.getByLabel("Why they are best placed to protect the child", { exact: true }).fill(a.recipient.reason);
    await page.getByLabel("Proposed wording of the disclosure", { exact: true }).fill(a.recipient.wording);
  }
  await submitForm(page, caseId, "Submit for a manager's decision");
  await expectStage(page, caseId, "Awaiting decision");
}

/** A manager approves the recommendation, signing with a fresh code from their authenticator (step-up). */
export async function approveRecommendation(page: Page, caseId: number, managerEmail: string, reasons: string, hook?: CaseFormHook): Promise<void> {
  await goToForm(page, caseId, "Decide on the recommendation", "decision", hook);
  await group(page, "Your decision").getByLabel("Approve the recommendation", { exact: true }).check();
  await page.getByLabel("Reasons", { exact: true }).fill(reasons);
  await withFreshCode(managerEmail, async (code) => {
    await page.getByLabel("Security code", { exact: true }).fill(code);
    await submitForm(page, caseId, "Sign the decision");
  });
  await expectStage(page, caseId, "Disclosure or outcome to deliver");
}

export async function recordDisclosure(
  page: Page,
  caseId: number,
  d: { place: string; officers: string; warnings: string; expectRecipient: string; expectWording: string },
  hook?: CaseFormHook,
): Promise<void> {
  await goToForm(page, caseId, "Record the disclosure or outcome", "delivery", hook);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Record the disclosure");
  // The recipient and wording approved are filled in already.
  await expect(page.getByLabel("Recipient", { exact: true })).toHaveValue(d.expectRecipient);
  await expect(page.getByLabel("Exact wording disclosed", { exact: true })).toHaveValue(d.expectWording);
  await fillDateGroup(page, "Date", todayInLondon());
  await page.getByLabel("Time", { exact: true }).fill("10:30");
  await page.getByLabel("Place", { exact: true }).fill(d.place);
  await page.getByLabel("Officers present", { exact: true }).fill(d.officers);
  await page.getByLabel("Warnings given", { exact: true }).fill(d.warnings);
  await group(page, "Confidentiality undertaking").getByLabel("Signed", { exact: true }).check();
  await submitForm(page, caseId, "Save the disclosure record");
  await expectStage(page, caseId, "Outcomes and closure");
}

export async function closeCase(page: Page, caseId: number, outcomes: string[], hook?: CaseFormHook): Promise<void> {
  await goToForm(page, caseId, "Record outcomes and close", "close", hook);
  const box = group(page, "Outcomes");
  for (const outcome of outcomes) await box.getByLabel(outcome, { exact: true }).check();
  await submitForm(page, caseId, "Close the case");
  await expectStage(page, caseId, "Closed");
}

/** Every stage a reviewer records before a decision: risk check to assessment, with two checks. */
export async function caseToDecision(page: Page, caseId: number, assessment: AssessmentAnswers, hook?: CaseFormHook): Promise<void> {
  await recordRiskCheck(page, caseId, hook);
  await recordScope(page, caseId, hook);
  await recordVerification(page, caseId, hook);
  await recordCheck(page, caseId, { type: "PNC (Police National Computer)", doneBy: "PC 1234 Example", summary: "Two relevant convictions found.", relevant: true }, hook);
  await recordCheck(page, caseId, { type: "ViSOR", doneBy: "DC 5678 Example", summary: "Registered; managed at level 1.", relevant: true });
  await completeChecks(page, caseId);
  await recordAssessment(page, caseId, assessment, hook);
}

/** The timeline on the case page, newest first: what happened and who did it. */
export async function timelineOf(page: Page): Promise<Array<{ what: string; by: string }>> {
  const items = page.locator("ol.app-timeline > li");
  const out: Array<{ what: string; by: string }> = [];
  for (const item of await items.all()) {
    const what = (await item.locator("strong").innerText()).trim();
    const by = (await item.locator(".govuk-body-s").innerText()).trim().replace(/, [^,]+$/, "");
    out.push({ what, by });
  }
  return out;
}
