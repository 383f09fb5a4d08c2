// `npm start` builds the app first when there is no build yet (a fresh clone), when the source has
// changed since the last build (after a git pull), or when the last build was made for another
// NODE_ENV. Remix writes NODE_ENV into the build (React's development or production bundles, and
// the test clocks' gates): the end-to-end tests' build (NODE_ENV=test) must never be started as
// the production portal, nor a production build be tested as if it had the test clocks.
import { execSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

const MODE_FILE = "build/node-env.txt";
const mode = process.env.NODE_ENV || "production";
const built = fs.existsSync("build/index.js") && fs.existsSync("public/build") ? fs.statSync("build/index.js").mtimeMs : 0;
const builtFor = fs.existsSync(MODE_FILE) ? fs.readFileSync(MODE_FILE, "utf8").trim() : null;
const source = Math.max(newestMtime("app"), newestMtime("db"), fs.statSync("remix.config.js").mtimeMs);
/** Why the portal must be built now, or null when the last build will do. */
function reasonToBuild() {
  if (built === 0) return "No build found: building the portal…";
  if (source > built) return "The source changed since the last build: building…";
  if (builtFor !== mode) return `The last build was for NODE_ENV=${builtFor ?? "unknown"}: building for NODE_ENV=${mode}…`;
  return null;
}
const why = reasonToBuild();
if (why) {
  console.log(why);
  fs.rmSync(MODE_FILE, { force: true });
  execSync(path.join("node_modules", ".bin", "remix") + " build", { stdio: "inherit", env: { ...process.env, NODE_ENV: mode } });
  fs.writeFileSync(MODE_FILE, `${mode}\n`);
}
if (!fs.existsSync("public/assets/govuk-frontend.min.css")) {
  execSync("node scripts/copy-govuk-assets.mjs", { stdio: "inherit" });
}
