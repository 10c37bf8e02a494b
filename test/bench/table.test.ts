import assert from "node:assert/strict";
import { test } from "node:test";
import { judge, median, table } from "./table.ts";

test("the harness's cost is harness/bare for costs and bare/harness for rates; targets decide 'met'", () => {
  const rss = judge({ figure: "rss", unit: "KB", harness: [60], bare: [30], higherIsBetter: false, target: { op: "<=", value: 50 }, ratioTarget: 1.5 });
  assert.equal(rss.cost, 2);
  assert.equal(rss.met, false);
  const rate = judge({ figure: "rate", unit: "/s", harness: [1200], bare: [1500], higherIsBetter: true, target: { op: ">=", value: 1000 }, ratioTarget: 1.5 });
  assert.equal(rate.cost, 1.25);
  assert.equal(rate.met, true);
  const unmeasured = judge({ figure: "x", unit: "ms", harness: [undefined], bare: [3], higherIsBetter: false, ratioTarget: 1.5 });
  assert.equal(unmeasured.cost, undefined);
  assert.equal(unmeasured.met, undefined);
});

test("repeats give the median and the range", () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, undefined, 2, 3]), 2.5);
  assert.equal(median([undefined]), undefined);
  const md = table([{ figure: "held", unit: "sessions", harness: [19_000, 20_500, 20_100], bare: [20_000, 20_000, 20_000], higherIsBetter: true, target: { op: ">=", value: 20_000 } }]);
  assert.match(md, /\| held \(sessions\) \| 20,100 \(19,000–20,500\) \| 20,000 \(20,000–20,000\) \| 1\.00× \| >= 20,000 \| yes \|/);
});
