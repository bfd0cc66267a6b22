// The replay's playback: how far a tick moves the round at a speed, and the pauses
// it skips rather than plays.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  activityOf,
  IDLE_MS,
  LEAD_WALL_MS,
  nextActivity,
  nextMoment,
  SPEEDS,
  stepSpeed,
} from "../../static/src/room/playback.js";

const activity = activityOf([120_000, 121_000, 1_200_000], [300_000, 121_000]);
const duration = 2_700_000;

test("the moments anything happened come in order, each once", () => {
  assert.deepEqual(activity, [120_000, 121_000, 300_000, 1_200_000]);
  assert.equal(nextActivity(activity, 0), 120_000);
  assert.equal(nextActivity(activity, 120_000), 121_000);
  assert.equal(nextActivity(activity, 1_200_000), null);
});

test("between close updates the round moves by the time passed times the speed", () => {
  assert.deepEqual(nextMoment({ now: 119_000, wallMs: 100, speed: 1, activity, duration }), {
    t: 119_100,
    skipped: 0,
  });
  assert.deepEqual(nextMoment({ now: 119_000, wallMs: 100, speed: 8, activity, duration }), {
    t: 119_800,
    skipped: 0,
  });
});

test("a long pause is skipped to just before the next update, as long at any speed", () => {
  for (const speed of SPEEDS) {
    const lead = LEAD_WALL_MS * speed;
    const { t, skipped } = nextMoment({ now: 121_000, wallMs: 100, speed, activity, duration });
    assert.equal(t, 300_000 - lead, `at ${speed}×`);
    assert.equal(skipped, 300_000 - lead - 121_000);
  }
});

test("a pause no longer than the idle stretch plays through", () => {
  const now = 300_000 - LEAD_WALL_MS - IDLE_MS;
  assert.equal(nextMoment({ now, wallMs: 100, speed: 1, activity, duration }).skipped, 0);
  const longer = nextMoment({ now: now - 1, wallMs: 100, speed: 1, activity, duration });
  assert.equal(longer.t, 300_000 - LEAD_WALL_MS);
});

test("after the last update playback goes to the end and stops there", () => {
  assert.deepEqual(nextMoment({ now: 1_200_000, wallMs: 100, speed: 32, activity, duration }), {
    t: duration,
    skipped: duration - 1_200_000,
  });
  assert.equal(
    nextMoment({ now: duration - 500, wallMs: 100, speed: 32, activity, duration }).t,
    duration,
  );
});

test("a round with nothing in it plays straight to its end", () => {
  assert.equal(nextMoment({ now: 0, wallMs: 100, speed: 1, activity: [], duration }).t, duration);
});

test("the speed steps through 1× to 32× and stays within them", () => {
  assert.equal(stepSpeed(1, 1), 2);
  assert.equal(stepSpeed(16, 1), 32);
  assert.equal(stepSpeed(32, 1), 32);
  assert.equal(stepSpeed(2, -1), 1);
  assert.equal(stepSpeed(1, -1), 1);
  assert.equal(stepSpeed(3, 1), 2);
});
