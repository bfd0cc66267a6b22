// The pad at two moments, line by line: what was added and removed, a few unchanged
// lines around each change, the rest folded.
import assert from "node:assert/strict";
import { test } from "node:test";

import { lineDiff } from "../../static/src/room/pad_diff.js";

test("an added line shows with the lines around it", () => {
  const { rows, added, removed } = lineDiff(
    "def merge(bookings):\n",
    "def merge(bookings):\n    return []\n",
  );
  assert.deepEqual(rows, [
    { kind: "same", text: "def merge(bookings):" },
    { kind: "added", text: "    return []" },
  ]);
  assert.deepEqual([added, removed], [1, 0]);
});

test("a changed line is the old one removed and the new one added", () => {
  const { rows, added, removed } = lineDiff("a\nb = 1\nc\n", "a\nb = 2\nc\n");
  assert.deepEqual(rows, [
    { kind: "same", text: "a" },
    { kind: "removed", text: "b = 1" },
    { kind: "added", text: "b = 2" },
    { kind: "same", text: "c" },
  ]);
  assert.deepEqual([added, removed], [1, 1]);
});

test("a last line without its newline is the same line", () => {
  assert.deepEqual(lineDiff("x = 1", "x = 1\ny = 2").rows, [
    { kind: "same", text: "x = 1" },
    { kind: "added", text: "y = 2" },
  ]);
});

test("unchanged lines far from a change fold into a count", () => {
  const lines = Array.from({ length: 20 }, (_, index) => `line ${index}`);
  const before = `${lines.join("\n")}\n`;
  const after = `${[...lines.slice(0, 10), "new", ...lines.slice(10)].join("\n")}\n`;
  const { rows } = lineDiff(before, after, 2);
  assert.deepEqual(rows, [
    { kind: "gap", count: 8 },
    { kind: "same", text: "line 8" },
    { kind: "same", text: "line 9" },
    { kind: "added", text: "new" },
    { kind: "same", text: "line 10" },
    { kind: "same", text: "line 11" },
    { kind: "gap", count: 8 },
  ]);
});

test("the same text twice, or nothing twice, has no change", () => {
  assert.deepEqual(lineDiff("a\nb\n", "a\nb\n"), {
    rows: [{ kind: "gap", count: 2 }],
    added: 0,
    removed: 0,
  });
  assert.deepEqual(lineDiff("", ""), { rows: [], added: 0, removed: 0 });
  assert.deepEqual(lineDiff("", "a\n").rows, [{ kind: "added", text: "a" }]);
});
