// The pad's replay: the stored Yjs updates applied in order up to the chosen
// moment, so the text shown is exactly what the pad held then.
import * as Y from "yjs";
import { markersAt, mmss, updatesUpTo } from "./timeline.js";

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

function showAt(ms) {
  // Forward is incremental; going back rebuilds from the start (cheap: the
  // updates are small).
  const wanted = updatesUpTo(updates, ms);
  if (wanted < applied) {
    doc = new Y.Doc();
    applied = 0;
  }
  for (; applied < wanted; applied += 1) Y.applyUpdate(doc, updates[applied].bytes);
  pad.textContent = doc.getText("pad").toString();
  clock.textContent = `${mmss(ms)} / ${mmss(data.duration)}`;
  const markers = markersAt(data.events, ms);
  root.querySelectorAll("[data-marker]").forEach((item, index) => {
    item.classList.toggle("past", markers[index].past);
  });
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
