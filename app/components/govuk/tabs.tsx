import { useRef, type ReactNode } from "react";
import { useGovukModule } from "./use-govuk-module";
import { cx } from "./utils";

export interface TabsItem {
  /** The panel's id (the tab links to it). */
  id: string;
  label: string;
  /** The panel's content; plain text is put in a paragraph. */
  panel: ReactNode;
}

export interface TabsProps {
  items: TabsItem[];
  /** The heading shown above the list of tabs without JavaScript (default "Contents"). */
  title?: string;
  id?: string;
  className?: string;
}

/** GOV.UK tabs: panels on one page. Without JavaScript they are a list of links to the panels below. */
export function Tabs({ items, title = "Contents", id, className }: TabsProps) {
  const ref = useRef<HTMLDivElement>(null);
  useGovukModule(ref, "Tabs");
  return (
    <div ref={ref} id={id} className={cx("govuk-tabs", className)} data-module="govuk-tabs">
      <h2 className="govuk-tabs__title">{title}</h2>
      {items.length > 0 ? (
        <>
          <ul className="govuk-tabs__list">
            {items.map((item, index) => (
              <li key={item.id} className={cx("govuk-tabs__list-item", index === 0 && "govuk-tabs__list-item--selected")}>
                <a className="govuk-tabs__tab" href={`#${item.id}`}>
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
          {items.map((item, index) => (
            <div key={item.id} className={cx("govuk-tabs__panel", index > 0 && "govuk-tabs__panel--hidden")} id={item.id}>
              {typeof item.panel === "string" ? <p className="govuk-body">{item.panel}</p> : item.panel}
            </div>
          ))}
        </>
      ) : null}
    </div>
  );
}

export interface PageTabsItem {
  href: string;
  text: ReactNode;
  /** The tab of the page being shown. */
  current?: boolean;
}

export interface PageTabsProps {
  /** Names the navigation landmark, for example "Case queues". */
  label: string;
  items: PageTabsItem[];
  /** The id of the one panel: the current tab's content. */
  panelId: string;
  children: ReactNode;
}

/**
 * GOV.UK tab styling where each tab is a page of its own (a server-side list, filters and pages of
 * results in the panel): links in a nav landmark, the current one marked, and only its panel
 * rendered. No tabs script: each tab is an ordinary link, with or without JavaScript.
 */
export function PageTabs({ label, items, panelId, children }: PageTabsProps) {
  return (
    <div className="govuk-tabs">
      <nav aria-label={label}>
        <ul className="govuk-tabs__list">
          {items.map((item) => (
            <li key={item.href} className={cx("govuk-tabs__list-item", item.current && "govuk-tabs__list-item--selected")}>
              <a className="govuk-tabs__tab" href={item.href} aria-current={item.current ? "page" : undefined}>
                {item.text}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="govuk-tabs__panel" id={panelId}>
        {children}
      </div>
    </div>
  );
}
