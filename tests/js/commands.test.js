// The interviewer's buttons and shortcuts: the message each sends, or what the
// person is told when there is nothing to do.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  ADD_SECONDS,
  SHORTCUTS,
  commandFor,
  toggleAction,
} from "../../static/src/room/commands.js";

function round(overrides = {}) {
  return {
    id: 7,
    clock: { version: 3, started_at: null, running_since: null },
    questions: [],
    ...overrides,
  };
}

const question = (id, { revealed = true, hints = ["a", "b"], given = [] } = {}) => ({
  id,
  revealed,
  hints,
  hints_given: given.map((number) => ({ number, text: hints[number - 1] })),
});

test("the toggle starts, pauses and resumes", () => {
  assert.equal(toggleAction({ started_at: null }), "start");
  assert.equal(toggleAction({ started_at: "x", running_since: "y" }), "pause");
  assert.equal(toggleAction({ started_at: "x", running_since: null }), "resume");
});

test("clock commands name the version they were sent against", () => {
  assert.deepEqual(commandFor("toggle", round()).message, {
    type: "clock",
    action: "start",
    round: 7,
    version: 3,
  });
  assert.deepEqual(commandFor("add_time", round()).message.seconds, ADD_SECONDS);
  assert.equal(commandFor("end", round()).message.action, "end");
});

test("reveal-next reveals the first question not yet revealed", () => {
  const questions = [
    question(1),
    question(2, { revealed: false }),
    question(3, { revealed: false }),
  ];
  assert.deepEqual(commandFor("reveal_next", round({ questions })).message, {
    type: "reveal",
    question: 2,
  });
  assert.deepEqual(commandFor("reveal_next", round({ questions: [question(1)] })), {
    say: "Every chosen question is revealed.",
  });
});

test("hint-next gives the next hint of the last revealed question", () => {
  const questions = [question(1, { given: [1, 2] }), question(2, { given: [1] })];
  assert.deepEqual(commandFor("hint_next", round({ questions })).message, {
    type: "hint",
    question: 2,
    number: 2,
  });
  assert.deepEqual(commandFor("hint_next", round()), { say: "Reveal a question first." });
  const done = [question(4, { given: [1, 2] })];
  assert.deepEqual(commandFor("hint_next", round({ questions: done })), {
    say: "Every hint of this question is given.",
  });
});

test("every shortcut names an action the room knows", () => {
  for (const action of Object.values(SHORTCUTS)) {
    assert.ok(!commandFor(action, round()).say?.startsWith("Unknown"), action);
  }
});
