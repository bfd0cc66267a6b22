// Solo practice's nudges, pure: which are due at a moment of the round's clock.
// The server checks the same rule (practice.selectors.solo.nudge_is_due) before it
// keeps one as shown.

import { elapsedMs } from "./clock.js";

/**
 * The nudges of `practice` that the clock has reached and that were not shown yet.
 * First hint: 25 minutes before the "Code" step. Outline: the time box spent.
 * Coding long: 10 minutes in the "Code" step.
 */
export function nudgesDue(practice, clock, serverNow) {
  if (!clock.started_at || practice.finished) return [];
  const elapsed = elapsedMs(clock, serverNow);
  const inCode = practice.code_step !== null && clock.phase_index === practice.code_step;
  const beforeCode = practice.code_step !== null && clock.phase_index < practice.code_step;
  const due = {
    first_hint: beforeCode && elapsed >= practice.first_hint_ms,
    outline: elapsed >= practice.time_box_ms,
    coding_long: inCode && elapsed - clock.phase_started_ms >= practice.coding_long_ms,
  };
  return practice.nudges.filter((nudge) => !nudge.shown && due[nudge.name]);
}

/** Whether each of the panel's answer buttons may be pressed now. */
export function answersOpen(practice, clock, serverNow, hintsGiven) {
  const elapsed = clock.started_at ? elapsedMs(clock, serverNow) : 0;
  const boxSpent = elapsed >= practice.time_box_ms;
  const hintTime =
    boxSpent ||
    (practice.code_step !== null &&
      clock.phase_index < practice.code_step &&
      elapsed >= practice.first_hint_ms) ||
    practice.answers_opened;
  const open = !practice.finished;
  return {
    hint: open && (practice.gave_up || hintTime) && hintsGiven < practice.hints_total,
    outline:
      open && (practice.gave_up || boxSpent) && practice.has_outline && !practice.outline_html,
    give_up: open && !practice.gave_up,
  };
}
