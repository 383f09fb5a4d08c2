// Shared fixtures and helpers for the end-to-end tests: one module per part under support/,
// all re-exported here so every spec imports from "./support".
//
// - `test` is Playwright's test recording any request to a host other than localhost; Chromium's
//   launch flags make each fail, so nothing ever leaves the machine (the "Exit this page" link included).
// - `makeAnswers` builds a complete application with unique, random canary names.
// - `fillApplication` drives the journey from the start page to check answers, with or without
//   JavaScript, using role- and label-based locators.
// - `expectNoAxeViolations`, `withDb`/`caseByReference`… and `waitForEmail` check accessibility,
//   the SQLite database (read-only) and the .eml files the file transport writes.
// - The staff side: demo accounts, sign-in, TOTP codes, fixtures (`staffTest`), casework steps.
export * from "./support/base";
export * from "./support/test-data";
export * from "./support/journey";
export * from "./support/application-http";
export * from "./support/accessibility";
export * from "./support/error-summary";
export * from "./support/database";
export * from "./support/mail";
export * from "./support/staff";
export * from "./support/staff-database";
export * from "./support/totp";
export * from "./support/sign-in";
export * from "./support/staff-accounts";
export * from "./support/fixtures";
export * from "./support/app-server";
export * from "./support/casework";
export * from "./support/staff-sessions";
