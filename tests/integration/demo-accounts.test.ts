import { describe, expect, it } from "vitest";
import { resetConfigForTests } from "~/services/config.server";
import { getDb, schema } from "~/services/db.server";
import { DEMO_ACCOUNTS, demoCode, ensureDemoAccounts } from "~/services/demo.server";
import { checkPassword } from "~/services/sign-in.server";

const staffCount = () => getDb().select().from(schema.staffUsers).all().length;

describe("demo accounts on an empty database", () => {
  it("are never created with NODE_ENV=production", async () => {
    process.env.NODE_ENV = "production";
    resetConfigForTests();
    try {
      expect(staffCount()).toBe(0);
      expect(await ensureDemoAccounts()).toBe(false);
      expect(staffCount()).toBe(0);
      expect(demoCode("reviewer")).toBeNull();
    } finally {
      process.env.NODE_ENV = "test";
      resetConfigForTests();
    }
  });

  it("are created once outside production, can sign in, and give a current code", async () => {
    expect(await ensureDemoAccounts()).toBe(true);
    expect(await ensureDemoAccounts()).toBe(false);
    expect(staffCount()).toBe(3);
    const reviewer = DEMO_ACCOUNTS.find((a) => a.role === "reviewer")!;
    expect((await checkPassword(reviewer.email, reviewer.password, "127.0.0.1", "demo")).kind).toBe("ok");
    expect(demoCode("reviewer")).toMatch(/^\d{6}$/);
    expect(demoCode("nobody")).toBeNull();
  });
});
