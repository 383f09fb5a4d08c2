import { useEffect, type RefObject } from "react";

/** Component classes exported by the GOV.UK Frontend browser bundle that we use. */
export type GovukModuleName =
  | "Button"
  | "CharacterCount"
  | "Checkboxes"
  | "ErrorSummary"
  | "ExitThisPage"
  | "NotificationBanner"
  | "Radios"
  | "ServiceNavigation"
  | "SkipLink"
  | "Tabs";

export type GovukModule = new (element: Element, config?: object) => unknown;

let bundle: Promise<Record<string, unknown>> | undefined;

async function loadBundle(): Promise<Record<string, unknown>> {
  // The URL lives in a variable so esbuild (Remix classic compiler) leaves the
  // import alone: the bundle touches HTMLElement at module scope and must only
  // ever be evaluated in the browser.
  const url = "/assets/govuk-frontend.min.js";
  bundle ??= import(/* @vite-ignore */ url).catch((error: unknown) => {
    bundle = undefined; // let a later render retry after a failed load
    throw error;
  });
  return bundle;
}

/**
 * Initialises one GOV.UK Frontend component on the element in `ref`, in the
 * browser only. Pass `null` as the name to skip (hooks cannot be conditional).
 * Failures are swallowed: every component must work without JavaScript.
 */
export function useGovukModule(
  ref: RefObject<HTMLElement>,
  moduleName: GovukModuleName | null,
  config?: object,
  /** Returns a subclass of the module to use instead (to change one behaviour, keeping the rest). */
  customise?: (Module: GovukModule) => GovukModule,
): void {
  // No dependency list on purpose: the element can appear or be replaced on a
  // later render (for example an error summary after a failed submit). The
  // `data-<module>-init` check makes the repeat runs cheap no-ops.
  useEffect(() => {
    const element = ref.current;
    if (!element || !moduleName || isInitialised(element)) return;
    let cancelled = false;
    void (async () => {
      try {
        const Module = (await loadBundle())[moduleName] as GovukModule | undefined;
        // Re-check: the component may have unmounted or been initialised meanwhile.
        if (cancelled || typeof Module !== "function" || isInitialised(element)) return;
        new (customise ? customise(Module) : Module)(element, config);
      } catch {
        // Unsupported browser, missing bundle or bad markup: keep the no-JS page.
      }
    })();
    return () => {
      cancelled = true;
    };
  });
}

function isInitialised(element: HTMLElement): boolean {
  const name = element.getAttribute("data-module");
  return name !== null && element.hasAttribute(`data-${name}-init`);
}
