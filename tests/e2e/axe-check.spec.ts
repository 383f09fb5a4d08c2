// The accessibility check itself can fail: a page with a known WCAG failure is reported, and a
// framed page is refused (the one-run legacy mode would not look inside a frame).
import { expect, expectNoAxeViolations, test } from "./support";

test("the axe check reports an unlabelled field and refuses a page with a frame", async ({ page }) => {
  await page.goto("/");
  await page.evaluate(() => {
    const input = document.createElement("input");
    input.type = "text";
    document.querySelector("main")!.append(input);
  });
  await expect(expectNoAxeViolations(page, "a page with an unlabelled field")).rejects.toThrow(/label/);

  await page.goto("/");
  await page.evaluate(() => document.querySelector("main")!.append(document.createElement("iframe")));
  await expect(expectNoAxeViolations(page, "a framed page")).rejects.toThrow(/frames on a framed page/);
});
