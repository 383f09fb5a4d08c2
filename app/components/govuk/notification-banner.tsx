import type { ReactNode } from "react";
import { cx } from "./utils";

export interface NotificationBannerProps {
  title?: ReactNode;
  /** "success" confirms an action and is announced immediately (role="alert"). */
  type?: "success";
  /** A plain string is styled as the banner heading; pass elements for richer content. */
  children: ReactNode;
}

export function NotificationBanner({ title, type, children }: NotificationBannerProps) {
  const success = type === "success";
  return (
    <div
      className={cx("govuk-notification-banner", success && "govuk-notification-banner--success")}
      role={success ? "alert" : "region"}
      aria-labelledby="govuk-notification-banner-title"
      data-module="govuk-notification-banner"
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="govuk-notification-banner-title">
          {title ?? (success ? "Success" : "Important")}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        {typeof children === "string" ? (
          <p className="govuk-notification-banner__heading">{children}</p>
        ) : (
          children
        )}
      </div>
    </div>
  );
}
