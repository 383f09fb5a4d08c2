// End-to-end support: filling an application over HTTP, as a browser without JavaScript would.
//
// For tests whose subject is a later page (check answers, Exit this page there, the confirmation…),
// walking every question in the browser is setup, and the costliest part of them. These helpers send
// the same forms through the real running server with `page.request`, which shares the page's
// cookies: the draft the server keeps belongs to that browser session, and the page can go straight
// to the next question or to check answers. Each page's HTML is read (jsdom) and its form is sent the
// way a browser sends it: every field the form holds (hidden ones and the honeypot included), the
// answers set on the controls found by their labels, to the form's own action. The whole journey in
// the browser, with and without JavaScript, stays in journey.spec.ts.
import { expect, type Page } from "@playwright/test";
import { JSDOM } from "jsdom";
import { REFERENCE_PATTERN, SERVICE_NAME } from "./base";
import type { StepName } from "./journey";
import type { Answers, ChildAnswers, DateParts } from "./test-data";

export type HttpFillOptions = {
  /** Stop on arrival at this page without answering it. Defaults to "check". */
  stopAt?: StepName;
};

/** A page as the server sent it: where it is, and its document. */
type ShownPage = { path: string; document: Document };

const squash = (text: string | null | undefined) => (text ?? "").replace(/\s+/g, " ").trim();

function matches(text: string, wanted: string | RegExp): boolean {
  return typeof wanted === "string" ? text === wanted : wanted.test(text);
}

/** The one element of `candidates` whose text is `wanted`; anything else is a broken assumption. */
function only<T extends Element>(candidates: T[], wanted: string | RegExp, what: string, textOf: (e: T) => string): T {
  const found = candidates.filter((e) => matches(textOf(e), wanted));
  if (found.length !== 1) throw new Error(`Expected one ${what} "${String(wanted)}", found ${found.length}`);
  return found[0];
}

/** A fieldset by its legend (like `getByRole("group", { name, exact: true })`). */
function group(scope: ParentNode, legend: string): HTMLFieldSetElement {
  return only(Array.from(scope.querySelectorAll("fieldset")), legend, "group", (f) =>
    squash(f.querySelector("legend")?.textContent),
  );
}

/** The control a label names (like `getByLabel(text, { exact: true })`). */
function control(scope: ParentNode, label: string | RegExp): HTMLInputElement | HTMLTextAreaElement {
  const found = only(Array.from(scope.querySelectorAll("label")), label, "label", (l) => squash(l.textContent));
  const target = found.control;
  if (!target || !(target.tagName === "INPUT" || target.tagName === "TEXTAREA")) {
    throw new Error(`The label "${String(label)}" names no input`);
  }
  return target as HTMLInputElement | HTMLTextAreaElement;
}

function fill(scope: ParentNode, label: string | RegExp, value: string): void {
  control(scope, label).value = value;
}

function check(scope: ParentNode, label: string): void {
  const box = control(scope, label) as HTMLInputElement;
  if (box.type !== "radio" && box.type !== "checkbox") throw new Error(`"${label}" is not a radio or checkbox`);
  box.checked = true;
}

function fillDate(scope: ParentNode, date: DateParts): void {
  fill(scope, "Day", date.day);
  fill(scope, "Month", date.month);
  fill(scope, "Year", date.year);
}

async function show(page: Page, response: Awaited<ReturnType<Page["request"]["get"]>>): Promise<ShownPage> {
  const html = await response.text();
  if (!response.ok()) throw new Error(`${response.url()} answered ${response.status()}`);
  const { window } = new JSDOM(html, { url: response.url() });
  return { path: new URL(response.url()).pathname, document: window.document };
}

/** Opens a page by its address, as following a link does. */
async function open(page: Page, href: string): Promise<ShownPage> {
  return show(page, await page.request.get(href));
}

/** Follows the link (or link styled as a button) with this text. */
async function follow(page: Page, shown: ShownPage, text: string): Promise<ShownPage> {
  const link = only(Array.from(shown.document.querySelectorAll("a")), text, "link", (a) => squash(a.textContent));
  return open(page, link.href);
}

/**
 * Sends the form whose button is `button`, after `answer` has set its controls: the fields a browser
 * would send, url-encoded, to the form's action; then the page the server's redirect leads to.
 */
