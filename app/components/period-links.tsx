// Links to the same page for the other periods (years), the one shown in bold and not a link
// (aria-current="page"): the statistics' financial years and the bank holidays' years.
import { Link } from "@remix-run/react";

export type PeriodLink = { key: number; label: string; href: string; current: boolean };

/** `inline`: the links side by side (short labels such as "2026"); else one a line. */
export function PeriodLinks({ links, inline = false }: { links: PeriodLink[]; inline?: boolean }) {
  return (
    <ul className="govuk-list">
      {links.map((link) => (
        <li key={link.key} className={inline ? "govuk-!-display-inline-block govuk-!-margin-right-3" : undefined}>
          {link.current ? (
            <strong aria-current="page">{link.label}</strong>
          ) : (
            <Link className="govuk-link" to={link.href}>
              {link.label}
            </Link>
          )}
        </li>
      ))}
    </ul>
  );
}
