export const SERVICE_NAME = "Ask the police about a person's contact with a child";

/** GOV.UK page titles: "Page – Service", with "Error: " first when the page shows errors. */
export function pageTitle(page: string, hasErrors = false): { title: string }[] {
  return [{ title: `${hasErrors ? "Error: " : ""}${page} – ${SERVICE_NAME}` }];
}
