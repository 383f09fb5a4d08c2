export const SERVICE_NAME = "Ask the police about a person's contact with a child";
export const STAFF_SERVICE_NAME = "Disclosure scheme casework";

/** GOV.UK page titles: "Page – Service", with "Error: " first when the page shows errors. */
export function pageTitle(page: string, hasErrors = false, service = SERVICE_NAME): { title: string }[] {
  return [{ title: `${hasErrors ? "Error: " : ""}${page} – ${service}` }];
}

export const staffPageTitle = (page: string, hasErrors = false) => pageTitle(page, hasErrors, STAFF_SERVICE_NAME);
