// Development loop: the Remix compiler rebuilds on every change, and the server restarts on
// every new build (a full restart: simple, and the database is reopened cleanly).
import { spawn } from "node:child_process";
import fs from "node:fs";

// `remix watch` writes development builds: forget which NODE_ENV the last build was made for, so
// that `npm start` builds again (scripts/ensure-build.mjs).
fs.rmSync("build/node-env.txt", { force: true });

const children = [
  spawn("npx", ["remix", "watch"], { stdio: "inherit" }),
  spawn(process.execPath, ["--watch-path=build", "--watch-path=server.js", "server.js"], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: process.env.NODE_ENV ?? "development" },
  }),
];
const stop = () => {
  for (const child of children) child.kill("SIGTERM");
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
