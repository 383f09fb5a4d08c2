import { useRef, type ReactNode } from "react";
import { useGovukModule } from "./use-govuk-module";
import { cx } from "./utils";

export interface ButtonProps {
  children: ReactNode;
  type?: "submit" | "button" | "reset";
  variant?: "secondary" | "warning" | "inverse";
  /** Call-to-action style with the arrow icon, for the start of a service. */
  isStartButton?: boolean;
  /** Ignores a second click within a second, so forms are not sent twice. */
  preventDoubleClick?: boolean;
  name?: string;
  value?: string;
  /** Renders a link styled as a button instead of a `<button>`. */
  href?: string;
  className?: string;
}

export function Button({
  children,
  type = "submit",
  variant,
  isStartButton,
  preventDoubleClick,
  name,
  value,
  href,
  className,
}: ButtonProps) {
  const ref = useRef<HTMLButtonElement & HTMLAnchorElement>(null);
  // Link buttons need the script so the space bar activates them, as it does a real button.
  useGovukModule(ref, preventDoubleClick || href ? "Button" : null);
  const classes = cx(
    "govuk-button",
    variant && `govuk-button--${variant}`,
    className,
    isStartButton && "govuk-button--start",
  );
  const icon = isStartButton ? <StartIcon /> : null;
  if (href) {
    return (
      <a ref={ref} href={href} role="button" draggable="false" className={classes} data-module="govuk-button">
        {children}
        {icon}
      </a>
    );
  }
  return (
    <button
      ref={ref}
      type={type}
      value={value}
      name={name}
      data-prevent-double-click={preventDoubleClick ? "true" : undefined}
      className={classes}
      data-module="govuk-button"
    >
      {children}
      {icon}
    </button>
  );
}

function StartIcon() {
  return (
    <svg
      className="govuk-button__start-icon"
      xmlns="http://www.w3.org/2000/svg"
      width="17.5"
      height="19"
      viewBox="0 0 33 40"
      aria-hidden="true"
      focusable="false"
    >
      <path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z" />
    </svg>
  );
}
