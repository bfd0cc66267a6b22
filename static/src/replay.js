// The pad's replay: the stored Yjs updates applied in order up to the chosen
// moment, so the text shown is exactly what the pad held then.
import * as Y from "yjs";

const data = JSON.parse(document.getElementById("replay-data").textContent);
const root = document.querySelector("[data-replay]");
const slider = root.querySelector("[data-slider]");
const pad = root.querySelector("[data-pad]");
const clock = root.querySelector("[data-clock]");
const play = root.querySelector("[data-play]");

const updates = data.updates.map((each) => ({
  t: each.t,
  bytes: Uint8Array.from(atob(each.data), (c) => c.charCodeAt(0)),
}));

let doc = new Y.Doc();
let applied = 0;

function mmss(ms) {
  const seconds = Math.floor(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

function showAt(ms) {
  // Forward is incremental; going back rebuilds from the start (cheap: the
  // updates are small).
  if (applied > 0 && updates[applied - 1].t > ms) {
    doc = new Y.Doc();
    applied = 0;
  }
  while (applied < updates.length && updates[applied].t <= ms) {
    Y.applyUpdate(doc, updates[applied].bytes);
    applied += 1;
  }
  pad.textContent = doc.getText("pad").toString();
  clock.textContent = `${mmss(ms)} / ${mmss(data.duration)}`;
  for (const item of root.querySelectorAll("[data-marker]")) {
    item.classList.toggle("past", Number(item.dataset.t) <= ms);
  }
}

function renderMarkers() {
  const list = root.querySelector("[data-markers]");
  for (const marker of data.events) {
    const item = document.createElement("li");
    item.dataset.marker = "";
    item.dataset.t = marker.t;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "button-link";
    button.textContent = `${mmss(marker.t)} ${marker.label}`;
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
  if (Number(slider.value) >= data.duration) slider.value = 0;
  play.textContent = "Pause";
  // A minute of the round every second.
  timer = setInterval(() => {
    const next = Math.min(Number(slider.value) + 60000, data.duration);
    slider.value = next;
    showAt(next);
    if (next >= data.duration) stop();
  }, 1000);
}

slider.addEventListener("input", () => showAt(Number(slider.value)));
play.addEventListener("click", toggle);
document.addEventListener("keydown", (event) => {
  if (event.target.closest("input, textarea, button")) return;
  if (event.key === " ") {
    event.preventDefault();
    toggle();
  }
});
root.querySelector("[data-empty]").hidden = updates.length > 0;
renderMarkers();
showAt(Number(slider.value));
