// The live room. The server owns everything: the page renders the state it sends
// (on connect and after every change, the person's own view of the room) and
// counts the clock down locally from the server's figures and its measured offset
// to server time, so every tab and both people see the same second.

const SECOND = 1000;
const PRESENCE_EVERY = 5 * SECOND;
const PRESENCE_GONE = 12 * SECOND;
const ADD_SECONDS = 5 * 60;

const root = document.querySelector("[data-room]");
const $ = (selector) => root.querySelector(selector);

let state = JSON.parse(document.getElementById("room-state").textContent);
let socket = null;
let offset = 0; // server time minus local time, from the ping with the lowest round trip
let bestRoundTrip = Infinity;
let retries = 0;
let pad = null;
let notes = null;
let padId = null;
const seen = new Map(); // user id -> last presence time (local clock)

// Small helpers --------------------------------------------------------------------
function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name === "text") node.textContent = value;
    else if (name === "html") node.innerHTML = value; // sanitised by the server (nh3)
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : value);
  }
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
}

function duration(ms) {
  const negative = ms < 0;
  const total = Math.floor(Math.abs(ms) / SECOND);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, "0");
  const text = hours ? `${hours}:${String(minutes).padStart(2, "0")}:${seconds}` : `${minutes}:${seconds}`;
  return negative ? `+${text}` : text;
}

function toast(message) {
  const box = $("[data-toast]");
  box.textContent = message;
  box.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => {
    box.hidden = true;
  }, 6 * SECOND);
}

function serverNow() {
  return Date.now() + offset;
}

// The socket -------------------------------------------------------------------------
function connect() {
  const scheme = window.location.protocol === "https:" ? "wss" : "ws";
  socket = new WebSocket(`${scheme}://${window.location.host}/ws/sessions/${state.session.id}/`);
  $("[data-connection]").textContent = "Connecting…";
  socket.addEventListener("open", () => {
    retries = 0;
    bestRoundTrip = Infinity;
    $("[data-connection]").textContent = "";
    root.dataset.connected = "true";
    for (let n = 0; n < 5; n += 1) setTimeout(ping, n * 300);
  });
  socket.addEventListener("message", (event) => receive(JSON.parse(event.data)));
  socket.addEventListener("close", (event) => {
    root.dataset.connected = "false";
    if (event.code >= 4400 && event.code < 4500) {
      $("[data-connection]").textContent =
        event.code === 4401 ? "You logged out: log in again to rejoin." : "You cannot be in this room.";
      return;
    }
    $("[data-connection]").textContent = "Reconnecting…";
    retries += 1;
    setTimeout(connect, Math.min(500 * 2 ** retries, 5 * SECOND));
  });
}

function send(message, { quiet = false } = {}) {
  if (socket && socket.readyState === WebSocket.OPEN) {
    socket.send(JSON.stringify(message));
    return true;
  }
  if (!quiet) toast("Not connected: try again in a moment.");
  return false;
}

function ping() {
  send({ type: "ping", sent_at: Date.now() }, { quiet: true });
}

function receive(message) {
  if (message.type === "state") {
    state = message.state;
    render();
  } else if (message.type === "pong") {
    const now = Date.now();
    const roundTrip = now - message.sent_at;
    if (roundTrip <= bestRoundTrip) {
      bestRoundTrip = roundTrip;
      offset = message.server_time + roundTrip / 2 - now;
    }
  } else if (message.type === "presence") {
    presence(message);
  } else if (message.type === "error") {
    toast(message.message);
  }
}

// Presence -------------------------------------------------------------------------
function presence(message) {
  const wasGone = !seen.has(message.user) || Date.now() - seen.get(message.user) > PRESENCE_GONE;
  if (message.status === "left") seen.delete(message.user);
  else seen.set(message.user, Date.now());
  // Someone new hears at once who is already here.
  if (message.status === "here" && wasGone && message.user !== state.me.id) {
    send({ type: "presence" }, { quiet: true });
  }
  renderPresence();
}

