/** @vitest-environment node */
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import {
  BackLink,
  Button,
  Details,
  ErrorSummary,
  ExitThisPage,
  InsetText,
  NotificationBanner,
  Panel,
  SummaryList,
  Table,
  Tag,
  WarningText,
} from "~/components/govuk";
import { expectFixture } from "./fixture-compare";

describe("ErrorSummary", () => {
  it("default", () => {
    expectFixture(
      <ErrorSummary
        errors={[
          { text: "The date your passport was issued must be in the past", href: "#example-error-1" },
          { text: "Enter a postcode, like AA1 1AA", href: "#example-error-2" },
        ]}
      />,
      "error-summary",
      "default",
    );
  });

  it("error list with html as text link (escaped)", () => {
    expectFixture(
      <ErrorSummary errors={[{ text: "Descriptive link to the <b>question</b> with an error", href: "#error-1" }]} />,
      "error-summary",
      "error list with html as text link",
    );
  });

  it("renders nothing without errors", () => {
    expect(renderToStaticMarkup(<ErrorSummary errors={[]} />)).toBe("");
  });

  it("custom title", () => {
    const html = renderToStaticMarkup(<ErrorSummary title="Check your answers" errors={[{ text: "x", href: "#x" }]} />);
    expect(html).toContain('<h2 class="govuk-error-summary__title">Check your answers</h2>');
  });
});

describe("Button", () => {
  it("default, name, value and type", () => {
    expectFixture(<Button>Save and continue</Button>, "button", "default");
    expectFixture(<Button name="start-now">Submit</Button>, "button", "name");
    expectFixture(<Button value="start">Submit</Button>, "button", "value");
    expectFixture(<Button type="button">Submit</Button>, "button", "type");
  });

  it("variants", () => {
    expectFixture(
      <Button name="secondary" variant="secondary">
        Secondary button
      </Button>,
      "button",
      "secondary",
    );
    expectFixture(
      <Button name="Warning" variant="warning">
        Warning button
      </Button>,
      "button",
      "warning",
    );
    expectFixture(
      <Button name="Inverse" variant="inverse">
        Inverse button
      </Button>,
      "button",
      "inverse",
    );
  });

  it("link and start buttons", () => {
    expectFixture(<Button href="/">Link button</Button>, "button", "link");
    expectFixture(<Button isStartButton>Start now button</Button>, "button", "start");
    expectFixture(
      <Button href="/" isStartButton>
        Start now link button
      </Button>,
      "button",
      "start link",
    );
  });

  it("prevent double click", () => {
    expectFixture(<Button preventDoubleClick>Submit</Button>, "button", "prevent double click");
  });
});

describe("ExitThisPage", () => {
  it("default: a plain link with a visually hidden Emergency prefix", () => {
    expectFixture(<ExitThisPage redirectUrl="/full-page-examples/announcements" />, "exit-this-page", "default");
  });

  it("translated", () => {
    expectFixture(
      <ExitThisPage
        redirectUrl="https://www.bbc.co.uk/weather"
        text="Gadael y dudalen"
        activatedText="Tudalen ymadael"
        timedOutText="Wedi'i amseru"
        pressTwoMoreTimesText="Pwyswch 'Shift' 2 gwaith arall"
        pressOneMoreTimeText="Pwyswch 'Shift' 1 mwy o amser"
      />,
      "exit-this-page",
      "translated",
    );
  });
});

describe("Panel", () => {
  it("default", () => {
    expectFixture(
      <Panel title="Application complete">
        Your reference number
        <br />
        <strong>HDJ2123F</strong>
      </Panel>,
      "panel",
      "default",
    );
  });

  it("title html as text (escaped)", () => {
    expectFixture(
      <Panel title="Application <strong>not</strong> complete">Please complete form 1</Panel>,
      "panel",
      "title html as text",
    );
  });

  it("body html as text (escaped) and title with no body", () => {
    expectFixture(
      <Panel title="Application complete">{"Your reference number<br><strong>HDJ2123F</strong>"}</Panel>,
      "panel",
      "body html as text",
    );
    expectFixture(<Panel title="Application complete" />, "panel", "title with no body text");
  });
});

