// The force's footer: GOV.UK footer styles without the crown, the OGL licence or Crown
// copyright, which belong to GOV.UK and not to a police force's own service.
import { FooterLinks, type FooterLink } from "./govuk";

export function SiteFooter({ forceName, links }: { forceName: string; links: FooterLink[] }) {
  return (
    <footer className="govuk-footer">
      <div className="govuk-width-container">
        <div className="govuk-footer__meta">
          <div className="govuk-footer__meta-item govuk-footer__meta-item--grow">
            <FooterLinks title="Support links" links={links} />
            <p className="govuk-body-s">
              Run by {forceName}. If a child is in danger now, call 999. For other police matters, call 101.
            </p>
          </div>
        </div>
      </div>
    </footer>
  );
}