function renderPresence() {
  const list = $("[data-presence]");
  list.replaceChildren(
    ...state.people.map((person) => {
      const here = person.id === state.me.id ? root.dataset.connected === "true"
        : seen.has(person.id) && Date.now() - seen.get(person.id) <= PRESENCE_GONE;
      return element(
        "li",
        { class: here ? "here" : "away", "data-testid": `presence-${person.id}` },
        element("span", { class: "dot", "aria-hidden": "true" }),
        `${person.name}${person.id === state.me.id ? " (you)" : ""}`,
        element("span", { class: "visually-hidden", text: here ? " is here" : " is away" }),
      );
    }),
  );
}

// The clock ------------------------------------------------------------------------
function clockFigures() {
  const round = state.round;
  if (!round) return null;
  const clock = round.clock;
  let elapsed = clock.elapsed_before_ms;
  if (clock.running_since) elapsed += serverNow() - Date.parse(clock.running_since);
  const segments = round.segments;
  const segment = segments[clock.segment_index] || segments[0];
  const roundMs = segments.reduce((sum, each) => sum + each.minutes * 60 * SECOND, 0)
    + clock.added_seconds * SECOND;
  const segmentMs = segment.minutes * 60 * SECOND + clock.segment_added_seconds * SECOND;
  const phase = segment.phases[clock.phase_index];
  return {
    round: roundMs - elapsed,
    segment: segmentMs - (elapsed - clock.segment_started_ms),
    phase: phase ? phase.minutes * 60 * SECOND - (elapsed - clock.phase_started_ms) : null,
    segmentName: segment.label,
    phaseName: phase ? phase.name : "",
  };
}

function tick() {
  const figures = clockFigures();
  if (!figures) return;
  for (const name of ["round", "segment", "phase"]) {
    const face = $(`[data-face="${name}"]`);
    const ms = figures[name];
    face.textContent = ms === null ? "—" : duration(ms);
    face.classList.toggle("overtime", ms !== null && ms < 0);
  }
  $("[data-segment-label]").textContent = figures.segmentName;
  $("[data-phase-label]").textContent = figures.phaseName || "Step";
  renderPresence();
}

// Rendering ------------------------------------------------------------------------
function isInterviewer() {
  return state.round && state.round.role === "interviewer";
}

function render() {
  const round = state.round;
  const session = state.session;
  const call = $("[data-call]");
  call.replaceChildren(
    session.call_link
      ? element("a", { href: session.call_link, rel: "noopener noreferrer", target: "_blank", text: "Join the call" })
      : "",
  );
  if (!round) return;
  const here = state.rounds.find((each) => each.order === round.order);
  const mine = round.role === "interviewer" ? "you interview" : round.role === "candidate" ? "you are the candidate" : "";
  $("[data-round-line]").textContent =
    `Round ${round.order + 1} of ${state.rounds.length}: ${here.interviewer} interviews ${here.candidate}` +
    (mine ? ` (${mine})` : "") + (round.clock.ended_at ? " · ended" : "");
  renderSegments(round);
  renderControls(round);
  renderQuestions(round);
  renderPads(round);
  tick();
}

function renderSegments(round) {
  const clock = round.clock;
  $("[data-segments]").replaceChildren(
    ...round.segments.map((segment, index) =>
      element("li", { class: index === clock.segment_index ? "current" : index < clock.segment_index ? "done" : "", "aria-current": index === clock.segment_index ? "step" : false }, `${segment.label} · ${segment.minutes} min`),
    ),
  );
  const segment = round.segments[clock.segment_index] || round.segments[0];
  $("[data-phases]").replaceChildren(
    ...segment.phases.map((phase, index) =>
      element("li", { class: index === clock.phase_index ? "current" : "", "aria-current": index === clock.phase_index ? "step" : false }, `${phase.name} ~${phase.minutes} min`),
    ),
  );
}