describe("SummaryList", () => {
  const contact = (
    <>
      <p className="govuk-body">email@email.com</p>
      <p className="govuk-body">
        Address line 1<br />
        Address line 2<br />
        Address line 3<br />
        Address line 4<br />
        Address line 5
      </p>
    </>
  );

  it("default", () => {
    expectFixture(
      <SummaryList
        rows={[
          { key: "Name", value: "Firstname Lastname" },
          { key: "Date of birth", value: "13/08/1980" },
          { key: "Contact information", value: contact },
        ]}
      />,
      "summary-list",
      "default",
    );
  });

  it("with actions (one action is a bare link, several are a list)", () => {
    expectFixture(
      <SummaryList
        rows={[
          {
            key: "Name",
            value: "Firstname Lastname",
            actions: [
              { href: "#", text: "Edit", visuallyHiddenText: "name" },
              { href: "#", text: "Delete", visuallyHiddenText: "name" },
            ],
          },
          {
            key: "Date of birth",
            value: "13/08/1980",
            actions: [{ href: "#", text: "Change", visuallyHiddenText: "date of birth" }],
          },
          {
            key: "Contact information",
            value: contact,
            actions: [
              { href: "#", text: "Edit", visuallyHiddenText: "contact information" },
              { href: "#", text: "Change", visuallyHiddenText: "contact information" },
            ],
          },
        ]}
      />,
      "summary-list",
      "with actions",
    );
  });

  it("with some actions (rows without actions get the no-actions modifier)", () => {
    expectFixture(
      <SummaryList
        rows={[
          {
            key: "Name",
            value: "Firstname Lastname",
            actions: [
              { href: "#", text: "Edit", visuallyHiddenText: "name" },
              { href: "#", text: "Delete", visuallyHiddenText: "name" },
            ],
          },
          { key: "Date of birth", value: "13/08/1980" },
          { key: "Contact information", value: contact },
        ]}
      />,
      "summary-list",
      "with some actions",
    );
  });

  const cardRows = [
    { key: "Name", value: "Firstname Lastname" },
    { key: "Date of birth", value: "13/08/1980" },
  ];

  it("as summary cards", () => {
    expectFixture(
      <SummaryList rows={cardRows} card={{ title: "Undergraduate teaching assistant" }} />,
      "summary-list",
      "as a summary card with a text header",
    );
    expectFixture(
      <SummaryList
        rows={cardRows}
        card={{
          title: "Undergraduate teaching assistant",
          actions: [
            { text: "Delete job history", href: "#" },
            { text: "Withdraw job history", href: "#" },
          ],
        }}
      />,
      "summary-list",
      "as a summary card with actions",
    );
    expectFixture(
      <SummaryList
        rows={cardRows}
        card={{ title: "Undergraduate teaching assistant", actions: [{ text: "My lonely action", href: "#" }] }}
      />,
      "summary-list",
      "summary card with only 1 action",
    );
  });

  it("keeps the space before visually hidden text", () => {
    const html = renderToStaticMarkup(
      <SummaryList rows={[{ key: "Name", value: "A", actions: [{ href: "/c", text: "Change", visuallyHiddenText: "name" }] }]} />,
    );
    expect(html).toContain('Change<span class="govuk-visually-hidden"> name</span>');
  });
});

describe("Other content components", () => {
  it("Tag", () => {
    expectFixture(<Tag>Alpha</Tag>, "tag", "default");
    expectFixture(<Tag colour="grey">Grey</Tag>, "tag", "grey");
  });

  it("BackLink", () => {
    expectFixture(<BackLink href="/home">Back to home</BackLink>, "back-link", "with custom text and link");
    expect(renderToStaticMarkup(<BackLink href="/prev" />)).toBe('<a href="/prev" class="govuk-back-link">Back</a>');
  });

  it("NotificationBanner", () => {
    expectFixture(
      <NotificationBanner>This publication was withdrawn on 7 March 2014.</NotificationBanner>,
      "notification-banner",
      "default",
    );
    expectFixture(
      <NotificationBanner type="success">Email sent to example@email.com</NotificationBanner>,
      "notification-banner",
      "with type as success",
    );
    expectFixture(
      <NotificationBanner title="Important information">This publication was withdrawn on 7 March 2014.</NotificationBanner>,
      "notification-banner",
      "custom title",
    );
  });

  it("InsetText", () => {
    expectFixture(
      <InsetText>
        It can take up to 8 weeks to register a lasting power of attorney if there are no mistakes in the application.
      </InsetText>,
      "inset-text",
      "default",
    );
  });

  it("WarningText", () => {
    expectFixture(
      <WarningText>You can be fined up to £5,000 if you don’t register.</WarningText>,
      "warning-text",
      "default",
    );
  });

  it("Details", () => {
    expectFixture(
      <Details summary="Help with nationality">
        We need to know your nationality so we can work out which elections you’re entitled to vote in. If you can’t
        provide your nationality, you’ll have to send copies of identity documents through the post.
      </Details>,
      "details",
      "default",
    );
  });

  it("Table (cell text is escaped)", () => {
    expectFixture(
      <Table
        head={["Foo <script>hacking.do(1337)</script>"]}
        rows={[["Foo <script>hacking.do(1337)</script>"]]}
      />,
      "table",
      "html as text",
    );
  });

  it("Table with caption and row headers", () => {
    const html = renderToStaticMarkup(
      <Table caption="Rates" captionClassName="govuk-table__caption--m" head={["Month", "Rate"]} rows={[["January", "£85"]]} firstCellIsHeader />,
    );
    expect(html).toContain('<caption class="govuk-table__caption govuk-table__caption--m">Rates</caption>');
    expect(html).toContain('<th scope="row" class="govuk-table__header">January</th>');
    expect(html).toContain('<td class="govuk-table__cell">£85</td>');
  });
});
