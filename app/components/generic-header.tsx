// The force's own header. A police service is not on GOV.UK, so it uses GOV.UK Frontend's
// generic header (no crown, no GOV.UK logotype) with the force's name.
export function GenericHeader({ name, href = "/" }: { name: string; href?: string }) {
  return (
    <div className="govuk-generic-header">
      <div className="govuk-generic-header__container govuk-width-container">
        <div className="govuk-generic-header__logo">
          <a href={href} className="govuk-generic-header__homepage-link">
            {name}
          </a>
        </div>
      </div>
    </div>
  );
}
