// Copies GOV.UK Frontend's compiled CSS, JS, fonts and images into public/assets/
// so the portal serves them itself (no third-party requests). Runs after npm install.
import fs from "node:fs";
import path from "node:path";

const source = path.join("node_modules", "govuk-frontend", "dist", "govuk");
const target = path.join("public", "assets");

if (!fs.existsSync(source)) {
  console.error(`govuk-frontend is not installed (${source} is missing)`);
  process.exit(1);
}
fs.mkdirSync(target, { recursive: true });
for (const file of ["govuk-frontend.min.css", "govuk-frontend.min.js"]) {
  fs.copyFileSync(path.join(source, file), path.join(target, file));
}
fs.cpSync(path.join(source, "assets"), target, { recursive: true });
console.log(`GOV.UK Frontend assets copied to ${target}/`);
