// GOV.UK timeout warning: two minutes before the idle timeout a modal dialog says so, with "Stay
// signed in" (a background POST: nothing typed on the page is lost). If nobody answers, the page
// signs out and, after signing in again, the person comes back here. Without JavaScript, a
// <noscript> refresh opens the warning as a page of its own (/staff/still-there).
import { useLocation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { idleTimes, WARNING_BEFORE_MS } from "~/domain/idle";
import { CSRF_FIELD } from "~/domain/staff-schemas";

export function IdleWarning({ idleMinutes, csrfToken }: { idleMinutes: number; csrfToken: string }) {
  const location = useLocation();
  const dialog = useRef<HTMLDialogElement>(null);
  const [restarted, setRestarted] = useState(0);
  const [problem, setProblem] = useState(false);
  const { warnAfterMs, endAfterMs } = idleTimes(idleMinutes);
  const here = `${location.pathname}${location.search}`;

  useEffect(() => {
    const post = (intent: "stay" | "end") => {
      const body = new FormData();
      body.set(CSRF_FIELD, csrfToken);
      body.set("intent", intent);
      body.set("return", here);
      return fetch("/staff/keep-alive", { method: "POST", body, credentials: "same-origin" });
    };
    const warn = window.setTimeout(() => {
      if (dialog.current && !dialog.current.open) dialog.current.showModal();
    }, warnAfterMs);
    const end = window.setTimeout(() => {
      void post("end")
        .catch(() => undefined)
        .finally(() => window.location.assign("/staff/session-ended?reason=idle"));
    }, endAfterMs);
    const stay = async () => {
      try {
        const response = await post("stay");
        if (!response.ok) throw new Error(String(response.status));
        setProblem(false);
        dialog.current?.close();
        setRestarted((n) => n + 1);
      } catch {
        setProblem(true);
      }
    };
    const button = dialog.current?.querySelector<HTMLButtonElement>("[data-stay]");
    button?.addEventListener("click", stay);
    return () => {
      window.clearTimeout(warn);
      window.clearTimeout(end);
      button?.removeEventListener("click", stay);
    };
  }, [location.key, restarted, warnAfterMs, endAfterMs, csrfToken, here]);

  const minutes = WARNING_BEFORE_MS / 60_000;
  return (
    <>
      <noscript>
        <meta httpEquiv="refresh" content={`${Math.floor(warnAfterMs / 1000)};url=/staff/still-there?return=${encodeURIComponent(here)}`} />
      </noscript>
      <dialog ref={dialog} className="app-timeout-dialog" aria-labelledby="app-timeout-heading" aria-describedby="app-timeout-text">
        <h2 className="govuk-heading-m" id="app-timeout-heading">
          You are about to be signed out
        </h2>
        <p className="govuk-body" id="app-timeout-text">
          For your security, we will sign you out in {minutes} minutes because you have done nothing for a while. Anything you
          have not saved will be lost.
        </p>
        {problem ? (
          <p className="govuk-error-message" role="alert">
            <span className="govuk-visually-hidden">Error:</span> We could not keep you signed in. Save your work now.
          </p>
        ) : null}
        <div className="govuk-button-group">
          <button type="button" className="govuk-button govuk-!-margin-bottom-0" data-stay>
            Stay signed in
          </button>
        </div>
      </dialog>
    </>
  );
}
