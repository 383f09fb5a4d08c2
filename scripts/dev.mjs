// Development loop: the Remix compiler rebuilds on every change, and the server restarts on
// every new build (a full restart: simple, and the database is reopened cleanly).
import { spawn } from "node:child_process";

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
