// A round's timeline, pure: the replay's moments and markers.

/** "12:05" from milliseconds into the round. */
export function mmss(ms) {
  const seconds = Math.floor(Math.max(ms, 0) / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

/** How many of the updates (ordered by `t`) had arrived by `ms`. */
export function updatesUpTo(updates, ms) {
  let low = 0;
  let high = updates.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (updates[middle].t <= ms) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The markers as the replay lists them, each past or not at `ms`. */
export function markersAt(events, ms) {
  return events.map((event) => ({
    t: event.t,
    text: `${mmss(event.t)} ${event.label}`,
    past: event.t <= ms,
  }));
}
