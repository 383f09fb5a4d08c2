// Renders a route's page to HTML in-process, as the server would, from its loader's real data:
// a static data router holding the one route, so `useLoaderData` and links work without a server.
import { JSDOM } from "jsdom";
import type { ComponentType } from "react";
import { renderToString } from "react-dom/server";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";

type RouteModule = { default: ComponentType; loader?: (args: never) => unknown };

/** The page `route` shows for `data` (a loader's result) at `path`, as a DOM to query. */
export async function renderPage(route: RouteModule, data: unknown, path = "/"): Promise<Document> {
  const routes = [{ id: "page", path: new URL(path, "http://localhost").pathname, loader: () => data as Record<string, unknown> | null, Component: route.default }];
  const handler = createStaticHandler(routes);
  const context = await handler.query(new Request(new URL(path, "http://localhost:3000")));
  if (context instanceof Response) throw new Error(`the route answered ${context.status}`);
  const router = createStaticRouter(handler.dataRoutes, context);
  const html = renderToString(<StaticRouterProvider router={router} context={context} hydrate={false} />);
  return new JSDOM(`<!doctype html><body>${html}</body>`, { url: new URL(path, "http://localhost:3000").href }).window.document;
}

/** The text of a page's element, with its whitespace tidied. */
export const textOf = (doc: Document, selector: string) => (doc.querySelector(selector)?.textContent ?? "").replace(/\s+/g, " ").trim();