function renderControls(round) {
  const clock = round.clock;
  const controls = $("[data-controls]");
  const mine = isInterviewer() && state.session.usable;
  controls.hidden = !mine || Boolean(clock.ended_at);
  $("[data-shortcuts]").hidden = !isInterviewer();
  const toggle = controls.querySelector('[data-action="toggle"]');
  toggle.firstChild.textContent = !clock.started_at ? "Start " : clock.running_since ? "Pause " : "Resume ";
  const next = state.rounds.find((each) => each.order === round.order + 1);
  $("[data-swap]").hidden = !(state.session.swap && next && clock.ended_at && state.session.usable);
  const feedback = $("[data-feedback]");
  feedback.hidden = !(clock.ended_at && round.feedback_url);
  const link = $("[data-feedback-link]");
  link.href = round.feedback_url;
  link.textContent = isInterviewer()
    ? "Write your scorecard while it is fresh"
    : "Write your self-assessment before reading the feedback";
}

function hintButtons(question) {
  const given = new Set(question.hints_given.map((hint) => hint.number));
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
          ? element("span", { class: "status status-scheduled", text: "given" })
          : element("button", {
            type: "button",
            disabled: !question.revealed,
            "data-testid": `give-hint-${index + 1}`,
            onclick: () => send({ type: "hint", question: question.id, number: index + 1 }),
            text: `Give hint ${index + 1}`,
          }),
      ),
    ),
  );
}

function renderQuestions(round) {
  const box = $("[data-questions]");
  if (!round.questions.length) {
    box.replaceChildren(
      element("p", { class: "muted", "data-testid": "no-question", text: isInterviewer() ? "No question chosen: choose one on the session's page." : round.questions_chosen ? `${round.questions_chosen} question(s) chosen; the interviewer reveals them here.` : "Your interviewer has not revealed a question yet." }),
    );
    return;
  }
  box.replaceChildren(
    ...round.questions.map((question) =>
      element(
        "article",
        { class: "question", "data-testid": "room-question" },
        element("h3", { text: question.title }),
        isInterviewer()
          ? question.revealed
            ? element("p", { class: "status status-scheduled", text: "Revealed" })
            : element("button", { type: "button", class: "button-primary", "data-testid": "reveal", onclick: () => send({ type: "reveal", question: question.id }), text: "Reveal to the candidate" })
          : null,
        question.statement_html ? element("div", { class: "statement markdown", html: question.statement_html }) : null,
        question.link ? element("p", {}, element("a", { href: question.link, rel: "noopener noreferrer", target: "_blank", text: "Open the question" })) : null,
        isInterviewer() && question.hints.length ? element("h4", { text: "Hints" }) : null,
        isInterviewer() ? hintButtons(question) : null,
        !isInterviewer() && question.hints_given.length
          ? element("div", { class: "given-hints", "data-testid": "given-hints" }, element("h4", { text: "Hints" }), element("ol", {}, ...question.hints_given.map((hint) => element("li", { text: hint.text }))))
          : null,
        isInterviewer() && question.solution_outline_html
          ? element("details", { class: "interviewer-only" }, element("summary", { text: "Solution outline" }), element("div", { html: question.solution_outline_html }))
          : null,
        isInterviewer() && question.follow_ups.length
          ? element("details", { class: "interviewer-only" }, element("summary", { text: "Follow-ups" }), element("ul", {}, ...question.follow_ups.map((text) => element("li", { text }))))
          : null,
      ),
    ),
  );
}

function renderLanguages(round) {
  const select = $("select[data-language]");
  if (!select.options.length) {
    for (const [value, label] of Object.entries(state.languages)) {
      select.append(element("option", { value, text: label }));
    }
    select.addEventListener("change", () => {
      send({ type: "language", pad: state.round.pad.id, language: select.value });
    });
  }
  select.value = round.pad.language;
  select.disabled = !state.session.usable;
}

