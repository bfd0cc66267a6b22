// The room's clock arithmetic: what the three faces show, and the offset to
// server time, from the server's figures alone.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  clockFigures,
  duration,
  elapsedMs,
  offsetEstimate,
  roundTotalMs,
} from "../../static/src/room/clock.js";

const MINUTE = 60_000;
const START = Date.parse("2026-12-06T10:00:00Z");

function phoneScreen(clock = {}) {
  return {
    segments: [
      { label: "Introductions", minutes: 5, phases: [] },
      {
        label: "Coding",
        minutes: 35,
        phases: [
          { name: "Clarify", minutes: 3 },
          { name: "Plan", minutes: 5 },
        ],
      },
      { label: "Questions for the interviewer", minutes: 5, phases: [] },
    ],
    clock: {
      started_at: new Date(START).toISOString(),
      running_since: new Date(START).toISOString(),
      elapsed_before_ms: 0,
      added_seconds: 0,
      segment_index: 0,
      segment_started_ms: 0,
      segment_added_seconds: 0,
      phase_index: 0,
      phase_started_ms: 0,
      ...clock,
    },
  };
}

test("a running clock counts from when its run began", () => {
  const round = phoneScreen({ elapsed_before_ms: 2 * MINUTE });
  assert.equal(elapsedMs(round.clock, START + 90_000), 2 * MINUTE + 90_000);
});

test("a paused clock stands still", () => {
  const round = phoneScreen({ running_since: null, elapsed_before_ms: 7 * MINUTE });
  assert.equal(elapsedMs(round.clock, START + 60 * MINUTE), 7 * MINUTE);
});

test("the round's total is its parts and the time added", () => {
  assert.equal(roundTotalMs(phoneScreen()), 45 * MINUTE);
  assert.equal(roundTotalMs(phoneScreen({ added_seconds: 300 })), 50 * MINUTE);
});

test("the faces show the round, the part and the step that run now", () => {
  const round = phoneScreen({
    segment_index: 1,
    segment_started_ms: 5 * MINUTE,
    phase_index: 1,
    phase_started_ms: 8 * MINUTE,
  });
  const figures = clockFigures(round, START + 10 * MINUTE);
  assert.equal(figures.round, 35 * MINUTE);
  assert.equal(figures.segment, 30 * MINUTE);
  assert.equal(figures.phase, 3 * MINUTE);
  assert.equal(figures.segmentName, "Coding");
  assert.equal(figures.phaseName, "Plan");
});

test("the parts left always add up to the round's time left", () => {
  // The introduction is skipped after 33 s: its minutes go to the coding part.
  const skipped = phoneScreen({ segment_index: 1, segment_started_ms: 33_000 });
  let figures = clockFigures(skipped, START + 33_000);
  assert.equal(figures.round, 45 * MINUTE - 33_000);
  assert.equal(figures.segment + 5 * MINUTE, figures.round);
  // The introduction ran 2 minutes over: the coding part is 2 minutes shorter.
  const late = phoneScreen({ segment_index: 1, segment_started_ms: 7 * MINUTE });
  figures = clockFigures(late, START + 7 * MINUTE);
  assert.equal(figures.segment, 33 * MINUTE);
  assert.equal(figures.segment + 5 * MINUTE, figures.round);
  // Time added in a part extends it and the round alike.
  const added = phoneScreen({ added_seconds: 300, segment_added_seconds: 300 });
  figures = clockFigures(added, START + MINUTE);
  assert.equal(figures.segment, 9 * MINUTE);
  assert.equal(figures.segment + 40 * MINUTE, figures.round);
});

test("a part without steps shows no step clock", () => {
  const figures = clockFigures(phoneScreen(), START + MINUTE);
  assert.equal(figures.phase, null);
  assert.equal(figures.phaseName, "");
});

test("durations read as clocks, time over with a plus", () => {
  assert.equal(duration(65_000), "1:05");
  assert.equal(duration(3_723_000), "1:02:03");
  assert.equal(duration(-30_000), "+0:30");
  assert.equal(duration(999), "0:00");
});

test("the offset to server time takes half the round trip", () => {
  const estimate = offsetEstimate({ sentAt: 1_000, serverTime: 5_100, receivedAt: 1_200 });
  assert.deepEqual(estimate, { roundTrip: 200, offset: 4_000 });
});
