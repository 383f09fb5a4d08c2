// The accessibility check itself can fail: a page with a known WCAG failure is reported, and a
// framed page is refused (the one-run legacy mode would not look inside a frame). Static pages of
// the test's own: no script can re-render them while they are checked.
import { expect, expectNoAxeViolations, test } from "./support";

const page = (body: string) =>
  `<!doctype html><html lang="en"><head><title>Axe check</title></head><body><main><h1>Axe check</h1>${body}</main></body></html>`;

test("the axe check reports an unlabelled field and refuses a page with a frame", async ({ page: tab }) => {
  await tab.setContent(page('<label for="named">Named</label><input id="named" type="text">'));
  await expectNoAxeViolations(tab, "a page with a labelled field");

  await tab.setContent(page('<input type="text">'));
  await expect(expectNoAxeViolations(tab, "a page with an unlabelled field")).rejects.toThrow(/label/);

  await tab.setContent(page('<iframe title="A frame"></iframe>'));
  await expect(expectNoAxeViolations(tab, "a framed page")).rejects.toThrow(/frames on a framed page/);
});