async function renderPads(round) {
  if (!round.pad || !state.session.usable) return;
  renderLanguages(round);
  const { openPad } = await import("./pad.js");
  if (padId !== round.pad.id) {
    // A new round: its own fresh pad.
    pad?.destroy();
    notes?.destroy();
    pad = notes = null;
    padId = round.pad.id;
    $("[data-pad]").replaceChildren();
    $("[data-notes]").replaceChildren();
    pad = openPad({
      element: $("[data-pad]"),
      padId: round.pad.id,
      me: state.me,
      language: round.pad.language,
      nonce: root.dataset.cspNonce,
      onStatus: (text, kind) => status($("[data-pad-status]"), text, kind),
    });
    window.mockloopPad = pad; // for the browser tests
  } else {
    pad.setLanguage(round.pad.language);
  }
  $("[data-notes-panel]").hidden = !round.notes_pad;
  if (round.notes_pad && !notes) {
    notes = openPad({
      element: $("[data-notes]"),
      padId: round.notes_pad.id,
      me: state.me,
      nonce: root.dataset.cspNonce,
      onStatus: (text, kind) => status($("[data-notes-status]"), text, kind),
    });
  }
}

function status(node, text, kind) {
  node.textContent = text;
  node.dataset.state = kind;
}

// The interviewer's commands -----------------------------------------------------------
function clock(action, extra = {}) {
  const round = state.round;
  send({ type: "clock", action, round: round.id, version: round.clock.version, ...extra });
}

function toggleClock() {
  const clockState = state.round.clock;
  clock(!clockState.started_at ? "start" : clockState.running_since ? "pause" : "resume");
}

function revealNext() {
  const next = state.round.questions.find((question) => !question.revealed);
  if (next) send({ type: "reveal", question: next.id });
  else toast("Every chosen question is revealed.");
}

function hintNext() {
  const revealed = state.round.questions.filter((question) => question.revealed);
  const question = revealed[revealed.length - 1];
  if (!question) return toast("Reveal a question first.");
  const given = new Set(question.hints_given.map((hint) => hint.number));
  const number = question.hints.findIndex((_, index) => !given.has(index + 1)) + 1;
  if (number) send({ type: "hint", question: question.id, number });
  else toast("Every hint of this question is given.");
}

function timestamp() {
  if (!notes) return;
  const figures = clockFigures();
  const elapsed = figures ? state.round.segments.reduce((sum, each) => sum + each.minutes * 60 * SECOND, 0) + state.round.clock.added_seconds * SECOND - figures.round : 0;
  notes.insertAtCursor(`[${duration(Math.max(0, elapsed))}] `);
}

const SHORTCUTS = {
  KeyS: toggleClock,
  KeyN: () => clock("next_phase"),
  KeyM: () => clock("next_segment"),
  KeyA: () => clock("add_time", { seconds: ADD_SECONDS }),
  KeyE: () => clock("end"),
  KeyR: revealNext,
  KeyH: hintNext,
  KeyT: timestamp,
};

function shortcuts() {
  document.addEventListener("keydown", (event) => {
    if (!event.altKey || event.ctrlKey || event.metaKey || !isInterviewer()) return;
    const action = SHORTCUTS[event.code];
    if (!action) return;
    event.preventDefault();
    action();
  });
  $("[data-controls]").addEventListener("click", (event) => {
    const button = event.target.closest("[data-action]");
    if (!button) return;
    const action = button.dataset.action;
    if (action === "toggle") toggleClock();
    else if (action === "add_time") clock("add_time", { seconds: ADD_SECONDS });
    else clock(action);
  });
  $('[data-action="swap"]').addEventListener("click", () => send({ type: "swap" }));
}

render();
shortcuts();
if (state.session.usable) {
  connect();
  setInterval(() => send({ type: "presence" }, { quiet: true }), PRESENCE_EVERY);
  // A change relayed while the relay was down is read again from the server.
  setInterval(() => send({ type: "refresh" }, { quiet: true }), 30 * SECOND);
  setInterval(ping, 60 * SECOND);
} else {
  $("[data-connection]").textContent = "";
}
setInterval(tick, 250);
