import { useRef } from "react";
import { useGovukModule } from "./use-govuk-module";
import { cx } from "./utils";

export interface ServiceNavigationItem {
  href: string;
  text: string;
  /** Highlights the section the user is in (aria-current="true"). */
  active?: boolean;
  /** The link is the current page (aria-current="page"). */
  current?: boolean;
}

export interface ServiceNavigationProps {
  serviceName: string;
  serviceUrl?: string;
  navigation?: ServiceNavigationItem[];
}

export function ServiceNavigation({ serviceName, serviceUrl, navigation = [] }: ServiceNavigationProps) {
  const ref = useRef<HTMLElement>(null);
  useGovukModule(ref, "ServiceNavigation");
  // Matches the macro: only collapse behind a "Menu" toggle for 2+ links.
  const collapsible = navigation.length > 1;
  return (
    <section
      ref={ref}
      aria-label="Service information"
      className="govuk-service-navigation"
      data-module="govuk-service-navigation"
    >
      <div className="govuk-width-container">
        <div className="govuk-service-navigation__container">
          <span className="govuk-service-navigation__service-name">
            {serviceUrl ? (
              <a href={serviceUrl} className="govuk-service-navigation__link">
                {serviceName}
              </a>
            ) : (
              <span className="govuk-service-navigation__text">{serviceName}</span>
            )}
          </span>
          {navigation.length > 0 && (
            <nav aria-label="Menu" className="govuk-service-navigation__wrapper">
              {collapsible && (
                <button
                  type="button"
                  className="govuk-service-navigation__toggle govuk-js-service-navigation-toggle"
                  aria-controls="navigation"
                  hidden
                  aria-hidden="true"
                >
                  Menu
                </button>
              )}
              <ul className="govuk-service-navigation__list" id="navigation">
                {navigation.map((item) => {
                  const highlighted = item.active || item.current;
                  return (
                    <li
                      key={item.href}
                      className={cx(
                        "govuk-service-navigation__item",
                        highlighted && "govuk-service-navigation__item--active",
                      )}
                    >
                      <a
                        className="govuk-service-navigation__link"
                        href={item.href}
                        aria-current={item.current ? "page" : highlighted ? "true" : undefined}
                      >
                        {highlighted ? (
                          // Bold fallback keeps the current item visible when colours are overridden.
                          <strong className="govuk-service-navigation__active-fallback">{item.text}</strong>
                        ) : (
                          item.text
                        )}
                      </a>
                    </li>
                  );
                })}
              </ul>
            </nav>
          )}
        </div>
      </div>
    </section>
  );
}
