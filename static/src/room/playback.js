// The replay's playback, pure: how far the round moves in a tick at a speed, and
// the pauses it skips.

export const SPEEDS = [1, 2, 4, 8, 16, 32];

// A pause in the round longer than this (nothing typed, drawn or marked) is
// skipped rather than watched.
export const IDLE_MS = 3000;

// A skip lands this long (in the viewer's time) before the next thing happens, so
// a pause still reads as one, and as long at 32× as at 1×.
export const LEAD_WALL_MS = 500;

/** The moments anything happened (pad and board updates, markers), in order,
 * each once. */
export function activityOf(...lists) {
  return [...new Set(lists.flat())].sort((a, b) => a - b);
}

/** The first moment of `activity` (sorted) after `ms`; null when none is. */
export function nextActivity(activity, ms) {
  let low = 0;
  let high = activity.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (activity[middle] <= ms) low = middle + 1;
    else high = middle;
  }
  return low < activity.length ? activity[low] : null;
}

/** Where playback goes after `wallMs` of the viewer's time at `speed`, from `now`:
 * on by speed × wallMs, or, when nothing happens for long enough that more than
 * IDLE_MS of the pause would be left after the lead, straight to the lead before
 * the next thing (or to the end, when nothing comes again). `skipped` is how much
 * of the round was jumped over; 0 when none was. */
export function nextMoment({ now, wallMs, speed, activity, duration }) {
  const next = nextActivity(activity, now) ?? duration;
  const lead = LEAD_WALL_MS * speed;
  const landing = next >= duration ? duration : next - lead;
  if (landing - now > IDLE_MS) return { t: landing, skipped: landing - now };
  return { t: Math.min(now + wallMs * speed, duration), skipped: 0 };
}

/** The speed after `speed` one step faster (+1) or slower (-1), kept in SPEEDS. */
export function stepSpeed(speed, step) {
  const index = Math.max(SPEEDS.indexOf(speed), 0) + step;
  return SPEEDS[Math.min(Math.max(index, 0), SPEEDS.length - 1)];
}
