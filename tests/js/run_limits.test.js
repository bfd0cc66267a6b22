// What a run may send: its report fits one room command (144 KiB) with at most
// 64 KiB of output, and 'Run examples' compares JavaScript results as JSON.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  MAX_RUN_FRAME,
  OUTPUT_LIMIT,
  runMessage,
  sameAsJson,
} from "../../static/src/room/run_limits.js";

const report = (output) => ({
  round: 1,
  language: "python",
  exit: "ok",
  duration_ms: 3,
  output,
  truncated: false,
  question: null,
  passed: null,
});

test("a report keeps at most 64 KiB of output", () => {
  const message = runMessage(report("x".repeat(OUTPUT_LIMIT + 10)));
  assert.equal(message.type, "run");
  assert.equal(message.output.length, OUTPUT_LIMIT);
});

test("output whose escapes would overflow the frame is cut further and says so", () => {
  const message = runMessage(report("\u0001".repeat(OUTPUT_LIMIT)));
  assert.ok(JSON.stringify(message).length <= MAX_RUN_FRAME);
  assert.equal(message.truncated, true);
});

test("results compare as JSON data", () => {
  assert.ok(sameAsJson([1, [2, 3]], [1, [2, 3]]));
  assert.ok(sameAsJson({ b: 1, a: 2 }, { a: 2, b: 1 }));
  assert.ok(sameAsJson(undefined, null));
  assert.ok(!sameAsJson("2", 2));
  assert.ok(!sameAsJson([1, 2], [1, 2, 3]));
});