async function submit(
  page: Page,
  shown: ShownPage,
  answer: (form: HTMLFormElement) => void,
  button = "Continue",
): Promise<ShownPage> {
  const buttons = Array.from(shown.document.querySelectorAll("form button")) as HTMLButtonElement[];
  const form = only(buttons, button, "button", (b) => squash(b.textContent)).form;
  if (!form) throw new Error(`The button "${button}" is in no form`);
  answer(form);
  const view = shown.document.defaultView!;
  const body = new URLSearchParams();
  for (const [name, value] of new view.FormData(form)) body.append(name, String(value));
  const response = await page.request.post(form.action, {
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    data: body.toString(),
  });
  return show(page, response);
}

/** Checks the page is the one expected and shows no errors; true when the fill should stop here. */
function arrive(shown: ShownPage, step: StepName, path: RegExp, options: HttpFillOptions): boolean {
  const title = squash(shown.document.title);
  if (title.startsWith("Error: ")) {
    const summary = squash(shown.document.querySelector(".govuk-error-summary")?.textContent);
    throw new Error(`${shown.path} was shown again with errors: ${summary}`);
  }
  expect(shown.path, `the page for "${step}"`).toMatch(path);
  return (options.stopAt ?? "check") === step;
}

function answerApplicant(form: HTMLFormElement, a: Answers["applicant"]): void {
  fill(form, "Full name", a.fullName);
  fillDate(group(form, "Date of birth"), a.dob);
  fill(form, "Address line 1", a.addressLine1);
  fill(form, "Town or city", a.town);
  fill(form, "Postcode", a.postcode);
  check(group(form, "Do you need an interpreter?"), a.interpreter);
}

function answerContact(form: HTMLFormElement, c: Answers["contact"]): void {
  const ways = group(form, "Which ways are safe to contact you?");
  if (c.email !== undefined) {
    check(ways, "Email");
    fill(form, "Email address", c.email);
  }
  if (c.phone !== undefined) {
    check(ways, "Phone call or text message");
    fill(form, "Phone number", c.phone);
  }
  if (c.letter) check(ways, "Letter to your address");
  check(group(form, "Is it safe for us to leave you a message?"), c.leaveMessages);
}

function answerChild(form: HTMLFormElement, child: ChildAnswers): void {
  fill(form, "Child's full name", child.fullName);
  const dobKnown = group(form, "Do you know the child's date of birth?");
  if (child.dob) {
    check(dobKnown, "Yes");
    fillDate(group(form, "Date of birth"), child.dob);
  } else if (child.age !== undefined) {
    check(dobKnown, "No, but I know their age");
    fill(form, "Age in years", child.age);
  } else {
    check(dobKnown, "No, I do not know their date of birth or age");
  }
  check(group(form, "Child's gender"), child.gender);
  fill(form, "Where does the child live, or who do they live with?", child.livesWith);
  fill(form, "What is your relationship to the child?", child.applicantRelationship);
  if (child.subjectRelationship) {
    fill(form, "What is the relationship between the child and the person you are worried about? (optional)", child.subjectRelationship);
  }
  check(group(form, "Do the child's parents or carers know you are asking?"), child.parentsAware);
}

function answerSubject(form: HTMLFormElement, s: Answers["subject"]): void {
  fill(form, "Their name", s.fullName);
  const dobKnown = group(form, "Do you know their date of birth?");
  if (s.age !== undefined) {
    check(dobKnown, "No, but I know roughly how old they are");
    fill(form, "Approximate age in years", s.age);
  } else {
    check(dobKnown, "No, I do not know");
  }
  const where = group(form, "Do you know where they live?");
  if (s.address !== undefined) {
    check(where, "Yes");
    fill(form, "Their address", s.address);
  } else {
    check(where, "No, I do not know");
  }
}

/**
 * Answers the questions over HTTP in `page`'s session (one with no draft yet), from the start page to check answers (or
 * to `stopAt`, unanswered), like `fillApplication` without the browser. Returns the path of the
 * page it stopped at; the page itself has not moved, so `page.goto(path)` shows it.
 */
export async function fillApplicationOverHttp(
  page: Page,
  answers: Answers,
  options: HttpFillOptions = {},
): Promise<string> {
  return (await walk(page, answers, options)).path;
}

