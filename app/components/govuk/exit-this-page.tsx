import { useRef, type ReactNode } from "react";
import { useGovukModule, type GovukModule } from "./use-govuk-module";

export interface ExitThisPageProps {
  /** A neutral page to jump to, for example a weather or news site. */
  redirectUrl: string;
  /** Replaces the default "Emergency Exit this page" wording. */
  text?: ReactNode;
  /** Translations for the messages the script announces (data-i18n attributes). */
  activatedText?: string;
  timedOutText?: string;
  pressTwoMoreTimesText?: string;
  pressOneMoreTimeText?: string;
  /**
   * Leave with `location.replace` instead of following the link, so the page being left is taken
   * out of the browser history and Back does not return to it.
   */
  replaceHistory?: boolean;
}

/** The fields of GOV.UK Frontend's ExitThisPage that exitPage() uses. */
type ExitThisPageInstance = {
  $button: HTMLAnchorElement;
  $updateSpan?: HTMLElement;
  $overlay?: HTMLElement | null;
  i18n: { t: (key: string) => string };
};

/** GOV.UK's ExitThisPage with one change: exitPage() replaces the history entry. */
function replacingHistory(Base: GovukModule): GovukModule {
  return class extends (Base as new (element: Element, config?: object) => ExitThisPageInstance) {
    exitPage() {
      if (!this.$updateSpan) return;
      this.$updateSpan.textContent = "";
      document.body.classList.add("govuk-exit-this-page-hide-content");
      const overlay = document.createElement("div");
      overlay.className = "govuk-exit-this-page-overlay";
      overlay.setAttribute("role", "alert");
      overlay.textContent = this.i18n.t("activated");
      document.body.appendChild(overlay);
      this.$overlay = overlay;
      window.location.replace(this.$button.href);
    }
  } as GovukModule;
}

/** Works as a plain link without JavaScript; the script adds the Shift-key shortcut. */
export function ExitThisPage({
  redirectUrl,
  text,
  activatedText,
  timedOutText,
  pressTwoMoreTimesText,
  pressOneMoreTimeText,
  replaceHistory = false,
}: ExitThisPageProps) {
  const ref = useRef<HTMLDivElement>(null);
  useGovukModule(ref, "ExitThisPage", undefined, replaceHistory ? replacingHistory : undefined);
  // Dotted data attribute names cannot be written as JSX attributes.
  const i18n = {
    "data-i18n.activated": activatedText,
    "data-i18n.timed-out": timedOutText,
    "data-i18n.press-two-more-times": pressTwoMoreTimesText,
    "data-i18n.press-one-more-time": pressOneMoreTimeText,
  };
  return (
    <div ref={ref} className="govuk-exit-this-page" data-module="govuk-exit-this-page" {...i18n}>
      <a
        href={redirectUrl}
        role="button"
        draggable="false"
        className="govuk-button govuk-button--warning govuk-exit-this-page__button govuk-js-exit-this-page-button"
        data-module="govuk-button"
        rel="nofollow noreferrer"
      >
        {text ?? (
          <>
            <span className="govuk-visually-hidden">Emergency</span> Exit this page
          </>
        )}
      </a>
    </div>
  );
}
