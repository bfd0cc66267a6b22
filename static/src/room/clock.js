// The room's clock arithmetic, pure: the server keeps the clock (when the round
// started, paused and resumed) and the page counts down from its figures and the
// measured offset to server time, so every tab shows the same second.

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;

/** Milliseconds the round's clock has run, at server time `serverNow`. */
export function elapsedMs(clock, serverNow) {
  let elapsed = clock.elapsed_before_ms;
  if (clock.running_since) elapsed += serverNow - Date.parse(clock.running_since);
  return elapsed;
}

/** The round's planned length: its parts' minutes and the time added. */
export function roundTotalMs(round) {
  const planned = round.segments.reduce((sum, each) => sum + each.minutes * MINUTE, 0);
  return planned + round.clock.added_seconds * SECOND;
}

/**
 * What the three clock faces show: the time left in the round, in its current
 * part and in the part's current step (null when the part has no steps), and the
 * names of the part and the step. Negative values are time over.
 */
export function clockFigures(round, serverNow) {
  const clock = round.clock;
  const elapsed = elapsedMs(clock, serverNow);
  const index = round.segments[clock.segment_index] ? clock.segment_index : 0;
  const segment = round.segments[index];
  // A part ends where the plan ends it, shifted by the time added so far: a part
  // left early hands its minutes to the next, one run over takes them from it, so
  // the parts left always add up to the round's time left.
  const partEnds =
    round.segments.slice(0, index + 1).reduce((sum, each) => sum + each.minutes * MINUTE, 0) +
    clock.added_seconds * SECOND;
  const phase = segment.phases[clock.phase_index];
  return {
    elapsed,
    round: roundTotalMs(round) - elapsed,
    segment: partEnds - elapsed,
    phase: phase ? phase.minutes * MINUTE - (elapsed - clock.phase_started_ms) : null,
    segmentName: segment.label,
    phaseName: phase ? phase.name : "",
  };
}

/** "4:05", "1:02:03", and time over as "+0:30". */
export function duration(ms) {
  const negative = ms < 0;
  const total = Math.floor(Math.abs(ms) / SECOND);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, "0");
  const text = hours
    ? `${hours}:${String(minutes).padStart(2, "0")}:${seconds}`
    : `${minutes}:${seconds}`;
  return negative ? `+${text}` : text;
}

/**
 * The offset to server time from one ping: server time minus local time, taking
 * the reply to have left the server half a round trip ago. Keep the estimate of
 * the ping with the lowest round trip.
 */
export function offsetEstimate({ sentAt, serverTime, receivedAt }) {
  const roundTrip = receivedAt - sentAt;
  return { roundTrip, offset: serverTime + roundTrip / 2 - receivedAt };
}
