// The core k6 modules of the embedded runtime, each a factory called once per VU.
// k6/websockets, k6/experimental/websockets and k6/http come from ./net/.
import type { CoreModuleFactory } from "./core-host.ts";
import { cryptoModule } from "./crypto.ts";
import { dataModule } from "./data.ts";
import { encodingModule } from "./encoding.ts";
import { executionModule } from "./execution.ts";
import { k6Module } from "./k6.ts";
import { metricsModule } from "./metrics.ts";
import { experimentalWebsocketsModule, httpModule, websocketsModule } from "./net/index.ts";
import { timersModule } from "./timers.ts";

export type {
  CoreHost,
  CoreModuleFactory,
  ExecutionState,
  InstanceCounters,
  IterationState,
  SharedStore,
  TimerApi,
} from "./core-host.ts";
export { bytesOf, mergeTags, realmArrayBuffer, realmError, tagValue, toRealm } from "./realm-values.ts";

/** Import name → factory. */
export const CORE_MODULES: Readonly<Record<string, CoreModuleFactory>> = {
  k6: k6Module,
  "k6/metrics": metricsModule,
  "k6/timers": timersModule,
  "k6/execution": executionModule,
  "k6/encoding": encodingModule,
  "k6/data": dataModule,
  "k6/crypto": cryptoModule,
  "k6/websockets": websocketsModule,
  "k6/experimental/websockets": experimentalWebsocketsModule,
  "k6/http": httpModule,
};
