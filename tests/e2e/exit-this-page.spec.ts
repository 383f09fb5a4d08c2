// "Exit this page" is on every public page, and without JavaScript it is a plain link to /exit, which
// deletes the answers and sends the person on to the neutral site (see exit-leaves-nothing.spec.ts).
import type { Page } from "@playwright/test";
import {
  acceptAndSend,
  continueButton,
  expect,
  fillApplication,
  group,
  makeAnswers,
  readReference,
  test,
} from "./support";

const exitControl = (page: Page) => page.getByRole("button", { name: "Emergency Exit this page", exact: true });

async function expectExitLink(page: Page, where: string) {
  const exit = exitControl(page);
  await expect(exit, where).toHaveCount(1);
  await expect(exit, where).toBeVisible();
  expect(await exit.evaluate((el) => el.tagName), where).toBe("A");
  await expect(exit, where).toHaveAttribute("href", "/exit");
  await expect(exit, where).toHaveAttribute("rel", /\bnoreferrer\b/);
  // It comes before the page's own content, so it is quick to reach.
  const order = await exit.evaluate((el) => {
    const main = document.getElementById("main-content");
    return main ? el.compareDocumentPosition(main) & Node.DOCUMENT_POSITION_FOLLOWING : 0;
  });
  expect(order, `${where}: exit control comes before <main>`).toBeTruthy();
}

for (const javaScriptEnabled of [false, true]) {
  test.describe(`with JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });

    test("every public page has the Exit this page control", async ({ page, externalRequests }) => {
      const answers = makeAnswers({ childInDanger: "Yes" });
      const seen: string[] = [];
      const check = async (where: string) => {
        await expectExitLink(page, where);
        seen.push(where);
      };
      await fillApplication(page, answers, {
        onPage: async (step, p) => {
          await check(step);
          if (step === "applicant") {
            await continueButton(p).click();
            await expect(p).toHaveTitle(/^Error: /);
            await check("applicant with errors");
            await p.reload(); // a clean page again (and a fresh button, clear of the double-click guard)
          }
          if (step === "children") {
            await p.getByRole("link", { name: `Remove ${answers.children[0].fullName}`, exact: true }).click();
            await expect(p).toHaveURL(/\/apply\/children\/1\/remove$/);
            await check("remove");
            await group(p, `Are you sure you want to remove ${answers.children[0].fullName}?`).getByLabel("No", { exact: true }).check();
            await continueButton(p).click();
            await expect(p).toHaveURL(/\/apply\/children$/);
          }
        },
      });
      await acceptAndSend(page).click();
      await readReference(page);
      await check("confirmation");

      for (const path of ["/apply/too-many", "/privacy", "/no-such-page"]) {
        await page.goto(path);
        await check(path);
      }
      expect(seen).toEqual([
        "start",
        "danger",
        "call-999",
        "applicant",
        "applicant with errors",
        "contact",
        "child",
        "children",
        "remove",
        "subject",
        "subject-contact",
        "concern",
        "declarations",
        "check",
        "confirmation",
        "/apply/too-many",
        "/privacy",
        "/no-such-page",
      ]);
      expect(externalRequests).toEqual([]);
    });
  });
}

test.describe("with JavaScript on", () => {
  test("the control is set up by GOV.UK Frontend", async ({ page }) => {
    await page.goto("/apply/danger");
    await expect(page.locator(".govuk-exit-this-page")).toHaveAttribute("data-govuk-exit-this-page-init", "");
    await expect(exitControl(page)).toHaveAttribute("href", "/exit");
  });
});
