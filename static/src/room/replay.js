// The pad's replay: the stored Yjs updates applied in order up to the chosen
// moment, so the text shown is exactly what the pad held then; played at a speed
// with the pauses skipped, each person's text in their colour, and the text at two
// moments compared.
import * as decoding from "lib0/decoding";
import * as Y from "yjs";
import { authoredRuns, clientAuthors, textAt, tintOf, UNDERLINES } from "./attribution.js";
import { lineDiff } from "./pad_diff.js";
import { activityOf, nextMoment, stepSpeed } from "./playback.js";
import { markersAt, mmss, updatesUpTo } from "./timeline.js";

// The whiteboard, when one was drawn on: its own updates, scrubbed with the pad's
// and drawn as a picture (board_svg.js, loaded with Excalidraw when needed).
const boardBox = document.querySelector("[data-board-svg]");
let board = null;

const data = JSON.parse(document.getElementById("replay-data").textContent);
const root = document.querySelector("[data-replay]");
const slider = root.querySelector("[data-slider]");
const pad = root.querySelector("[data-pad]");
const clock = root.querySelector("[data-clock]");
const play = root.querySelector("[data-play]");
const speedChoice = root.querySelector("[data-speed]");
const skippedNote = root.querySelector("[data-skipped]");
const colourBox = root.querySelector("[data-colour]");
const legend = root.querySelector("[data-legend]");
const compare = root.querySelector("[data-compare]");

// Filled once the updates have come (their own compressed JSON, after the page);
// until then the pad shows its text as the round ended, which the page holds.
let updates = null;
// Who wrote in the pad ({ id, name, colour }), and each Yjs client's author in it.
let people = [];
let clients = new Map();
// The moments anything happened, for playback to skip the pauses between.
let activity = activityOf(data.events.map((event) => event.t));

/** The stored updates: `times` in ms, and one base64 string of the updates, each
 * preceded by its length as a var-uint; `authors`, who sent each. */
function decodeUpdates(found) {
  const decoder = decoding.createDecoder(
    Uint8Array.from(atob(found.updates), (c) => c.charCodeAt(0)),
  );
  return found.times.map((t, index) => ({
    t,
    bytes: decoding.readVarUint8Array(decoder),
    author: found.authors?.[index] ?? null,
  }));
}

let doc = new Y.Doc();
let applied = 0;
// The moment shown; the slider moves in whole seconds and playback in less.
let moment = data.duration;

function showAt(ms) {
  // Forward is incremental; going back rebuilds from the start (cheap: the
  // updates are small).
  moment = ms;
  clock.textContent = `${mmss(ms)} / ${mmss(data.duration)}`;
  const markers = markersAt(data.events, ms);
  root.querySelectorAll("[data-marker]").forEach((item, index) => {
    item.classList.toggle("past", markers[index].past);
  });
  showBoardAt(ms);
  if (updates === null) return;
  const wanted = updatesUpTo(updates, ms);
  if (wanted < applied) {
    doc = new Y.Doc();
    applied = 0;
  }
  // In one transaction: Yjs then cleans up once, not after each of thousands of
  // updates (merging them first is slower still).
  if (applied < wanted) {
    doc.transact(() => {
      for (; applied < wanted; applied += 1) Y.applyUpdate(doc, updates[applied].bytes);
    });
  }
  showPad();
}

function showPad() {
  const text = doc.getText("pad");
  if (!colourBox.checked || people.length === 0) {
    pad.textContent = text.toString();
    return;
  }
  pad.replaceChildren(
    ...authoredRuns(text, clients).map((run) => {
      const span = document.createElement("span");
      span.textContent = run.text;
      const person = people[run.author];
      if (person) {
        span.className = "replay-author";
        span.title = person.name;
        span.style.setProperty("--author", person.colour);
        span.style.setProperty("--author-tint", tintOf(person.colour));
        span.style.setProperty("--author-line", UNDERLINES[run.author % UNDERLINES.length]);
      } else {
        span.title = "The outline the pad began with";
      }
      return span;
    }),
  );
}

function showLegend() {
  legend.replaceChildren(
    ...people.map((person, index) => {
      const item = document.createElement("li");
      // The name as that person's text shows: the legend is its own sample.
      const name = document.createElement("span");
      name.className = "replay-author";
      name.textContent = person.name;
      name.style.setProperty("--author", person.colour);
      name.style.setProperty("--author-tint", tintOf(person.colour));
      name.style.setProperty("--author-line", UNDERLINES[index % UNDERLINES.length]);
      item.append(name);
      return item;
    }),
  );
  const shown = people.length > 0;
  legend.hidden = !shown;
  root.querySelector("[data-colour-toggle]").hidden = !shown;
}

function showBoardAt(ms) {
  if (!board?.updates) return;
  const wanted = updatesUpTo(board.updates, ms);
  if (wanted === board.shown) return;
  if (wanted < board.applied) {
    board.doc = new Y.Doc();
    board.applied = 0;
  }
  board.doc.transact(() => {
    for (; board.applied < wanted; board.applied += 1) {
      Y.applyUpdate(board.doc, board.updates[board.applied].bytes);
    }
  });
  board.shown = wanted;
  // Drawing takes a moment: the last moment asked wins, none is drawn twice.
  const elements = [...board.doc.getMap("board").values()];
  board.drawing = (board.drawing || Promise.resolve()).then(() =>
    wanted === board.shown ? board.draw(boardBox, elements) : null,
  );
  boardBox.dataset.upTo = String(wanted);
}

function renderMarkers() {
  const list = root.querySelector("[data-markers]");
  for (const marker of markersAt(data.events, 0)) {
    const item = document.createElement("li");
    item.dataset.marker = "";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "button-link";
    button.textContent = marker.text;
    button.addEventListener("click", () => {
      slider.value = marker.t;
      showAt(marker.t);
    });
    item.append(button);
    list.append(item);
  }
}

