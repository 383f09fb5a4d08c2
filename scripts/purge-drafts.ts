// Deletes application drafts past their expiry (the server also does this every 15 minutes).
import { closeDb } from "../app/services/db.server";
import { purgeExpiredDrafts } from "../app/services/drafts.server";

const purged = purgeExpiredDrafts();
console.log(`Deleted ${purged} expired draft${purged === 1 ? "" : "s"}.`);
closeDb();
