// The replay's timeline: how many updates had arrived by a moment, and which
// markers are past.
import assert from "node:assert/strict";
import { test } from "node:test";

import { markersAt, mmss, updatesUpTo } from "../../static/src/room/timeline.js";

const updates = [{ t: 0 }, { t: 1_000 }, { t: 1_000 }, { t: 65_000 }];

test("updates up to a moment include those of that very moment", () => {
  assert.equal(updatesUpTo(updates, -1), 0);
  assert.equal(updatesUpTo(updates, 0), 1);
  assert.equal(updatesUpTo(updates, 1_000), 3);
  assert.equal(updatesUpTo(updates, 64_999), 3);
  assert.equal(updatesUpTo(updates, 10 ** 9), 4);
  assert.equal(updatesUpTo([], 5), 0);
});

test("markers read as the round's clock and know whether they are past", () => {
  const events = [
    { t: 0, label: "Started" },
    { t: 754_000, label: "Hint 1 given" },
  ];
  assert.deepEqual(markersAt(events, 60_000), [
    { t: 0, text: "0:00 Started", past: true },
    { t: 754_000, text: "12:34 Hint 1 given", past: false },
  ]);
});

test("moments read as minutes and seconds", () => {
  assert.equal(mmss(0), "0:00");
  assert.equal(mmss(3_599_000), "59:59");
  assert.equal(mmss(-5), "0:00");
});
