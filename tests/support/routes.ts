// Calls route loaders and actions directly with real Requests, carrying cookies between
// calls like a browser does. No server; the real database of this test worker.
import { json, type ActionFunctionArgs, type AppLoadContext, type LoaderFunctionArgs } from "@remix-run/node";

const BASE = "http://localhost:3000";

type Loader = (args: LoaderFunctionArgs) => unknown;
type Action = (args: ActionFunctionArgs) => unknown;

export class Browser {
  private cookies = new Map<string, string>();
  constructor(public ip = "203.0.113.7") {}

  private context(): AppLoadContext {
    return { cspNonce: "test", requestId: "test", clientIp: this.ip };
  }

  private headers(extra: Record<string, string> = {}): Headers {
    const h = new Headers(extra);
    if (this.cookies.size) h.set("Cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    return h;
  }

  private remember(response: Response) {
    const headers = response.headers as Headers & { getSetCookie?: () => string[] };
    const all = headers.getSetCookie?.() ?? (headers.get("Set-Cookie") ? [headers.get("Set-Cookie")!] : []);
    for (const setCookie of all) {
      const [pair] = setCookie.split(";");
      const [name, ...value] = pair.split("=");
      this.cookies.set(name.trim(), value.join("="));
    }
  }

  /** Runs a loader; a thrown redirect/Response is returned instead of thrown. */
  async get(path: string, loader: Loader, params: Record<string, string> = {}): Promise<Response> {
    const request = new Request(BASE + path, { headers: this.headers() });
    return this.settle(() => loader({ request, params, context: this.context() }));
  }

  async post(
    path: string,
    action: Action,
    body: URLSearchParams,
    params: Record<string, string> = {},
  ): Promise<Response> {
    const request = new Request(BASE + path, {
      method: "POST",
      body,
      headers: this.headers({ "Content-Type": "application/x-www-form-urlencoded" }),
    });
    return this.settle(() => action({ request, params, context: this.context() }));
  }

  private async settle(run: () => unknown): Promise<Response> {
    const result = await settled(run);
    const response = result instanceof Response ? result : json(result);
    this.remember(response);
    return response;
  }

  forgetCookies() {
    this.cookies.clear();
  }
}

/** What a loader or action gives: its value, or the Response it threw (a redirect, a 403…). */
export async function settled(run: () => unknown): Promise<unknown> {
  try {
    return await run();
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

export function locationOf(response: Response): string | null {
  return response.headers.get("Location");
}
