import type { LinksFunction } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { GenericHeader } from "./components/generic-header";
import { ExitThisPage, ServiceNavigation, SkipLink } from "./components/govuk";
import { SiteFooter } from "./components/site-footer";
import { StaffNavigation } from "./components/staff-navigation";
import { SERVICE_NAME } from "./components/page-title";
import { useNonce } from "./nonce";
import { getConfig } from "./services/config.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: "/assets/govuk-frontend.min.css" },
  { rel: "stylesheet", href: "/app.css" },
  { rel: "icon", href: "data:," },
];

export async function loader() {
  const { forceName } = getConfig();
  return { forceName };
}

function Document({ children, title }: { children: ReactNode; title?: string }) {
  const nonce = useNonce();
  const data = useRouteLoaderData<typeof loader>("root");
  const location = useLocation();
  const isPublic = !location.pathname.startsWith("/staff");
  useRefuseBackForwardCache();
  return (
    <html lang="en" className="govuk-template">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <meta name="theme-color" content="#1d70b8" />
        {/* Keep the service out of search results and link previews: visiting it can put someone at risk. */}
        <meta name="robots" content="noindex, nofollow" />
        {title ? <title>{title}</title> : null}
        <Meta />
        <Links />
      </head>
      {/* The className must stay static: the inline script below adds classes React must not remove. */}
      <body className="govuk-template__body" suppressHydrationWarning>
        <script
          nonce={nonce}
          // A constant string from the GOV.UK template: no user data.
          dangerouslySetInnerHTML={{
            __html:
              "document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');",
          }}
        />
        <SkipLink href="#main-content" />
        <header className="govuk-template__header">
          <GenericHeader name={data?.forceName ?? "Police"} />
          {isPublic ? (
            <ServiceNavigation serviceName={SERVICE_NAME} serviceUrl="/" />
          ) : (
            <StaffNavigation />
          )}
        </header>
        <div className="govuk-width-container">
          {/* Leaves through /exit, which deletes the answers before going to the neutral page. */}
          {isPublic ? <ExitThisPage redirectUrl="/exit" replaceHistory /> : null}
          <main className="govuk-main-wrapper" id="main-content">
            {children}
          </main>
        </div>
        <SiteFooter
          forceName={data?.forceName ?? "the police"}
          links={[
            { href: "/privacy", text: "Privacy notice" },
            { href: "/accessibility", text: "Accessibility statement" },
          ]}
        />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

/**
 * Pages hold answers and case data and are sent no-store; should a browser still restore one from
 * its back-forward cache (after Exit this page, or after signing out), fetch it again instead.
 */
function useRefuseBackForwardCache() {
  useEffect(() => {
    const onPageShow = (event: PageTransitionEvent) => {
      if (event.persisted) window.location.reload();
    };
    window.addEventListener("pageshow", onPageShow);
    return () => window.removeEventListener("pageshow", onPageShow);
  }, []);
}

export default function App() {
  return (
    <Document>
      <Outlet />
    </Document>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  const forbidden = isRouteErrorResponse(error) && error.status === 403;
  const title = notFound
    ? "Page not found"
    : forbidden
      ? "You do not have permission to do this"
      : "Sorry, there is a problem with the service";
  return (
    <Document title={`${title} – ${SERVICE_NAME}`}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">{title}</h1>
          {notFound ? (
            <p className="govuk-body">If you typed the web address, check it is correct.</p>
          ) : forbidden ? (
            <p className="govuk-body">If you think you should be able to, ask your administrator.</p>
          ) : (
            <p className="govuk-body">Try again later.</p>
          )}
          <p className="govuk-body">
            <a className="govuk-link" href="/">
              Go to the start page
            </a>
          </p>
          <p className="govuk-body">If a child is in danger now, call 999.</p>
        </div>
      </div>
    </Document>
  );
}
