import { json } from "@remix-run/node";
import { getSqlite } from "~/services/db.server";

/** Liveness and readiness in one: 200 when the database answers a query, else 503. */
export function loader() {
  try {
    getSqlite().prepare("select 1").get();
    return json({ status: "ok", database: "ok" });
  } catch {
    return json({ status: "error", database: "unavailable" }, { status: 503 });
  }
}
