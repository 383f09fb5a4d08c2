// Prints the current security code of a demo account: npm run demo:code -- reviewer
import { closeDb } from "../app/services/db.server";
import { demoCode } from "../app/services/demo.server";

const role = process.argv[2] ?? "reviewer";
const code = demoCode(role);
if (!code) {
  console.error(`No demo account "${role}" (demo accounts exist only outside production; roles: reviewer, manager, admin).`);
  process.exitCode = 1;
} else {
  console.log(`${role}: ${code}  (changes every 30 seconds; each code works once)`);
}
closeDb();
