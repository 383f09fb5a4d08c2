// The public application's forms read and sent as a browser without JavaScript sends them, over
// any transport: the running e2e server (tests/e2e/support/application-http.ts) or the app in
// this process (tests/support/rendered-app.ts). Each page's HTML is parsed (jsdom) and its form
// is sent with every field it holds (hidden ones and the honeypot included), the answers set on
// the controls found by their labels, to the form's own action.
// Nothing here imports Playwright or Vitest: a broken assumption throws.
import { JSDOM, type DOMWindow } from "jsdom";
import { SERVICE_NAME } from "~/components/page-title";
import type { StepName } from "../e2e/support/journey";
import type { Answers, ChildAnswers, DateParts } from "../e2e/support/test-data";

/**
 * A page as the server sent it: where it is, its status and its document, and the window whose
 * FormData reads its forms (the document may be parsed by that window's DOMParser, so addresses in
 * it are resolved against `url` here, never by the DOM).
 */
export type ShownPage = { path: string; url: string; status: number; document: Document; window: DOMWindow };

/** How pages are fetched: `get` opens an address, `post` sends a url-encoded body; both follow redirects. */
export type PageTransport = {
  get(href: string): Promise<ShownPage>;
  post(href: string, body: URLSearchParams): Promise<ShownPage>;
};

export type FillOptions = {
  /** Stop on arrival at this page without answering it. Defaults to "check". */
  stopAt?: StepName;
};

// One window parses every page: a new JSDOM window per page costs about three times the parse.
let parser: { window: DOMWindow; domParser: DOMParser } | undefined;

/** A page from the HTML a response at `url` carried. */
export function readPage(html: string, url: string, status: number): ShownPage {
  if (!parser) {
    const { window } = new JSDOM("");
    parser = { window, domParser: new window.DOMParser() };
  }
  return { path: new URL(url).pathname, url, status, document: parser.domParser.parseFromString(html, "text/html"), window: parser.window };
}

export const squash = (text: string | null | undefined) => (text ?? "").replace(/\s+/g, " ").trim();

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
export function group(scope: ParentNode, legend: string): HTMLFieldSetElement {
  return only(Array.from(scope.querySelectorAll("fieldset")), legend, "group", (f) =>
    squash(f.querySelector("legend")?.textContent),
  );
}

/** The control a label names (like `getByLabel(text, { exact: true })`). */
export function control(scope: ParentNode, label: string | RegExp): HTMLInputElement | HTMLTextAreaElement {
  const found = only(Array.from(scope.querySelectorAll("label")), label, "label", (l) => squash(l.textContent));
  const target = found.control;
  if (!target || !(target.tagName === "INPUT" || target.tagName === "TEXTAREA")) {
    throw new Error(`The label "${String(label)}" names no input`);
  }
  return target as HTMLInputElement | HTMLTextAreaElement;
}

export function fill(scope: ParentNode, label: string | RegExp, value: string): void {
  control(scope, label).value = value;
}

export function check(scope: ParentNode, label: string, checked = true): void {
  const box = control(scope, label) as HTMLInputElement;
  if (box.type !== "radio" && box.type !== "checkbox") throw new Error(`"${label}" is not a radio or checkbox`);
  box.checked = checked;
}

export function fillDate(scope: ParentNode, date: DateParts): void {
  fill(scope, "Day", date.day);
  fill(scope, "Month", date.month);
  fill(scope, "Year", date.year);
}

/** The link (or link styled as a button) with this text. */
export function link(shown: ShownPage, text: string): HTMLAnchorElement {
  return only(Array.from(shown.document.querySelectorAll("a")), text, "link", (a) => squash(a.textContent));
}

