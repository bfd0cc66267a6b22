// The pad's replay: the stored Yjs updates applied in order up to the chosen
// moment, so the text shown is exactly what the pad held then.
import * as decoding from "lib0/decoding";
import * as Y from "yjs";
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

// Filled once the updates have come (their own compressed JSON, after the page);
// until then the pad shows its text as the round ended, which the page holds.
let updates = null;

/** The stored updates: `times` in ms, and one base64 string of the updates, each
 * preceded by its length as a var-uint. */
function decodeUpdates(found) {
  const decoder = decoding.createDecoder(
    Uint8Array.from(atob(found.updates), (c) => c.charCodeAt(0)),
  );
  return found.times.map((t) => ({ t, bytes: decoding.readVarUint8Array(decoder) }));
}

let doc = new Y.Doc();
let applied = 0;

function showAt(ms) {
  // Forward is incremental; going back rebuilds from the start (cheap: the
  // updates are small).
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
  pad.textContent = doc.getText("pad").toString();
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

let timer = null;
function stop() {
  clearInterval(timer);
  timer = null;
  play.textContent = "Play";
}
function toggle() {
  if (timer) return stop();
  if (sliderMoment() >= data.duration) slider.value = 0;
  play.textContent = "Pause";
  // A minute of the round every second.
  timer = setInterval(() => {
    const next = Math.min(Number(slider.value) + 60000, data.duration);
    slider.value = next;
    showAt(next);
    if (next >= data.duration) stop();
  }, 1000);
}

// The slider moves in whole seconds, so its last position can fall short of the
// round's last moment: there, it means the end.
function sliderMoment() {
  const value = Number(slider.value);
  return value > data.duration - 1000 ? data.duration : value;
}

slider.addEventListener("input", () => showAt(sliderMoment()));
play.addEventListener("click", toggle);
document.addEventListener("keydown", (event) => {
  if (event.target.closest("input, textarea, button")) return;
  if (event.key === " ") {
    event.preventDefault();
    toggle();
  }
});
renderMarkers();
showAt(data.duration);
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
      showBoardAt(sliderMoment());
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
    // At the end the page already shows the text: rebuild only if moved.
    if (sliderMoment() < data.duration) showAt(sliderMoment());
  })
  .catch(() => {
    slider.disabled = true;
    play.disabled = true;
    clock.textContent = "The edits could not be loaded: reload the page to move through the round.";
  });
