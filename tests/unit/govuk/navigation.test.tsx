/** @vitest-environment node */
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { PageTabs, Pagination, paginationItems, Select, Table, Tabs } from "~/components/govuk";
import { expectFixture } from "./fixture-compare";

const page = (n: number) => `/page/${n}`;

describe("Pagination", () => {
  it("default", () => {
    expectFixture(
      <Pagination previous={{ href: "/previous" }} next={{ href: "/next" }} items={[{ number: 1, href: page(1) }, { number: 2, href: page(2), current: true }, { number: 3, href: page(3) }]} />,
      "pagination",
      "default",
    );
  });

  it("with many pages (the items from paginationItems)", () => {
    const items = paginationItems(10, 40, page);
    // paginationItems shows one page either side; the fixture shows two: add 8 and 12 as the fixture does.
    expect(items.map((item) => ("ellipsis" in item ? "…" : item.number))).toEqual([1, "…", 9, 10, 11, "…", 40]);
    expectFixture(
      <Pagination
        previous={{ href: "/previous" }}
        next={{ href: "/next" }}
        items={[
          { number: 1, href: page(1) },
          { ellipsis: true },
          ...[8, 9].map((n) => ({ number: n, href: page(n) })),
          { number: 10, href: page(10), current: true },
          ...[11, 12].map((n) => ({ number: n, href: page(n) })),
          { ellipsis: true },
          { number: 40, href: page(40) },
        ]}
      />,
      "pagination",
      "with many pages",
    );
  });

  it("first page and last page", () => {
    expectFixture(<Pagination next={{ href: "/next" }} items={paginationItems(1, 3, page)} />, "pagination", "first page");
    expectFixture(<Pagination previous={{ href: "/previous" }} items={paginationItems(3, 3, page)} />, "pagination", "last page");
  });

  it("with custom link and item text", () => {
    expectFixture(
      <Pagination
        previous={{ href: "/previous", text: "Previous page" }}
        next={{ href: "/next", text: "Next page" }}
        items={[{ number: "one", href: page(1) }, { number: "two", href: page(2), current: true }, { number: "three", href: page(3) }]}
      />,
      "pagination",
      "with custom link and item text",
    );
  });

  it("with previous and next only (block style), with and without labels", () => {
    expectFixture(<Pagination previous={{ href: "/previous" }} next={{ href: "/next" }} />, "pagination", "with prev and next only");
    expectFixture(
      <Pagination
        previous={{ href: "/previous", text: "Previous page", labelText: "Paying VAT and duty" }}
        next={{ href: "/next", text: "Next page", labelText: "Registering an imported vehicle" }}
      />,
      "pagination",
      "with prev and next only and labels",
    );
    expectFixture(<Pagination previous={{ href: "/previous" }} />, "pagination", "with previous only");
    expectFixture(<Pagination next={{ href: "/next" }} />, "pagination", "with next only");
  });

  it("paginationItems: no gap for neighbouring pages, one ellipsis per gap", () => {
    expect(paginationItems(1, 1, page)).toEqual([{ number: 1, href: "/page/1", current: true }]);
    expect(paginationItems(2, 4, page).map((item) => ("ellipsis" in item ? "…" : item.number))).toEqual([1, 2, 3, 4]);
    expect(paginationItems(5, 9, page).map((item) => ("ellipsis" in item ? "…" : item.number))).toEqual([1, "…", 4, 5, 6, "…", 9]);
  });
});

const options = [
  { value: "1", text: "GOV.UK frontend option 1" },
  { value: "2", text: "GOV.UK frontend option 2" },
  { value: "3", text: "GOV.UK frontend option 3", disabled: true },
];

