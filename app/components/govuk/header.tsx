import { GovukLogo } from "./logo";

export interface HeaderProps {
  homeHref?: string;
}

/** v6 header: logo only. The service name belongs in ServiceNavigation. */
export function Header({ homeHref = "/" }: HeaderProps) {
  return (
    <div className="govuk-header">
      <div className="govuk-header__container govuk-width-container">
        <div className="govuk-header__logo">
          <a href={homeHref} className="govuk-header__homepage-link">
            <GovukLogo className="govuk-header__logotype" withLogotype />
          </a>
        </div>
      </div>
    </div>
  );
}
