// Starts a VU host (worker thread or child process): registers tsx so the TypeScript runtime
// loads, then runs host-entry.ts.
import { register } from "tsx/esm/api";

register();
await import("./host-entry.ts");
