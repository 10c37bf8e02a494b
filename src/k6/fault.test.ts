// The failover scenario's fault setting and the simulator fault URL it posts to.
import { test } from "node:test";
import assert from "node:assert/strict";
import { faultUrl, parseFault } from "./fault.ts";

test("fault: drop-sockets, out-of-service or external; anything else is named with the allowed values", () => {
  assert.equal(parseFault("out-of-service"), "out-of-service");
  assert.throws(() => parseFault("drop"), /scenarios\.failover\.load\.fault: expected one of drop-sockets, out-of-service, external, got "drop"/);
});

test("fault URL: the admin endpoint on the node's REST origin; none for an external fault", () => {
  assert.equal(faultUrl("http://127.0.0.1:8080/", "drop-sockets", 5), "http://127.0.0.1:8080/admin/drop-sockets");
  assert.equal(faultUrl("https://sim.example.com:8445", "out-of-service", 12.4), "https://sim.example.com:8445/admin/out-of-service?seconds=12");
  assert.equal(faultUrl("https://sim.example.com:8445", "external", 5), undefined);
});
