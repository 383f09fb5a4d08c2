import { GovukLogo } from "./logo";

export interface FooterLink {
  href: string;
  text: string;
}

export interface FooterProps {
  /** Support links such as Cookies, Accessibility statement, Privacy. */
  meta?: FooterLink[];
  /** Visually hidden heading for the support links. */
  metaTitle?: string;
}

const OGL_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/";
const CROWN_COPYRIGHT_URL =
  "https://www.nationalarchives.gov.uk/information-management/re-using-public-sector-information/uk-government-licensing-framework/crown-copyright/";

export function Footer({ meta, metaTitle = "Support links" }: FooterProps) {
  return (
    <div className="govuk-footer">
      <div className="govuk-width-container">
        <GovukLogo className="govuk-footer__crown" />
        <div className="govuk-footer__meta">
          <div className="govuk-footer__meta-item govuk-footer__meta-item--grow">
            {meta && <FooterLinks title={metaTitle} links={meta} />}
            <LicenceLogo />
            <span className="govuk-footer__licence-description">
              All content is available under the{" "}
              <a className="govuk-footer__link" href={OGL_URL} rel="license">
                Open Government Licence v3.0
              </a>
              , except where otherwise stated
            </span>
          </div>
          <div className="govuk-footer__meta-item">
            <a className="govuk-footer__link govuk-footer__copyright-logo" href={CROWN_COPYRIGHT_URL}>
              © Crown copyright
            </a>
          </div>
        </div>
      </div>
    </div>
  );
}

/** The footer's support links under their visually hidden heading (also in the force's own footer). */
export function FooterLinks({ title, links }: { title: string; links: FooterLink[] }) {
  return (
    <>
      <h2 className="govuk-visually-hidden">{title}</h2>
      {links.length > 0 && (
        <ul className="govuk-footer__inline-list">
          {links.map((link) => (
            <li key={link.href} className="govuk-footer__inline-list-item">
              <a className="govuk-footer__link" href={link.href}>
                {link.text}
              </a>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** Open Government Licence logo, copied from the v6 footer template. */
function LicenceLogo() {
  return (
    <svg
      aria-hidden="true"
      focusable="false"
      className="govuk-footer__licence-logo"
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 483.2 195.7"
      height="17"
      width="41"
    >
      <path
        fill="currentColor"
        d="M421.5 142.8V.1l-50.7 32.3v161.1h112.4v-50.7zm-122.3-9.6A47.12 47.12 0 0 1 221 97.8c0-26 21.1-47.1 47.1-47.1 16.7 0 31.4 8.7 39.7 21.8l42.7-27.2A97.63 97.63 0 0 0 268.1 0c-36.5 0-68.3 20.1-85.1 49.7A98 98 0 0 0 97.8 0C43.9 0 0 43.9 0 97.8s43.9 97.8 97.8 97.8c36.5 0 68.3-20.1 85.1-49.7a97.76 97.76 0 0 0 149.6 25.4l19.4 22.2h3v-87.8h-80l24.3 27.5zM97.8 145c-26 0-47.1-21.1-47.1-47.1s21.1-47.1 47.1-47.1 47.2 21 47.2 47S123.8 145 97.8 145"
      />
    </svg>
  );
}