async function walk(page: Page, answers: Answers, options: HttpFillOptions): Promise<ShownPage> {
  let shown = await open(page, "/");
  if (arrive(shown, "start", /^\/$/, options)) return shown;
  shown = await follow(page, shown, "Start now");

  if (arrive(shown, "danger", /^\/apply\/danger$/, options)) return shown;
  shown = await submit(page, shown, (f) => check(group(f, "Is a child in danger now?"), answers.childInDanger));

  if (answers.childInDanger === "Yes") {
    if (arrive(shown, "call-999", /^\/apply\/call-999$/, options)) return shown;
    shown = await follow(page, shown, "Continue with the application");
  }

  if (arrive(shown, "applicant", /^\/apply\/applicant$/, options)) return shown;
  shown = await submit(page, shown, (f) => answerApplicant(f, answers.applicant));

  if (arrive(shown, "contact", /^\/apply\/contact$/, options)) return shown;
  shown = await submit(page, shown, (f) => answerContact(f, answers.contact));

  for (const [i, child] of answers.children.entries()) {
    if (arrive(shown, "child", new RegExp(`^/apply/children/${i + 1}$`), options)) return shown;
    shown = await submit(page, shown, (f) => answerChild(f, child));
    if (arrive(shown, "children", /^\/apply\/children$/, options)) return shown;
    expect(squash(shown.document.querySelector("h1")?.textContent)).toBe(
      `You have added ${i + 1} ${i === 0 ? "child" : "children"}`,
    );
    const another = i + 1 < answers.children.length ? "Yes" : "No";
    shown = await submit(page, shown, (f) => check(group(f, "Do you need to add another child?"), another));
  }

  if (arrive(shown, "subject", /^\/apply\/subject$/, options)) return shown;
  shown = await submit(page, shown, (f) => answerSubject(f, answers.subject));

  if (arrive(shown, "subject-contact", /^\/apply\/subject-contact$/, options)) return shown;
  shown = await submit(page, shown, (f) => {
    const types = group(f, "How does the person have contact with the child or children?");
    for (const type of answers.contactTypes) check(types, type);
    if (answers.contactDetails) fill(f, /^Tell us more about the contact/, answers.contactDetails);
  });

  if (arrive(shown, "concern", /^\/apply\/concern$/, options)) return shown;
  shown = await submit(page, shown, (f) => fill(f, "Why are you worried about the person?", answers.concern));

  if (arrive(shown, "declarations", /^\/apply\/declarations$/, options)) return shown;
  shown = await submit(page, shown, (f) => {
    const declarations = Array.from(group(f, "Declaration").querySelectorAll<HTMLInputElement>("input[type=checkbox]"));
    expect(declarations).toHaveLength(4);
    for (const box of declarations) box.checked = true;
  });

  arrive(shown, "check", /^\/apply\/check$/, options);
  expect(squash(shown.document.title)).toBe(`Check your answers before sending your application – ${SERVICE_NAME}`);
  return shown;
}

/**
 * Answers every question and sends the application over HTTP in `page`'s session ("Accept and
 * send" on check answers); returns the reference the confirmation shows.
 */
export async function submitApplicationOverHttp(page: Page, answers: Answers): Promise<string> {
  const check = await walk(page, answers, {});
  const confirmation = await submit(page, check, () => {}, "Accept and send");
  expect(confirmation.path).toBe("/apply/confirmation");
  expect(squash(confirmation.document.title)).toBe(`Application sent – ${SERVICE_NAME}`);
  const reference = squash(confirmation.document.querySelector(".govuk-panel--confirmation strong")?.textContent);
  expect(reference).toMatch(REFERENCE_PATTERN);
  return reference;
}

/**
 * Opens a public page in the browser (after an HTTP fill, say). With JavaScript on it returns once
 * the page is hydrated: GOV.UK Frontend's modules are started from React effects, so Exit this
 * page set up means React handles the next click, as after a client-side navigation.
 */
export async function openPublicPage(page: Page, path: string): Promise<void> {
  await page.goto(path);
  if ((await page.locator("body.js-enabled").count()) === 0) return;
  await expect(page.locator(".govuk-exit-this-page")).toHaveAttribute("data-govuk-exit-this-page-init", "");
}
