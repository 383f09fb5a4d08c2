// Staff accounts from the command line, for the very first admin:
//   npm run staff -- create --email a.admin@force.police.uk --name "A Admin" --role admin
import { parseArgs } from "node:util";
import { closeDb } from "../app/services/db.server";
import { AccountError, createStaffUser } from "../app/services/staff-accounts.server";
import { newStaffForm } from "../app/domain/staff-schemas";

const [command, ...rest] = process.argv.slice(2);
const { values } = parseArgs({
  args: rest,
  options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string", multiple: true } },
});

if (command !== "create") {
  console.error('Usage: npm run staff -- create --email EMAIL --name "FULL NAME" --role admin [--role manager]');
  process.exit(2);
}
const parsed = newStaffForm().schema().safeParse({ displayName: values.name, email: values.email, roles: values.role });
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`${issue.path.join(".") || "input"}: ${issue.message}`);
  process.exit(2);
}
try {
  const { user, setupLink } = createStaffUser(parsed.data, { kind: "system" });
  console.log(`Created ${user.displayName} (${user.roles.join(", ")}).`);
  console.log(`One-time set-up link (valid 24 hours, also emailed):\n${setupLink}`);
} catch (error) {
  if (error instanceof AccountError) {
    console.error(error.message);
    process.exitCode = 1;
  } else throw error;
} finally {
  closeDb();
}