describe("Select", () => {
  it("default: a selected and a disabled option", () => {
    expectFixture(<Select id="select-1" name="select-1" label="Label text goes here" items={options} defaultValue="2" />, "select", "default");
  });

  it("with hint text and error message", () => {
    expectFixture(
      <Select
        id="select-2"
        name="select-2"
        label="Label text goes here"
        hint="Hint text goes here"
        error="Error message goes here"
        items={options.map(({ value, text }) => ({ value, text }))}
      />,
      "select",
      "with hint text and error message",
    );
  });

  it("with label as page heading, and full width", () => {
    expectFixture(<Select id="select-3" name="select-3" label="Label text goes here" labelIsPageHeading items={options} defaultValue="2" />, "select", "with label as page heading");
    expectFixture(
      <Select id="select-1" name="select-1" label="Label text goes here" className="govuk-!-width-full" items={options} defaultValue="2" />,
      "select",
      "with full width override",
    );
  });

  it("escapes option text and values", () => {
    const html = renderToStaticMarkup(<Select id="s" name="s" label="L" items={[{ value: '"><b>', text: "<script>alert(1)</script>" }]} />);
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<b>");
    expect(html).toContain("&lt;script&gt;");
  });
});

describe("Tabs", () => {
  const table = (rows: [string, string, string][]) => <Table head={["Case manager", "Cases opened", "Cases closed"]} rows={rows} />;

  it("default: the first tab selected, the other panels hidden, a text panel in a paragraph", () => {
    expectFixture(
      <Tabs
        items={[
          { id: "past-day", label: "Past day", panel: <><h2 className="govuk-heading-l">Past day</h2>{table([["David Francis", "3", "0"], ["Paul Farmer", "1", "0"], ["Rita Patel", "2", "0"]])}</> },
          { id: "past-week", label: "Past week", panel: <><h2 className="govuk-heading-l">Past week</h2>{table([["David Francis", "24", "18"], ["Paul Farmer", "16", "20"], ["Rita Patel", "24", "27"]])}</> },
          { id: "past-month", label: "Past month", panel: <><h2 className="govuk-heading-l">Past month</h2>{table([["David Francis", "98", "95"], ["Paul Farmer", "122", "131"], ["Rita Patel", "126", "142"]])}</> },
          { id: "past-year", label: "Past year", panel: "There is no data for this year yet, check back later" },
        ]}
      />,
      "tabs",
      "default",
    );
  });

  it("with an anchor in a panel", () => {
    expectFixture(
      <Tabs
        items={[
          {
            id: "tab-1",
            label: "Tab 1",
            panel: (
              <>
                <h2 className="govuk-heading-l">Tab 1</h2>
                <p className="govuk-body">Testing that when you click the anchor it moves to the anchor point successfully</p>
                <p className="govuk-body"><a className="govuk-link" href="#anchor">Anchor</a></p>
                <p className="govuk-body"><a id="anchor" tabIndex={0}>Anchor Point</a></p>
              </>
            ),
          },
          { id: "tab-2", label: "Tab 2", panel: <h2 className="govuk-heading-l">Tab 2</h2> },
        ]}
      />,
      "tabs",
      "tabs-with-anchor-in-panel",
    );
  });

  it("PageTabs: tabs that are pages, the current one marked, one panel, no tabs script", () => {
    const html = renderToStaticMarkup(
      <PageTabs label="Case queues" panelId="queue" items={[{ href: "/a", text: "A (1)" }, { href: "/b", text: "B (2)", current: true }]}>
        <p>panel</p>
      </PageTabs>,
    );
    expect(html).toBe(
      '<div class="govuk-tabs"><nav aria-label="Case queues"><ul class="govuk-tabs__list">' +
        '<li class="govuk-tabs__list-item"><a class="govuk-tabs__tab" href="/a">A (1)</a></li>' +
        '<li class="govuk-tabs__list-item govuk-tabs__list-item--selected"><a class="govuk-tabs__tab" href="/b" aria-current="page">B (2)</a></li>' +
        '</ul></nav><div class="govuk-tabs__panel" id="queue"><p>panel</p></div></div>',
    );
    expect(html).not.toContain("data-module");
  });
});
