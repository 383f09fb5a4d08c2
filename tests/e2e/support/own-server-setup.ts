// Run by own-server-sessions.ts in a child process whose DATABASE_PATH, SESSION_SECRET and
// CLOCK_OFFSET_MS are those of a test's own server: makes staff accounts with active sessions
// (the app's createSession, at the app clock), sets the duty address, takes reviewers off duty.
// Prints the accounts as one JSON line.
import { like } from "drizzle-orm";
import { getDb, schema } from "~/services/db.server";
import { setSetting } from "~/services/settings.server";
import { setOnDuty } from "~/services/staff-accounts.server";
import { createSession } from "~/services/staff-sessions.server";
import { now } from "~/services/app-clock.server";
import { insertStaff } from "../../support/staff";
import type { OwnServerSetup } from "./own-server-sessions";

async function main() {
  const setup = JSON.parse(process.argv[2] ?? "{}") as OwnServerSetup;
  if (setup.dutyAddress !== undefined) setSetting("alerts.dutyAddress", setup.dutyAddress, null);
  const accounts = [];
  for (const roles of setup.accounts) {
    const token = Math.random().toString(36).slice(2, 10);
    const { user } = await insertStaff(roles, "quartz-meadow-lantern-harbour", { email: `${roles.join(".")}.${token}@force.example`, displayName: `Canary ${roles.join(" ")} ${token}` });
    const { setCookie } = await createSession(user.id, "active", new Request(`${process.env.APP_URL}/staff`), "127.0.0.1", now());
    accounts.push({ id: user.id, email: user.email, roles, cookie: setCookie.split(";")[0] });
  }
  if (setup.reviewersOffDuty) {
    const reviewers = getDb().select({ id: schema.staffUsers.id }).from(schema.staffUsers).where(like(schema.staffUsers.roles, '%"reviewer"%')).all();
    for (const r of reviewers) setOnDuty(r.id, false);
  }
  process.stdout.write(`${JSON.stringify(accounts)}\n`);
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
