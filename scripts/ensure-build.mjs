// `npm start` builds the app first when there is no build yet (a fresh clone), or when the
// source has changed since the last build (after a git pull).
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

const built = fs.existsSync("build/index.js") && fs.existsSync("public/build") ? fs.statSync("build/index.js").mtimeMs : 0;
const source = Math.max(newestMtime("app"), newestMtime("db"), fs.statSync("remix.config.js").mtimeMs);
if (built === 0 || source > built) {
  console.log(built === 0 ? "No build found: building the portal…" : "The source changed since the last build: building…");
  execSync(path.join("node_modules", ".bin", "remix") + " build", { stdio: "inherit" });
}
if (!fs.existsSync("public/assets/govuk-frontend.min.css")) {
  execSync("node scripts/copy-govuk-assets.mjs", { stdio: "inherit" });
}
