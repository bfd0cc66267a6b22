// What the interviewer's buttons and shortcuts ask of the server, pure: each
// returns the message to send, or a word for the person when there is nothing
// to do. The server decides; a repeated command changes nothing there.

export const ADD_SECONDS = 5 * 60;

// Alt + key, the same as the buttons' data-action.
export const SHORTCUTS = {
  KeyS: "toggle",
  KeyN: "next_phase",
  KeyM: "next_segment",
  KeyA: "add_time",
  KeyE: "end",
  KeyR: "reveal_next",
  KeyH: "hint_next",
  KeyT: "timestamp",
};

export function toggleAction(clock) {
  if (!clock.started_at) return "start";
  return clock.running_since ? "pause" : "resume";
}

function clockMessage(round, action, extra = {}) {
  return { type: "clock", action, round: round.id, version: round.clock.version, ...extra };
}

function revealNext(round) {
  const next = round.questions.find((question) => !question.revealed);
  if (!next) return { say: "Every chosen question is revealed." };
  return { message: { type: "reveal", question: next.id } };
}

function hintNext(round) {
  const revealed = round.questions.filter((question) => question.revealed);
  const question = revealed[revealed.length - 1];
  if (!question) return { say: "Reveal a question first." };
  const given = new Set(question.hints_given.map((hint) => hint.number));
  const number = question.hints.findIndex((_, index) => !given.has(index + 1)) + 1;
  if (!number) return { say: "Every hint of this question is given." };
  return { message: { type: "hint", question: question.id, number } };
}

/**
 * The command for one of the actions above (a button's data-action or a
 * shortcut's), on the round as the page last heard of it: `{message}` to send,
 * `{say}` to tell the person, or `{timestamp: true}` for the notes.
 */
export function commandFor(action, round) {
  switch (action) {
    case "toggle":
      return { message: clockMessage(round, toggleAction(round.clock)) };
    case "add_time":
      return { message: clockMessage(round, "add_time", { seconds: ADD_SECONDS }) };
    case "next_phase":
    case "next_segment":
    case "end":
      return { message: clockMessage(round, action) };
    case "reveal_next":
      return revealNext(round);
    case "hint_next":
      return hintNext(round);
    case "timestamp":
      return { timestamp: true };
    default:
      return { say: `Unknown action ${action}.` };
  }
}
