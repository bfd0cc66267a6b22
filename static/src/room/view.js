// The room drawn from its state, the person's own view that the server sends. No
// function here keeps state: each draws what it is given.

import { clockFigures, duration } from "./clock.js";

export const PRESENCE_GONE = 12 * 1000;

/** A DOM element: attributes, `text`, `html` (sanitised by the server), `on…`. */
export function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name === "text") node.textContent = value;
    else if (name === "html") node.innerHTML = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : value);
  }
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
}

/** The interviewer, or the person practising alone: they keep the clock. */
export function runsTheClock(round) {
  return round?.role === "interviewer" || round?.role === "solo";
}

function roleLine(round) {
  if (round.role === "interviewer") return " (you interview)";
  if (round.role === "candidate") return " (you are the candidate)";
  return "";
}

function partClass(index, current) {
  if (index === current) return "current";
  return index < current ? "done" : "";
}

export function renderCall($, session) {
  $("[data-call]").replaceChildren(
    session.call_link
      ? element("a", {
          href: session.call_link,
          rel: "noopener noreferrer",
          target: "_blank",
          text: "Join the call",
        })
      : "",
  );
}

export function renderRoundLine($, state) {
  const round = state.round;
  if (round.role === "solo") {
    $("[data-round-line]").textContent =
      `Practising alone${round.clock.ended_at ? " · ended" : ""}`;
    return;
  }
  const here = state.rounds.find((each) => each.order === round.order);
  $("[data-round-line]").textContent =
    `Round ${round.order + 1} of ${state.rounds.length}: ` +
    `${here.interviewer} interviews ${here.candidate}${roleLine(round)}` +
    (round.clock.ended_at ? " · ended" : "");
}

export function renderSegments($, round) {
  const clock = round.clock;
  $("[data-segments]").replaceChildren(
    ...round.segments.map((segment, index) =>
      element(
        "li",
        {
          class: partClass(index, clock.segment_index),
          "aria-current": index === clock.segment_index ? "step" : false,
        },
        `${segment.label} · ${segment.minutes} min`,
      ),
    ),
  );
  const segment = round.segments[clock.segment_index] || round.segments[0];
  // The steps are one question's: with several, they start again for the next.
  $("[data-phases-caption]").textContent =
    segment.phases.length && segment.questions > 1
      ? `Steps of each of its ${segment.questions} questions:`
      : "";
  $("[data-phases]").replaceChildren(
    ...segment.phases.map((phase, index) =>
      element(
        "li",
        {
          class: index === clock.phase_index ? "current" : "",
          "aria-current": index === clock.phase_index ? "step" : false,
        },
        `${phase.name} ~${phase.minutes} min`,
      ),
    ),
  );
}

export function renderControls($, state) {
  const round = state.round;
  const clock = round.clock;
  const keeper = runsTheClock(round);
  const usable = state.session.usable;
  const controls = $("[data-controls]");
  controls.hidden = !(keeper && usable) || Boolean(clock.ended_at);
  $("[data-shortcuts]").hidden = !keeper;
  const toggle = controls.querySelector('[data-action="toggle"]');
  let label = "Resume ";
  if (!clock.started_at) label = "Start ";
  else if (clock.running_since) label = "Pause ";
  toggle.firstChild.textContent = label;
  const next = state.rounds.find((each) => each.order === round.order + 1);
  $("[data-swap]").hidden = !(state.session.swap && next && clock.ended_at && usable);
  $("[data-feedback]").hidden = !(clock.ended_at && round.feedback_url);
  $("[data-round-over-line]").textContent = `Round ${round.order + 1} is over.`;
  const link = $("[data-feedback-link]");
  link.href = round.feedback_url;
  // The server says where the round's feedback stands for this reader.
  link.textContent = round.feedback?.text || "Open the round's feedback";
  link.dataset.state = round.feedback?.state || "";
  $("[data-replay-link]").href = round.replay_url;
}

/** "Hint 2 · at 12:40": when a hint was given, on the round's clock. */
export function hintMoment(hint) {
  return hint.at ? `Hint ${hint.number} · at ${hint.at}` : `Hint ${hint.number}`;
}

function hintList(question, send, ended) {
  const given = new Map(question.hints_given.map((hint) => [hint.number, hint]));
  return element(
    "ol",
    { class: "hints" },
    ...question.hints.map((hint, index) =>
      element(
        "li",
        {},
        element("span", { text: hint }),
        " ",
        given.has(index + 1)
          ? element("span", {
              class: "status status-scheduled",
              "data-testid": `hint-given-${index + 1}`,
              text: given.get(index + 1).at ? `given at ${given.get(index + 1).at}` : "given",
            })
          : element("button", {
              type: "button",
              disabled: !question.revealed || ended,
              "data-testid": `give-hint-${index + 1}`,
              onclick: () => send({ type: "hint", question: question.id, number: index + 1 }),
              text: `Give hint ${index + 1}`,
            }),
      ),
    ),
  );
}

