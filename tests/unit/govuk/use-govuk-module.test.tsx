/** @vitest-environment jsdom */
import { act, useState } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Button, ErrorSummary, Radios } from "~/components/govuk";

// Serve the real GOV.UK Frontend browser bundle at the URL the hook imports
// (`as string`: the bundle ships without type declarations).
vi.mock("/assets/govuk-frontend.min.js", () => import("govuk-frontend/dist/govuk/govuk-frontend.min.js" as string));

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean | undefined;
}
globalThis.IS_REACT_ACT_ENVIRONMENT = true;

// A ceiling for a loaded machine (the bundle's first import can take seconds there), not a wait:
// each check passes as soon as the module has started.
const LOADED_MACHINE = { timeout: 15_000, interval: 20 };

let root: Root;
let container: HTMLDivElement;

beforeEach(() => {
  // The page template sets this class; components refuse to start without it.
  document.body.className = "govuk-frontend-supported";
  container = document.createElement("div");
  document.body.append(container);
  root = createRoot(container);
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

const errors = [{ text: "Enter your name", href: "#name" }];

describe("useGovukModule", () => {
  it("initialises the component in the browser and the error summary takes focus", async () => {
    act(() => root.render(<ErrorSummary errors={errors} />));
    const summary = container.querySelector<HTMLElement>(".govuk-error-summary")!;
    await vi.waitFor(() => expect(summary.hasAttribute("data-govuk-error-summary-init")).toBe(true), LOADED_MACHINE);
    expect(document.activeElement).toBe(summary);
  });

  it("survives re-renders without re-initialising or logging", async () => {
    function Page() {
      const [count, setCount] = useState(0);
      return (
        <>
          <button type="button" id="rerender" onClick={() => setCount(count + 1)}>
            {count}
          </button>
          <Radios name="r" legend="Pick" items={[{ value: "a", text: "A", conditional: <p>More</p> }]} />
        </>
      );
    }
    act(() => root.render(<Page />));
    const radios = container.querySelector<HTMLElement>(".govuk-radios")!;
    await vi.waitFor(() => expect(radios.hasAttribute("data-govuk-radios-init")).toBe(true), LOADED_MACHINE);
    // The script has taken over the conditional reveal.
    expect(container.querySelector("#r")!.getAttribute("aria-controls")).toBe("conditional-r");

    const errorSpy = vi.spyOn(console, "error");
    const logSpy = vi.spyOn(console, "log");
    for (let i = 0; i < 3; i++) {
      act(() => container.querySelector<HTMLButtonElement>("#rerender")!.click());
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(errorSpy).not.toHaveBeenCalled();
    expect(logSpy).not.toHaveBeenCalled();
  });

  it("initialises an error summary that appears on a later render", async () => {
    function Form() {
      const [shown, setShown] = useState<typeof errors>([]);
      return (
        <>
          <ErrorSummary errors={shown} />
          <button type="button" id="submit" onClick={() => setShown(errors)} />
        </>
      );
    }
    act(() => root.render(<Form />));
    expect(container.querySelector(".govuk-error-summary")).toBeNull();
    act(() => container.querySelector<HTMLButtonElement>("#submit")!.click());
    const summary = container.querySelector<HTMLElement>(".govuk-error-summary")!;
    await vi.waitFor(() => expect(summary.hasAttribute("data-govuk-error-summary-init")).toBe(true), LOADED_MACHINE);
  });

  it("only starts the Button script when preventDoubleClick is set", async () => {
    act(() =>
      root.render(
        <>
          <Button>Plain</Button>
          <Button preventDoubleClick>Once</Button>
        </>,
      ),
    );
    const [plain, once] = Array.from(container.querySelectorAll("button"));
    await vi.waitFor(() => expect(once.hasAttribute("data-govuk-button-init")).toBe(true), LOADED_MACHINE);
    expect(plain.hasAttribute("data-govuk-button-init")).toBe(false);
  });

  it("swallows failures silently (unsupported browser): markup stays usable", async () => {
    document.body.className = "";
    const errorSpy = vi.spyOn(console, "error");
    const logSpy = vi.spyOn(console, "log");
    act(() => root.render(<ErrorSummary errors={errors} />));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const summary = container.querySelector<HTMLElement>(".govuk-error-summary")!;
    expect(summary.hasAttribute("data-govuk-error-summary-init")).toBe(false);
    expect(summary.querySelector("a")!.getAttribute("href")).toBe("#name");
    expect(errorSpy).not.toHaveBeenCalled();
    expect(logSpy).not.toHaveBeenCalled();
  });
});
