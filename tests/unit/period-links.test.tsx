import { renderToStaticMarkup } from "react-dom/server";
import { MemoryRouter } from "react-router-dom";
import { describe, expect, it } from "vitest";
import { PeriodLinks } from "~/components/period-links";

const render = (inline?: boolean) =>
  renderToStaticMarkup(
    <MemoryRouter>
      <PeriodLinks
        inline={inline}
        links={[
          { key: 2026, label: "2026", href: "/staff/admin/bank-holidays?year=2026", current: false },
          { key: 2027, label: "2027", href: "/staff/admin/bank-holidays?year=2027", current: true },
        ]}
      />
    </MemoryRouter>,
  );

describe("PeriodLinks", () => {
  it("links every other period and shows the current one in bold, not a link, marked as the current page", () => {
    // (data-discover is the router's own mark on a link it may prefetch.)
    expect(render().replace(' data-discover="true"', "")).toBe(
      '<ul class="govuk-list">' +
        '<li><a class="govuk-link" href="/staff/admin/bank-holidays?year=2026">2026</a></li>' +
        '<li><strong aria-current="page">2027</strong></li>' +
        "</ul>",
    );
  });

  it("puts the links side by side when inline", () => {
    expect(render(true).match(/<li class="govuk-!-display-inline-block govuk-!-margin-right-3">/g)).toHaveLength(2);
  });
});