function noQuestionText(round) {
  if (round.role === "interviewer") return "No question chosen: choose one on the session's page.";
  const chosen = round.questions_chosen;
  if (chosen === 1) return "Your interviewer chose a question and reveals it here.";
  if (chosen) return `Your interviewer chose ${chosen} questions and reveals each here.`;
  return "Your interviewer has not revealed a question yet.";
}

function revealControl(question, send, ended) {
  if (question.revealed)
    return element("p", { class: "status status-scheduled", text: "Revealed" });
  return element("button", {
    type: "button",
    class: "button-primary",
    disabled: ended,
    "data-testid": "reveal",
    onclick: () => send({ type: "reveal", question: question.id }),
    text: "Reveal to the candidate",
  });
}

function interviewerOnly(summary, ...content) {
  return element(
    "details",
    { class: "interviewer-only" },
    element("summary", { text: summary }),
    ...content,
  );
}

function questionCard(question, interviewer, send, ended) {
  const given = question.hints_given;
  return element(
    "article",
    { class: "question", "data-testid": "room-question" },
    element("h3", { text: question.title }),
    interviewer ? revealControl(question, send, ended) : null,
    question.statement_html
      ? element("div", { class: "statement markdown", html: question.statement_html })
      : null,
    question.link
      ? element(
          "p",
          {},
          element("a", {
            href: question.link,
            rel: "noopener noreferrer",
            target: "_blank",
            text: "Open the question",
          }),
        )
      : null,
    interviewer && question.hints.length ? element("h4", { text: "Hints" }) : null,
    interviewer ? hintList(question, send, ended) : null,
    !interviewer && given.length
      ? element(
          "div",
          { class: "given-hints", "data-testid": "given-hints" },
          element("h4", { text: "Hints" }),
          element(
            "ul",
            {},
            ...given.map((hint) =>
              element(
                "li",
                { "data-testid": `given-hint-${hint.number}` },
                element("strong", { text: hintMoment(hint) }),
                " ",
                element("span", { text: hint.text }),
              ),
            ),
          ),
        )
      : null,
    interviewer && question.solution_outline_html
      ? interviewerOnly(
          "Solution outline",
          element("div", { html: question.solution_outline_html }),
        )
      : null,
    interviewer && question.follow_ups.length
      ? interviewerOnly(
          "Follow-ups",
          element("ul", {}, ...question.follow_ups.map((text) => element("li", { text }))),
        )
      : null,
  );
}

export function renderQuestions($, round, send) {
  const box = $("[data-questions]");
  if (!round.questions.length) {
    box.replaceChildren(
      element("p", { class: "muted", "data-testid": "no-question", text: noQuestionText(round) }),
    );
    return;
  }
  const interviewer = round.role === "interviewer";
  box.replaceChildren(
    ...round.questions.map((question) =>
      questionCard(question, interviewer, send, Boolean(round.clock.ended_at)),
    ),
  );
}

/** The three clock faces and the names of the part and step. */
export function renderClock($, round, serverNow) {
  const figures = clockFigures(round, serverNow);
  for (const name of ["round", "segment", "phase"]) {
    const face = $(`[data-face="${name}"]`);
    const ms = figures[name];
    face.textContent = ms === null ? "—" : duration(ms);
    face.classList.toggle("overtime", ms !== null && ms < 0);
  }
  $("[data-segment-label]").textContent = figures.segmentName;
  $("[data-phase-label]").textContent = figures.phaseName || "Step";
}

/** Who is here: me while connected, others heard from lately. */
export function renderPresence($, state, { connected, seen, now }) {
  $("[data-presence]").replaceChildren(
    ...state.people.map((person) => {
      const mine = person.id === state.me.id;
      const here = mine
        ? connected
        : seen.has(person.id) && now - seen.get(person.id) <= PRESENCE_GONE;
      return element(
        "li",
        { class: here ? "here" : "away", "data-testid": `presence-${person.id}` },
        element("span", { class: "dot", "aria-hidden": "true" }),
        `${person.name}${mine ? " (you)" : ""}`,
        element("span", { class: "visually-hidden", text: here ? " is here" : " is away" }),
      );
    }),
  );
}

export function setStatus(node, text, kind) {
  node.textContent = text;
  node.dataset.state = kind;
}
