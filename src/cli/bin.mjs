#!/usr/bin/env node
// The finesse-load command. Re-executes itself with the Node flags the runtime needs (vm modules
// for VU code) when they are missing, then loads the TypeScript CLI through tsx.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const NEEDED = ["--experimental-vm-modules", "--disable-warning=ExperimentalWarning"];
const missing = NEEDED.filter((f) => !process.execArgv.includes(f));

if (missing.length > 0) {
  // The child gets its own process group so a terminal Ctrl+C reaches it once, through us.
  const child = spawn(process.execPath, [...process.execArgv, ...missing, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: "inherit",
    detached: true,
  });
  for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.on(sig, () => {
      if (child.exitCode === null) child.kill(sig);
    });
  }
  child.on("exit", (code, signal) => {
    process.exitCode = code ?? (signal === "SIGINT" ? 130 : 1);
  });
} else {
  const { register } = await import("tsx/esm/api");
  register();
  const { main, processIo } = await import("./main.ts");
  const code = await main(process.argv.slice(2), processIo());
  process.exitCode = code;
  // Exit even if a handle (a socket a script left open) would keep the process alive.
  setTimeout(() => process.exit(code), 2000).unref();
}
