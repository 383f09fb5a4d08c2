// The force's footer: GOV.UK footer styles without the crown, the OGL licence or Crown
// copyright, which belong to GOV.UK and not to a police force's own service.
export function SiteFooter({ forceName, links }: { forceName: string; links: Array<{ href: string; text: string }> }) {
  return (
    <footer className="govuk-footer">
      <div className="govuk-width-container">
        <div className="govuk-footer__meta">
          <div className="govuk-footer__meta-item govuk-footer__meta-item--grow">
            <h2 className="govuk-visually-hidden">Support links</h2>
            <ul className="govuk-footer__inline-list">
              {links.map((link) => (
                <li key={link.href} className="govuk-footer__inline-list-item">
                  <a className="govuk-footer__link" href={link.href}>
                    {link.text}
                  </a>
                </li>
              ))}
            </ul>
            <p className="govuk-body-s">
              Run by {forceName}. If a child is in danger now, call 999. For other police matters, call 101.
            </p>
          </div>
        </div>
      </div>
    </footer>
  );
}
