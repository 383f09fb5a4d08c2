// `npm start` builds the app first when there is no build yet (a fresh clone).
import { execSync } from "node:child_process";
import fs from "node:fs";

if (!fs.existsSync("build/index.js") || !fs.existsSync("public/build")) {
  console.log("No build found: building the portal (about a minute)…");
  execSync("npx remix build", { stdio: "inherit" });
}
if (!fs.existsSync("public/assets/govuk-frontend.min.css")) {
  execSync("node scripts/copy-govuk-assets.mjs", { stdio: "inherit" });
}
