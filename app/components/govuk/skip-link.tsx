import { useRef, type ReactNode } from "react";
import { useGovukModule } from "./use-govuk-module";

export interface SkipLinkProps {
  href?: string;
  children?: ReactNode;
}

export function SkipLink({ href = "#main-content", children = "Skip to main content" }: SkipLinkProps) {
  const ref = useRef<HTMLAnchorElement>(null);
  useGovukModule(ref, "SkipLink");
  return (
    <a ref={ref} href={href} className="govuk-skip-link" data-module="govuk-skip-link">
      {children}
    </a>
  );
}
