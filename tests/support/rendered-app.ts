// The whole Remix app in this process: the real routes, root layout, meta (titles) and
// entry.server, behind Remix's own request handler, as `node server.js` serves them but without
// the Express layer (security headers, cross-site refusal, body limits: tested against the real
// server). `HtmlBrowser` is a browser without JavaScript: it keeps cookies, follows redirects,
// reads each page's HTML (jsdom) and sends its forms as they are (tests/support/application-forms.ts).
import path from "node:path";
import { readConfig } from "@remix-run/dev/dist/config.js";
import { createRequestHandler, type AppLoadContext, type ServerBuild } from "@remix-run/node";
import * as entryServer from "~/entry.server";
import { getConfig } from "~/services/config.server";
import { readPage, type PageTransport, type ShownPage } from "./application-forms";

type Handler = (request: Request, context: AppLoadContext) => Promise<Response>;
type ManifestRoutes = ServerBuild["assets"]["routes"];

const handlers = new Map<string, Promise<Handler>>();

/**
 * Which routes to load: the public ones (the root, the form, the pages around it), all of them, or
 * the public ones and the staff routes named (with their parents).
 */
export type RouteSet = "public" | "all" | string[];

/** The server build, made from the route files in app/routes as `remix build` finds them. */
async function buildApp(set: RouteSet): Promise<ServerBuild> {
  const config = await readConfig(path.resolve("."));
  const routes: ServerBuild["routes"] = {};
  const manifest: ManifestRoutes = {};
  // Loading a route module costs its transform: a public page needs none of the staff routes.
  const named = new Set<string>();
  for (let id of Array.isArray(set) ? set : []) {
    for (; id && config.routes[id]; id = config.routes[id].parentId ?? "") named.add(id);
  }
  const wanted = Object.values(config.routes).filter((r) => set === "all" || !r.id.startsWith("routes/staff") || named.has(r.id));
  await Promise.all(
    wanted.map(async (route) => {
      const module = (await import(/* @vite-ignore */ path.join(config.appDirectory, route.file))) as ServerBuild["routes"][string]["module"];
      const { id, parentId, path: routePath, index, caseSensitive } = route;
      routes[id] = { id, parentId, path: routePath, index, caseSensitive, module };
      manifest[id] = {
        id,
        parentId,
        path: routePath,
        index,
        caseSensitive,
        // Never fetched: no JavaScript runs here.
        module: `/build/${id}.js`,
        imports: [],
        hasAction: "action" in module,
        hasLoader: "loader" in module,
        hasClientAction: false,
        hasClientLoader: false,
        hasErrorBoundary: "ErrorBoundary" in module,
      };
    }),
  );
  return {
    mode: "development",
    // entry.server's handleRequest is typed loosely (Promise<unknown>); it resolves to a Response.
    entry: { module: entryServer as unknown as ServerBuild["entry"]["module"] },
    routes,
    assets: { entry: { module: "/build/entry.client.js", imports: [] }, routes: manifest, url: "/build/manifest.js", version: "test" },
    publicPath: config.publicPath,
    assetsBuildDirectory: config.assetsBuildDirectory,
    future: config.future,
    isSpaMode: false,
  };
}

/** Remix's request handler over the app's own modules (made once per test file). */
export function appHandler(set: RouteSet = "public"): Promise<Handler> {
  const key = JSON.stringify(set);
  let handler = handlers.get(key);
  if (!handler) {
    handler = buildApp(set).then((build) => createRequestHandler(build, "development"));
    handlers.set(key, handler);
  }
  return handler;
}

/** A response, and the page it shows when it is HTML. */
export type Visit = ShownPage & { response: Response; html: string };

/**
 * A browser without JavaScript, in this process: cookies kept, redirects followed (303 and 302 as
 * GET), same-origin form posts as a browser sends them.
 */
let browsers = 0;
/** Each browser its own address (198.18.0.0/15, for tests), so per-address limits never join them. */
const nextAddress = () => {
  browsers += 1;
  return `198.18.${(browsers >> 8) & 255}.${browsers & 255}`;
};

export class HtmlBrowser implements PageTransport {
  private cookies = new Map<string, string>();
  readonly origin = new URL(getConfig().appUrl).origin;
  constructor(
    public ip = nextAddress(),
    private routes: RouteSet = "public",
  ) {}

  /** Sends one request, without following a redirect; cookies are read and kept. */
  async request(href: string, init: { method?: string; body?: URLSearchParams; headers?: Record<string, string> } = {}): Promise<Response> {
    const url = new URL(href, this.origin);
    // Express hands Remix the Host the browser sent; Remix compares a post's Origin with it.
    const headers = new Headers({ Host: url.host, "User-Agent": "Mozilla/5.0 (in-process test)", ...init.headers });
    if (this.cookies.size) headers.set("Cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    if (init.body) {
      headers.set("Content-Type", "application/x-www-form-urlencoded");
      if (!headers.has("Origin")) headers.set("Origin", this.origin);
    }
    const request = new Request(url, { method: init.method ?? (init.body ? "POST" : "GET"), headers, body: init.body });
    const response = await (await appHandler(this.routes))(request, { cspNonce: "test-nonce", requestId: "test", clientIp: this.ip });
    const all = response.headers as Headers & { getSetCookie?: () => string[] };
    const setCookies = all.getSetCookie?.() ?? (all.get("Set-Cookie") ? [all.get("Set-Cookie")!] : []);
    for (const setCookie of setCookies) {
      const [pair] = setCookie.split(";");
      const [name, ...value] = pair.split("=");
      const expired = /max-age=0|expires=thu, 01 jan 1970/i.test(setCookie);
      if (expired) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value.join("="));
    }
    return response;
  }

  private async visit(href: string, init: { body?: URLSearchParams; headers?: Record<string, string> } = {}): Promise<Visit> {
    let url = new URL(href, this.origin).href;
    let response = await this.request(url, init);
    for (let hops = 0; response.status >= 300 && response.status < 400; hops++) {
      if (hops > 10) throw new Error(`Too many redirects from ${href}`);
      url = new URL(response.headers.get("Location")!, url).href;
      response = await this.request(url);
    }
    const html = await response.text();
    return { ...readPage(html, url, response.status), response, html };
  }

  /** Opens an address, following redirects. */
  get(href: string): Promise<Visit> {
    return this.visit(href);
  }

  /** Posts a form body, following the redirect to the page it leads to. */
  post(href: string, body: URLSearchParams, headers: Record<string, string> = {}): Promise<Visit> {
    return this.visit(href, { body, headers });
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  /** Adds a cookie as a Cookie header pair ("name=value"), e.g. a staff session made directly. */
  setCookie(pair: string): void {
    const [name, ...value] = pair.split("=");
    this.cookies.set(name.trim(), value.join("="));
  }
}
