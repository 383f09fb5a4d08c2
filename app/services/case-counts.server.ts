import { and, count, eq, gte } from "drizzle-orm";
import { toIsoDate } from "~/domain/dates";
import { now } from "./clock.server";
import { getDb, schema } from "./db.server";

/** Numbers for the staff home page; aggregate only, no personal data. */
export function applicationCounts(): { received: number; urgent: number; today: number } {
  const db = getDb();
  const received = schema.cases.status;
  const startOfToday = new Date(`${toIsoDate(now())}T00:00:00Z`);
  const n = (where: ReturnType<typeof eq>) => db.select({ n: count() }).from(schema.cases).where(where).get()!.n;
  return {
    received: n(eq(received, "received")),
    urgent: n(and(eq(received, "received"), eq(schema.cases.urgent, true))!),
    today: n(gte(schema.cases.receivedAt, startOfToday)),
  };
}
