import { describe, expect, it } from "vitest";
import { safeReturnPath } from "~/domain/return-to";

describe("safeReturnPath", () => {
  it("keeps a staff page's path and query", () => {
    expect(safeReturnPath("/staff/cases/12/assessment")).toBe("/staff/cases/12/assessment");
    expect(safeReturnPath("/staff/cases?queue=overdue&page=2")).toBe("/staff/cases?queue=overdue&page=2");
    expect(safeReturnPath("/staff")).toBe("/staff");
  });

  it("drops Remix's data and index parameters", () => {
    expect(safeReturnPath("/staff/cases?_data=routes%2Fstaff.cases._index&queue=mine")).toBe("/staff/cases?queue=mine");
  });

  it("refuses anything that could leave the portal or is not a staff page", () => {
    for (const bad of [
      "https://evil.example/staff",
      "//evil.example/staff",
      "/\\evil.example/staff",
      "/staff\\..\\x",
      "javascript:alert(1)",
      "staff/cases",
      "/apply/check",
      "/staffing",
      "",
      "/staff/cases/1\n",
      `/staff/${"x".repeat(600)}`,
      42,
      null,
    ]) {
      expect(safeReturnPath(bad), String(bad)).toBeNull();
    }
  });

  it("never returns to the sign-in journey", () => {
    for (const page of ["/staff/sign-in", "/staff/second-factor", "/staff/session-ended?reason=idle", "/staff/still-there", "/staff/sign-out"]) {
      expect(safeReturnPath(page), page).toBeNull();
    }
  });
});
