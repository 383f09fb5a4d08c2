/** @vitest-environment node */
import { describe, it } from "vitest";
import { Footer, Header, ServiceNavigation, SkipLink } from "~/components/govuk";
import { expectFixture } from "./fixture-compare";

describe("Page chrome", () => {
  it("SkipLink", () => {
    expectFixture(
      <SkipLink href="#test-target-element">Skip to main content</SkipLink>,
      "skip-link",
      "default",
    );
    expectFixture(<SkipLink href="#custom">Skip to custom content</SkipLink>, "skip-link", "custom href");
  });

  it("Header (v6: logo only, no service name)", () => {
    expectFixture(<Header />, "header", "custom homepage url");
    expectFixture(<Header homeHref="//gov.uk" />, "header", "default");
  });

  it("ServiceNavigation", () => {
    expectFixture(<ServiceNavigation serviceName="Service name" />, "service-navigation", "with service name");
    expectFixture(
      <ServiceNavigation
        serviceName="Apply for a juggling license"
        serviceUrl="#/"
        navigation={[
          { href: "#/1", text: "Navigation item 1" },
          { href: "#/2", text: "Navigation item 2", active: true },
          { href: "#/3", text: "Navigation item 3" },
          { href: "#/4", text: "Navigation item 4" },
        ]}
      />,
      "service-navigation",
      "with service name and navigation",
    );
    expectFixture(
      <ServiceNavigation
        serviceName="Apply for a juggling license"
        serviceUrl="#/"
        navigation={[{ href: "#/1", text: "Log out" }]}
      />,
      "service-navigation",
      "with a single navigation item",
    );
  });

  it("Footer with OGL licence and Crown copyright", () => {
    expectFixture(<Footer />, "footer", "default");
    expectFixture(<Footer meta={[]} />, "footer", "with empty meta items");
    expectFixture(
      <Footer
        metaTitle="Items"
        meta={[
          { href: "#1", text: "Item 1" },
          { href: "#2", text: "Item 2" },
          { href: "#3", text: "Item 3" },
        ]}
      />,
      "footer",
      "with meta",
    );
  });
});
