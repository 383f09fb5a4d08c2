// Applies pending migrations to DATABASE_PATH (the server also does this when it starts).
import { getConfig } from "../app/services/config.server";
import { openDatabase } from "../db/client";

const { databasePath } = getConfig();
const { sqlite } = openDatabase(databasePath);
const applied = sqlite.prepare("select count(*) as n from __drizzle_migrations").get() as { n: number };
console.log(`Database ${databasePath} is up to date (${applied.n} migrations applied).`);
sqlite.close();