/** An address on the page (a link's href, a form's action), resolved as a browser does. */
export function resolve(shown: ShownPage, address: string | null): string {
  return new URL(address ?? "", shown.url).href.replace(/#.*$/, "");
}

/** Follows the link with this text. */
export async function follow(transport: PageTransport, shown: ShownPage, text: string): Promise<ShownPage> {
  return transport.get(resolve(shown, link(shown, text).getAttribute("href")));
}

/** The form whose button is `button`. */
export function formOf(shown: ShownPage, button = "Continue"): HTMLFormElement {
  const buttons = Array.from(shown.document.querySelectorAll("form button")) as HTMLButtonElement[];
  const form = only(buttons, button, "button", (b) => squash(b.textContent)).form;
  if (!form) throw new Error(`The button "${button}" is in no form`);
  return form;
}

/** What a browser sends for `form` on `shown`: its fields, url-encoded, to its action. */
export function formRequest(shown: ShownPage, form: HTMLFormElement): { action: string; body: URLSearchParams } {
  const body = new URLSearchParams();
  for (const [name, value] of new shown.window.FormData(form)) body.append(name, String(value));
  return { action: resolve(shown, form.getAttribute("action")), body };
}

/**
 * Sends the form whose button is `button`, after `answer` has set its controls: the fields a browser
 * would send, url-encoded, to the form's action; then the page the server's redirect leads to.
 */
export async function submit(
  transport: PageTransport,
  shown: ShownPage,
  answer: (form: HTMLFormElement) => void,
  button = "Continue",
): Promise<ShownPage> {
  const form = formOf(shown, button);
  answer(form);
  const { action, body } = formRequest(shown, form);
  return transport.post(action, body);
}

/** Checks the page is the one expected and shows no errors; true when the fill should stop here. */
function arrive(shown: ShownPage, step: StepName, path: RegExp, options: FillOptions): boolean {
  const title = squash(shown.document.title);
  if (title.startsWith("Error: ")) {
    const summary = squash(shown.document.querySelector(".govuk-error-summary")?.textContent);
    throw new Error(`${shown.path} was shown again with errors: ${summary}`);
  }
  if (shown.status !== 200) throw new Error(`${shown.path} answered ${shown.status}`);
  if (!path.test(shown.path)) throw new Error(`Expected the page for "${step}" (${String(path)}), was at ${shown.path}`);
  return (options.stopAt ?? "check") === step;
}

export function answerApplicant(form: HTMLFormElement, a: Answers["applicant"]): void {
  fill(form, "Full name", a.fullName);
  fillDate(group(form, "Date of birth"), a.dob);
  fill(form, "Address line 1", a.addressLine1);
  fill(form, "Town or city", a.town);
  fill(form, "Postcode", a.postcode);
  check(group(form, "Do you need an interpreter?"), a.interpreter);
}

export function answerContact(form: HTMLFormElement, c: Answers["contact"]): void {
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

export function answerChild(form: HTMLFormElement, child: ChildAnswers): void {
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

export function answerSubject(form: HTMLFormElement, s: Answers["subject"]): void {
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

export function answerSubjectContact(form: HTMLFormElement, answers: Answers): void {
  const types = group(form, "How does the person have contact with the child or children?");
  for (const type of answers.contactTypes) check(types, type);
  if (answers.contactDetails) fill(form, /^Tell us more about the contact/, answers.contactDetails);
}

export function answerDeclarations(form: HTMLFormElement): void {
  const declarations = Array.from(group(form, "Declaration").querySelectorAll<HTMLInputElement>("input[type=checkbox]"));
  if (declarations.length !== 4) throw new Error(`Expected 4 declarations, found ${declarations.length}`);
  for (const box of declarations) box.checked = true;
}

/**
 * Answers the questions from the start page to check answers (or to `stopAt`, unanswered), like
 * `fillApplication` in the browser; returns the page it stopped at.
 */
export async function walkApplication(transport: PageTransport, answers: Answers, options: FillOptions = {}): Promise<ShownPage> {
  let shown = await transport.get("/");
  if (arrive(shown, "start", /^\/$/, options)) return shown;
  shown = await follow(transport, shown, "Start now");

  if (arrive(shown, "danger", /^\/apply\/danger$/, options)) return shown;
  shown = await submit(transport, shown, (f) => check(group(f, "Is a child in danger now?"), answers.childInDanger));

  if (answers.childInDanger === "Yes") {
    if (arrive(shown, "call-999", /^\/apply\/call-999$/, options)) return shown;
    shown = await follow(transport, shown, "Continue with the application");
  }

  if (arrive(shown, "applicant", /^\/apply\/applicant$/, options)) return shown;
  shown = await submit(transport, shown, (f) => answerApplicant(f, answers.applicant));

  if (arrive(shown, "contact", /^\/apply\/contact$/, options)) return shown;
  shown = await submit(transport, shown, (f) => answerContact(f, answers.contact));

  for (const [i, child] of answers.children.entries()) {
    if (arrive(shown, "child", new RegExp(`^/apply/children/${i + 1}$`), options)) return shown;
    shown = await submit(transport, shown, (f) => answerChild(f, child));
    if (arrive(shown, "children", /^\/apply\/children$/, options)) return shown;
    const heading = squash(shown.document.querySelector("h1")?.textContent);
    const expected = `You have added ${i + 1} ${i === 0 ? "child" : "children"}`;
    if (heading !== expected) throw new Error(`Expected "${expected}", the page said "${heading}"`);
    const another = i + 1 < answers.children.length ? "Yes" : "No";
    shown = await submit(transport, shown, (f) => check(group(f, "Do you need to add another child?"), another));
  }

  if (arrive(shown, "subject", /^\/apply\/subject$/, options)) return shown;
  shown = await submit(transport, shown, (f) => answerSubject(f, answers.subject));

  if (arrive(shown, "subject-contact", /^\/apply\/subject-contact$/, options)) return shown;
  shown = await submit(transport, shown, (f) => answerSubjectContact(f, answers));

  if (arrive(shown, "concern", /^\/apply\/concern$/, options)) return shown;
  shown = await submit(transport, shown, (f) => fill(f, "Why are you worried about the person?", answers.concern));

  if (arrive(shown, "declarations", /^\/apply\/declarations$/, options)) return shown;
  shown = await submit(transport, shown, answerDeclarations);

  arrive(shown, "check", /^\/apply\/check$/, options);
  const title = squash(shown.document.title);
  if (title !== `Check your answers before sending your application – ${SERVICE_NAME}`) {
    throw new Error(`Check answers had the title "${title}"`);
  }
  return shown;
}

/** The reference a confirmation page shows, after checking it is the confirmation. */
export function confirmedReference(shown: ShownPage): string {
  if (shown.status !== 200) throw new Error(`${shown.path} answered ${shown.status}`);
  if (shown.path !== "/apply/confirmation") throw new Error(`Expected the confirmation, was at ${shown.path}`);
  const title = squash(shown.document.title);
  if (title !== `Application sent – ${SERVICE_NAME}`) throw new Error(`The confirmation had the title "${title}"`);
  const reference = squash(shown.document.querySelector(".govuk-panel--confirmation strong")?.textContent);
  if (!/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/.test(reference)) throw new Error(`Not a reference: "${reference}"`);
  return reference;
}

/** Answers every question and sends the application ("Accept and send"); returns the reference. */
export async function sendApplicationOver(transport: PageTransport, answers: Answers): Promise<string> {
  const checkAnswers = await walkApplication(transport, answers);
  return confirmedReference(await submit(transport, checkAnswers, () => {}, "Accept and send"));
}
