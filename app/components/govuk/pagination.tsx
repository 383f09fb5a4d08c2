import type { ReactNode } from "react";
import { cx } from "./utils";

export interface PaginationLink {
  href: string;
  /** Replaces "Previous page" / "Next page" (the visually hidden " page" included). */
  text?: ReactNode;
  /** A second line under the text, shown only without numbered items (block style). */
  labelText?: string;
}

export type PaginationItem =
  | { number: number | string; href: string; current?: boolean; /** Replaces "Page N" for screen readers. */ visuallyHiddenText?: string }
  | { ellipsis: true };

export interface PaginationProps {
  previous?: PaginationLink;
  next?: PaginationLink;
  items?: PaginationItem[];
  /** The nav landmark's name (default "Pagination"). */
  landmarkLabel?: string;
  className?: string;
}

// Components, not elements made when the module loads: nothing in the server bundle renders at
// import, so a start that must fail (production refusing unsafe settings) reaches its own check.
const ArrowPrevious = () => (
  <svg className="govuk-pagination__icon govuk-pagination__icon--prev" xmlns="http://www.w3.org/2000/svg" height="13" width="15" aria-hidden="true" focusable="false" viewBox="0 0 15 13">
    <path d="m6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z" />
  </svg>
);

const ArrowNext = () => (
  <svg className="govuk-pagination__icon govuk-pagination__icon--next" xmlns="http://www.w3.org/2000/svg" height="13" width="15" aria-hidden="true" focusable="false" viewBox="0 0 15 13">
    <path d="m8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z" />
  </svg>
);

/** GOV.UK pagination. Without numbered items it is the block style (previous and next stacked). */
export function Pagination({ previous, next, items, landmarkLabel = "Pagination", className }: PaginationProps) {
  const blockLevel = !items?.length && Boolean(previous || next);
  const arrowLink = (link: PaginationLink, type: "prev" | "next") => (
    <div className={`govuk-pagination__${type}`}>
      <a className="govuk-link govuk-pagination__link" href={link.href} rel={type}>
        {blockLevel || type === "prev" ? (type === "prev" ? <ArrowPrevious /> : <ArrowNext />) : null}
        <span className={cx("govuk-pagination__link-title", blockLevel && !link.labelText && "govuk-pagination__link-title--decorated")}>
          {link.text ?? (
            <>
              {type === "prev" ? "Previous" : "Next"}
              <span className="govuk-visually-hidden"> page</span>
            </>
          )}
        </span>
        {link.labelText && blockLevel ? (
          <>
            <span className="govuk-visually-hidden">:</span>
            <span className="govuk-pagination__link-label">{link.labelText}</span>
          </>
        ) : null}
        {!blockLevel && type === "next" ? <ArrowNext /> : null}
      </a>
    </div>
  );
  return (
    <nav className={cx("govuk-pagination", blockLevel && "govuk-pagination--block", className)} aria-label={landmarkLabel}>
      {previous ? arrowLink(previous, "prev") : null}
      {items?.length ? (
        <ul className="govuk-pagination__list">
          {items.map((item, index) =>
            "ellipsis" in item ? (
              <li key={`ellipsis-${index}`} className="govuk-pagination__item govuk-pagination__item--ellipsis">
                {"\u22EF"}
              </li>
            ) : (
              <li key={`${item.number}`} className={cx("govuk-pagination__item", item.current && "govuk-pagination__item--current")}>
                <a
                  className="govuk-link govuk-pagination__link"
                  href={item.href}
                  aria-label={item.visuallyHiddenText ?? `Page ${item.number}`}
                  aria-current={item.current ? "page" : undefined}
                >
                  {item.number}
                </a>
              </li>
            ),
          )}
        </ul>
      ) : null}
      {next ? arrowLink(next, "next") : null}
    </nav>
  );
}

/**
 * The numbered items for page `page` of `pageCount`: the first and last pages, this page and the
 * pages either side of it, with an ellipsis for each gap (GOV.UK's advice for many pages).
 */
export function paginationItems(page: number, pageCount: number, href: (page: number) => string): PaginationItem[] {
  const shown = [...new Set([1, page - 1, page, page + 1, pageCount])].filter((n) => n >= 1 && n <= pageCount).sort((a, b) => a - b);
  const items: PaginationItem[] = [];
  shown.forEach((n, i) => {
    if (i > 0 && n - shown[i - 1]! > 1) items.push({ ellipsis: true });
    items.push({ number: n, href: href(n), current: n === page });
  });
  return items;
}
