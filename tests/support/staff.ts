// Staff fixtures for integration tests: real rows in the worker's database, real sessions.
import { getDb, schema } from "~/services/db.server";
import { hashPassword } from "~/services/passwords.server";
import { createSession } from "~/services/staff-sessions.server";
import { encryptSecret, generateTotpSecret } from "~/services/totp.server";
import { getConfig } from "~/services/config.server";
import type { StaffRole } from "../../db/schema";

let counter = 0;

// argon2id is slow on purpose (tens of milliseconds of CPU per hash). Test accounts share a few
// passwords, so each password is hashed once per process: every account still holds a real hash
// that verifyPassword checks, and a suite that makes hundreds of accounts saves the CPU.
const hashes = new Map<string, Promise<string>>();
function hashOnce(password: string): Promise<string> {
  let hash = hashes.get(password);
  if (!hash) hashes.set(password, (hash = hashPassword(password)));
  return hash;
}

/** A staff account with `roles`, a password and an enrolled authenticator (its secret returned). */
export async function insertStaff(
  roles: StaffRole[],
  password = "plum-violin-harvest-quarry",
  who: { email?: string; displayName?: string } = {},
) {
  counter += 1;
  const at = new Date();
  const totpSecret = generateTotpSecret();
  const user = getDb()
    .insert(schema.staffUsers)
    .values({
      email: who.email ?? `person${counter}.${Date.now()}@force.example`,
      displayName: who.displayName ?? `Person ${counter}`,
      roles,
      passwordHash: await hashOnce(password),
      passwordChangedAt: at,
      totpSecret: encryptSecret(totpSecret, getConfig().totpKeys),
      totpEnrolledAt: at,
      createdAt: at,
      updatedAt: at,
    })
    .returning()
    .get();
  return { user, password, totpSecret };
}

/** A fully signed-in session: the Cookie header value and the form token. */
export async function signedIn(userId: number, origin = "http://localhost:3000") {
  const request = new Request(`${origin}/staff`);
  const { setCookie, sessionId } = await createSession(userId, "active", request, "127.0.0.1", new Date());
  const session = getDb().query.staffSessions.findFirst({ where: (s, { eq }) => eq(s.id, sessionId) }).sync();
  return { cookie: setCookie.split(";")[0], csrfToken: session!.csrfToken, sessionId };
}
