import { useRef, type ReactNode } from "react";
import { useGovukModule } from "./use-govuk-module";

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
}

/** Works as a plain link without JavaScript; the script adds the Shift-key shortcut. */
export function ExitThisPage({
  redirectUrl,
  text,
  activatedText,
  timedOutText,
  pressTwoMoreTimesText,
  pressOneMoreTimeText,
}: ExitThisPageProps) {
  const ref = useRef<HTMLDivElement>(null);
  useGovukModule(ref, "ExitThisPage");
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