// Playback moves the round on by the time that passed, times the speed, on each
// tick; a tick late (a busy page) moves it further, not slower.
const TICK_MS = 100;
const NOTE_MS = 3000;
let timer = null;
let lastTick = 0;
let noteTimer = null;

function say(note) {
  skippedNote.textContent = note;
  clearTimeout(noteTimer);
  noteTimer = setTimeout(() => {
    skippedNote.textContent = "";
  }, NOTE_MS);
}

function stop() {
  clearInterval(timer);
  timer = null;
  play.textContent = "Play";
}

function tick() {
  const now = performance.now();
  const { t, skipped } = nextMoment({
    now: moment,
    wallMs: now - lastTick,
    speed: Number(speedChoice.value),
    activity,
    duration: data.duration,
  });
  lastTick = now;
  if (skipped > 0) say(`Skipped ${mmss(skipped)} of silence`);
  slider.value = t;
  showAt(t);
  if (t >= data.duration) stop();
}

function toggle() {
  if (play.disabled) return;
  if (timer) return stop();
  if (moment >= data.duration) {
    slider.value = 0;
    showAt(0);
  }
  play.textContent = "Pause";
  lastTick = performance.now();
  timer = setInterval(tick, TICK_MS);
}

function changeSpeed(step) {
  speedChoice.value = String(stepSpeed(Number(speedChoice.value), step));
  say(`Speed ${speedChoice.value}×`);
}

// The slider moves in whole seconds, so its last position can fall short of the
// round's last moment: there, it means the end.
function sliderMoment() {
  const value = Number(slider.value);
  return value > data.duration - 1000 ? data.duration : value;
}

// Two moments to compare, each marked from the one shown.
const marks = { a: null, b: null };

function mark(which) {
  marks[which] = moment;
  compare.querySelector(`[data-mark-shown="${which}"]`).textContent =
    `${which.toUpperCase()}: ${mmss(moment)}`;
  if (marks.a !== null && marks.b !== null) showDiff();
}

function showDiff() {
  const { rows, added, removed } = lineDiff(textAt(updates, marks.a), textAt(updates, marks.b));
  const box = compare.querySelector("[data-diff]");
  const lines = (count) => `${count} line${count === 1 ? "" : "s"}`;
  compare.querySelector("[data-diff-summary]").textContent =
    added + removed === 0
      ? `No line changed from A (${mmss(marks.a)}) to B (${mmss(marks.b)}).`
      : `From A (${mmss(marks.a)}) to B (${mmss(marks.b)}): ${lines(added)} added, ${lines(removed)} removed.`;
  box.replaceChildren(
    ...rows.map((row) => {
      // The sign says what the colour shows, for whoever does not see it.
      const line =
        row.kind === "added"
          ? document.createElement("ins")
          : row.kind === "removed"
            ? document.createElement("del")
            : document.createElement("span");
      line.className = `replay-diff-${row.kind}`;
      line.textContent =
        row.kind === "gap"
          ? `⋯ ${lines(row.count)} unchanged\n`
          : `${{ added: "+", removed: "−", same: " " }[row.kind]} ${row.text}\n`;
      return line;
    }),
  );
  box.hidden = rows.length === 0;
}

slider.addEventListener("input", () => showAt(sliderMoment()));
play.addEventListener("click", toggle);
colourBox.addEventListener("change", showPad);
for (const button of compare.querySelectorAll("[data-mark]")) {
  button.addEventListener("click", () => mark(button.dataset.mark));
}
document.addEventListener("keydown", (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  // The slider takes no + or -, so the speed changes there too.
  if (event.target.closest("textarea, select, input:not([type=range])")) return;
  if (event.key === "-" || event.key === "+" || event.key === "=") {
    changeSpeed(event.key === "-" ? -1 : 1);
    return;
  }
  if (event.target.closest("input, button")) return;
  if (event.key === " ") {
    event.preventDefault();
    toggle();
  }
});
renderMarkers();
showAt(data.duration);
// Playing and comparing wait for the updates; without them the page holds the end.
play.disabled = true;
if (boardBox) {
  board = { doc: new Y.Doc(), applied: 0, shown: -1, updates: null };
  Promise.all([
    import("./board_svg.js"),
    fetch(boardBox.dataset.updatesUrl, { credentials: "same-origin" }).then((response) => {
      if (!response.ok) throw new Error(`${response.status}`);
      return response.json();
    }),
  ])
    .then(([{ drawBoard }, found]) => {
      board.draw = (box, elements) => drawBoard(box, elements, { label: "The whiteboard then" });
      board.updates = decodeUpdates(found);
      activity = activityOf(
        activity,
        board.updates.map((update) => update.t),
      );
      showBoardAt(moment);
    })
    .catch(() => {
      boardBox.textContent = "The whiteboard could not be loaded: reload the page.";
    });
}
fetch(pad.dataset.updatesUrl, { credentials: "same-origin" })
  .then((response) => {
    if (!response.ok) throw new Error(`${response.status}`);
    return response.json();
  })
  .then((found) => {
    updates = decodeUpdates(found);
    people = found.people ?? [];
    clients = clientAuthors(updates);
    activity = activityOf(
      activity,
      updates.map((update) => update.t),
    );
    showLegend();
    play.disabled = false;
    compare.hidden = false;
    // At the end the page already shows the text, but not who wrote it.
    if (moment < data.duration || people.length > 0) showAt(moment);
  })
  .catch(() => {
    slider.disabled = true;
    play.disabled = true;
    clock.textContent = "The edits could not be loaded: reload the page to move through the round.";
  });
