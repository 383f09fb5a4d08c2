// A case's staff pages in-process, as one signed-in person sees them: each page's real loader and
// action with real Requests, carrying the session cookie and the one-time form result (the errors
// shown after a refused POST) between calls like a browser. No server; the worker's own database.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import type { StaffUser } from "../../db/schema";
import { totpCode, currentStep } from "~/services/totp.server";
import { Browser, locationOf } from "./routes";
import { signedIn } from "./staff";

type Loader = (args: LoaderFunctionArgs) => unknown;
type Action = (args: ActionFunctionArgs) => unknown;
/** A loader's data as the page receives it (JSON: dates become strings). */
type PageData<L extends Loader> = Exclude<Awaited<ReturnType<L>>, Response>;
export type Fields = Record<string, string | readonly string[] | undefined>;

export class CasePages {
  private constructor(
    private browser: Browser,
    readonly csrf: string,
  ) {}

  /** A new session of `user`, as if they had just signed in. */
  static async of(user: Pick<StaffUser, "id">): Promise<CasePages> {
    const { cookie, csrfToken } = await signedIn(user.id);
    const browser = new Browser("127.0.0.1");
    // The session cookie, kept as the browser would keep it from the sign-in page's response.
    await browser.get("/staff", () => new Response(null, { headers: { "Set-Cookie": `${cookie}; Path=/; HttpOnly` } }));
    return new CasePages(browser, csrfToken);
  }

  /** A GET of /staff/cases/:caseId/<stage> ("" for the case page): the loader's response (a redirect, say). */
  open(caseId: number, stage: string, route: { loader: Loader }): Promise<Response> {
    return this.browser.get(pathOf(caseId, stage), route.loader, { caseId: String(caseId) });
  }

  /** The page at /staff/cases/:caseId/<stage> ("" for the case page): its loader's data. */
  async view<L extends Loader>(caseId: number, stage: string, route: { loader: L }): Promise<PageData<L>> {
    const response = await this.open(caseId, stage, route);
    if (response.status !== 200) throw new Error(`GET ${pathOf(caseId, stage)}: ${response.status} to ${locationOf(response)}`);
    return (await response.json()) as PageData<L>;
  }

  /** Posts the page's form (with its form token, as the page sends it); the response (a 303 as a rule). */
  async send(caseId: number, stage: string, route: { action: Action }, fields: Fields): Promise<Response> {
    const body = new URLSearchParams({ csrf: this.csrf });
    for (const [name, value] of Object.entries(fields)) {
      if (value === undefined) continue;
      for (const v of typeof value === "string" ? [value] : value) body.append(name, v);
    }
    return this.browser.post(pathOf(caseId, stage), route.action, body, { caseId: String(caseId) });
  }
}

function pathOf(caseId: number, stage: string) {
  return `/staff/cases/${caseId}${stage ? `/${stage}` : ""}`;
}

/** Where a response sends the browser: the path of its Location (or null). */
export const redirectedTo = (response: Response) => {
  const location = locationOf(response);
  return location === null ? null : new URL(location, "http://localhost:3000").pathname;
};

/** The current code of a person's authenticator (each person's step is accepted once). */
export const codeOf = (totpSecret: string) => totpCode(totpSecret, currentStep(new Date()));

/** The messages a page shows in its error summary after a refused POST (from its loader's `lastResult`). */
export function errorsOf(page: { lastResult?: { error?: Record<string, string[] | null | undefined> } | null }): Record<string, string[]> {
  return Object.fromEntries(Object.entries(page.lastResult?.error ?? {}).filter((e): e is [string, string[]] => Array.isArray(e[1]) && e[1].length > 0));
}
