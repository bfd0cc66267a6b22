// Solo practice's nudges fall due as the server's rule says: the first hint at 25
// minutes before "Code", the outline when the time box is spent, coding long after
// 10 minutes in "Code"; each only until shown. The answers' buttons follow.
import assert from "node:assert/strict";
import { test } from "node:test";

import { answersOpen, nudgesDue } from "../../static/src/room/practice_nudges.js";

const MINUTE = 60 * 1000;
const START = Date.parse("2026-05-04T15:00:00Z");

function practice(overrides = {}) {
  return {
    finished: false,
    time_box_ms: 30 * MINUTE,
    first_hint_ms: 25 * MINUTE,
    coding_long_ms: 10 * MINUTE,
    code_step: 2,
    hints_total: 2,
    answers_opened: false,
    gave_up: false,
    has_outline: true,
    outline_html: "",
    nudges: ["first_hint", "outline", "coding_long"].map((name) => ({
      name,
      text: name,
      shown: false,
    })),
    ...overrides,
  };
}

/** A clock started at START, running, in step `phase` since `phaseFrom` minutes. */
function clock(phase = 0, phaseFrom = 0) {
  return {
    started_at: new Date(START).toISOString(),
    running_since: new Date(START).toISOString(),
    elapsed_before_ms: 0,
    phase_index: phase,
    phase_started_ms: phaseFrom * MINUTE,
  };
}

const names = (due) => due.map((nudge) => nudge.name);

test("nothing is due before the clock starts or after the end", () => {
  const idle = { ...clock(), started_at: null, running_since: null };
  assert.deepEqual(nudgesDue(practice(), idle, START + 40 * MINUTE), []);
  assert.deepEqual(nudgesDue(practice({ finished: true }), clock(), START + 40 * MINUTE), []);
});

test("the first hint at 25 minutes without code, the outline at the time box", () => {
  assert.deepEqual(names(nudgesDue(practice(), clock(1), START + 24 * MINUTE)), []);
  assert.deepEqual(names(nudgesDue(practice(), clock(1), START + 25 * MINUTE)), ["first_hint"]);
  assert.deepEqual(names(nudgesDue(practice(), clock(1), START + 30 * MINUTE)), [
    "first_hint",
    "outline",
  ]);
  // Coding already: no hint to offer.
  assert.deepEqual(names(nudgesDue(practice(), clock(2, 20), START + 26 * MINUTE)), []);
});

test("coding past ten minutes says so", () => {
  assert.deepEqual(names(nudgesDue(practice(), clock(2, 5), START + 14 * MINUTE)), []);
  assert.deepEqual(names(nudgesDue(practice(), clock(2, 5), START + 15 * MINUTE)), ["coding_long"]);
});

test("a nudge shown is not due again", () => {
  const shown = practice();
  shown.nudges[0].shown = true;
  assert.deepEqual(names(nudgesDue(shown, clock(1), START + 26 * MINUTE)), []);
});

test("the answers' buttons follow the clock and giving up", () => {
  assert.deepEqual(answersOpen(practice(), clock(1), START + 10 * MINUTE, 0), {
    hint: false,
    outline: false,
    give_up: true,
  });
  assert.deepEqual(answersOpen(practice(), clock(1), START + 25 * MINUTE, 0), {
    hint: true,
    outline: false,
    give_up: true,
  });
  assert.equal(answersOpen(practice(), clock(1), START + 25 * MINUTE, 2).hint, false);
  assert.deepEqual(answersOpen(practice({ gave_up: true }), clock(0), START, 0), {
    hint: true,
    outline: true,
    give_up: false,
  });
  assert.equal(
    answersOpen(practice({ outline_html: "<p>x</p>" }), clock(3), START + 31 * MINUTE, 0).outline,
    false,
  );
});
