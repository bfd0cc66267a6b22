// The whiteboard's two candidate Yjs bindings, side by side (docs/benchmarks.md,
// "Whiteboard bindings"; docs/live-room.md, "The whiteboard"): ours, on a Y.Map
// "board" keyed by element id (static/src/room/board.js), and `y-excalidraw` 2.0 (a
// Y.Array of Y.Maps {pos, el}), both driven through the same scripted sessions by
// two people, each page a fake of Excalidraw's imperative API in Node.
//
// Run: node bench/board_bindings.mjs [--write]   (--write puts the table into
// docs/benchmarks.md). y-excalidraw is a devDependency, for this script only, and
// never bundled (build.mjs bundles static/src only). It peer-depends on Excalidraw
// ^0.17.6: package.json's "overrides" gives it ours (0.18), or `npm ci` refuses.
//
// Sessions run one after the other on the same board: (a) draw 200 elements, each
// over 8 frames as a drag or typing does; (b) drag one element over 60 frames; (c)
// delete 100 elements at once; (d) both people edit one element while apart, one at
// a higher version, then meet, twice: the higher version from the page whose write
// Yjs keeps, then from the page whose write Yjs drops; (e) bring one element to the
// front. A frame is 16 ms of a virtual clock, so our binding's 60 ms send timer
// (SEND_EVERY_MS) runs as on a page at 60 frames a second.

import { readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { performance } from "node:perf_hooks";
import { generateKeyBetween } from "fractional-indexing";
import { ExcalidrawBinding } from "y-excalidraw";
import { Awareness } from "y-protocols/awareness";
import * as Y from "yjs";

const FRAME_MS = 16;
const REMOTE = Symbol("remote");

// ---------------------------------------------------------------- elements

let seed = 42;
function random() {
  // mulberry32: the same elements on every run.
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const randomInt = () => Math.floor(random() * 2 ** 31);
const ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
function randomId() {
  let id = "";
  for (let i = 0; i < 21; i++) id += ID_CHARS[Math.floor(random() * ID_CHARS.length)];
  return id;
}

let now = Date.UTC(2026, 11, 6, 23, 0, 0);

/** A new element as Excalidraw 0.18 makes one (newElement, newTextElement, newArrowElement). */
function newElement(type, index) {
  const base = {
    id: randomId(),
    type,
    x: Math.round(random() * 1600),
    y: Math.round(random() * 900),
    width: type === "text" ? 0 : 120 + Math.round(random() * 80),
    height: type === "text" ? 25 : 60 + Math.round(random() * 40),
    angle: 0,
    strokeColor: "#1e1e1e",
    backgroundColor: type === "rectangle" ? "#a5d8ff" : "transparent",
    fillStyle: "solid",
    strokeWidth: 2,
    strokeStyle: "solid",
    roughness: 1,
    opacity: 100,
    groupIds: [],
    frameId: null,
    index,
    roundness: type === "text" ? null : { type: type === "arrow" ? 2 : 3 },
    seed: randomInt(),
    version: 1,
    versionNonce: randomInt(),
    isDeleted: false,
    boundElements: null,
    updated: now,
    link: null,
    locked: false,
  };
  if (type === "text") {
    return {
      ...base,
      text: "",
      fontSize: 20,
      fontFamily: 5,
      textAlign: "left",
      verticalAlign: "top",
      containerId: null,
      originalText: "",
      autoResize: true,
      lineHeight: 1.25,
    };
  }
  if (type === "arrow") {
    return {
      ...base,
      points: [
        [0, 0],
        [base.width, base.height],
      ],
      lastCommittedPoint: null,
      startBinding: null,
      endBinding: null,
      startArrowhead: null,
      endArrowhead: "arrow",
      elbowed: false,
    };
  }
  return base;
}

/** Excalidraw's newElementWith: a new object, the version one up, a new nonce. */
function edited(element, changes) {
  now += FRAME_MS;
  return {
    ...element,
    ...changes,
    version: element.version + 1,
    versionNonce: randomInt(),
    updated: now,
  };
}

/** The next frame of drawing `element`: a drag grows it, typing adds a letter. */
function drawnFurther(element) {
  if (element.type === "text") {
    const text = `${element.text}${ID_CHARS[Math.floor(random() * 26)]}`;
    return edited(element, { text, originalText: text, width: text.length * 11 });
  }
  const width = element.width + 3;
  const height = element.height + 2;
  if (element.type === "arrow") {
    return edited(element, {
      width,
      height,
      points: [
        [0, 0],
        [width, height],
      ],
    });
  }
  return edited(element, { width, height });
}

// ---------------------------------------------------------------- a page

/** A page's virtual clock, for our binding's send timer. */
class Clock {
  constructor() {
    this.at = 0;
    this.timers = [];
  }
  setTimeout(callback, ms) {
    this.timers.push({ due: this.at + ms, callback });
  }
  advance(ms) {
    this.at += ms;
    const due = this.timers.filter((timer) => timer.due <= this.at);
    this.timers = this.timers.filter((timer) => timer.due > this.at);
    for (const timer of due) timer.callback();
  }
}

/** What both bindings call of Excalidraw's imperative API (excalidrawAPI). As in
 * Excalidraw, onChange runs after the scene changed, updateScene's changes
 * included, not inside the call that changed it. */
class FakeExcalidraw {
  constructor() {
    this.elements = [];
    this.files = {};
    this.appState = { selectedElementIds: {} };
    this.listeners = [];
    this.changed = false;
  }
  onChange(callback) {
    this.listeners.push(callback);
    return () => {
      this.listeners = this.listeners.filter((each) => each !== callback);
    };
  }
  getSceneElements() {
    return this.elements.filter((element) => !element.isDeleted);
  }
  getSceneElementsIncludingDeleted() {
    return this.elements;
  }
  getFiles() {
    return this.files;
  }
  getAppState() {
    return this.appState;
  }
  addFiles(files) {
    for (const file of files) if (file) this.files[file.id] = file;
  }
  updateScene({ elements, collaborators }) {
    if (elements) {
      this.elements = [...elements];
      this.changed = true;
    }
    if (collaborators) this.appState = { ...this.appState, collaborators };
  }
  setToast() {}
  /** A person's action: the scene as Excalidraw leaves it. */
  act(elements) {
    this.elements = elements;
    this.changed = true;
  }
  /** Runs the onChange listeners if the scene changed; true if it had. */
  flush() {
    if (!this.changed) return false;
    this.changed = false;
    for (const listener of [...this.listeners]) {
      listener(this.elements, this.appState, this.files);
    }
    return true;
  }
}

// ---------------------------------------------------------------- the bindings

/** Ours: static/src/room/board.js's takeRemote, sendLocal and compactDeleted, as
 * written there (images left out: none are drawn here), on its timer
 * (SEND_EVERY_MS) and its DELETED_KEPT. */
const SEND_EVERY_MS = 60;
const DELETED_KEPT = 200;
const LOCAL = Symbol("board-local");

function byIndex(a, b) {
  if (a.index === b.index) return a.id < b.id ? -1 : 1;
  if (a.index == null) return 1;
  if (b.index == null) return -1;
  return a.index < b.index ? -1 : 1;
}

class OurBinding {
  constructor(doc, api, clock, rewriteNewer = false) {
    this.rewriteNewer = rewriteNewer;
    this.doc = doc;
    this.api = api;
    this.clock = clock;
    this.board = doc.getMap("board");
    this.synced = new Map();
    this.sendTimer = null;
    this.board.observe((event) => {
      if (event.transaction.origin !== LOCAL) this.takeRemote(event.keysChanged);
    });
    this.onChange = () => {
      if (!this.sendTimer) {
        this.sendTimer = true;
        clock.setTimeout(() => this.sendLocal(), SEND_EVERY_MS);
      }
    };
    api.onChange(this.onChange);
    this.takeRemote([...this.board.keys()]);
  }
  takeRemote(ids) {
    const scene = new Map(this.api.getSceneElementsIncludingDeleted().map((e) => [e.id, e]));
    let changed = false;
    for (const id of ids) {
      const theirs = this.board.get(id);
      if (!theirs || typeof theirs !== "object") continue;
      const mine = scene.get(id);
      if (mine && mine.version > theirs.version) {
        // As board.js does: the page's newer version goes back into the document,
        // where a concurrent write of a lower version may have won. Without it
        // (the binding as first written, kept for comparison) the pages differ.
        if (this.rewriteNewer) {
          this.synced.delete(id);
          this.onChange();
        }
        continue;
      }
      if (mine && mine.version === theirs.version && mine.versionNonce === theirs.versionNonce) {
        continue;
      }
      scene.set(id, theirs);
      this.synced.set(id, { version: theirs.version, nonce: theirs.versionNonce });
      changed = true;
    }
    if (!changed) return;
    this.api.updateScene({ elements: [...scene.values()].sort(byIndex) });
  }
  compactDeleted() {
    const deleted = [];
    for (const [id, value] of this.board) if (value?.isDeleted) deleted.push(id);
    if (deleted.length <= DELETED_KEPT) return;
    this.doc.transact(() => {
      for (const id of deleted) this.board.delete(id);
    }, LOCAL);
  }
  sendLocal() {
    this.sendTimer = null;
    const changed = this.api
      .getSceneElementsIncludingDeleted()
      .filter((e) => e.type !== "image")
      .filter((e) => {
        const last = this.synced.get(e.id);
        return !last || last.version !== e.version || last.nonce !== e.versionNonce;
      });
    if (!changed.length) return;
    this.doc.transact(() => {
      for (const each of changed) {
        const current = this.board.get(each.id);
        if (current && current.version > each.version) continue;
        this.board.set(each.id, JSON.parse(JSON.stringify(each)));
        this.synced.set(each.id, { version: each.version, nonce: each.versionNonce });
      }
    }, LOCAL);
    this.compactDeleted();
  }
}

function ourBinding(doc, api, clock) {
  return new OurBinding(doc, api, clock);
}

function ourBindingRewriting(doc, api, clock) {
  return new OurBinding(doc, api, clock, true);
}

function theirBinding(doc, api) {
  const awareness = new Awareness(doc);
  const binding = new ExcalidrawBinding(
    doc.getArray("board"),
    doc.getMap("assets"),
    api,
    awareness,
  );
  return {
    destroy() {
      binding.destroy();
      awareness.destroy();
    },
  };
}

// ---------------------------------------------------------------- the server's rule

/** rooms/board.py's _shape_check, on Yjs's own decoding: every item a plain value
 * (ContentAny) or a deletion, and an item that names its parent names the root map
 * "board" with a key. */
function passesServerShape(update) {
  for (const struct of Y.decodeUpdate(update).structs) {
    if (!(struct instanceof Y.Item)) continue; // GC and Skip: lengths only
    const kind = struct.content.constructor.name;
    if (kind !== "ContentAny" && kind !== "ContentDeleted") return false;
    if (struct.origin === null && struct.rightOrigin === null) {
      if (struct.parent !== "board" || struct.parentSub === null) return false;
    }
  }
  return true;
}

// ---------------------------------------------------------------- two people

class Room {
  constructor(bind, clients) {
    this.people = clients.map((clientID) => {
      const doc = new Y.Doc();
      doc.clientID = clientID;
      const api = new FakeExcalidraw();
      const clock = new Clock();
      return { doc, api, clock, outbox: [] };
    });
    this.log = [];
    this.session = { bytes: 0, updates: 0, refused: 0 };
    this.apart = false;
    for (const person of this.people) {
      person.doc.on("update", (update, origin) => {
        if (origin === REMOTE) return;
        this.log.push(update);
        this.session.bytes += update.length;
        this.session.updates += 1;
        if (!passesServerShape(update)) this.session.refused += 1;
        person.outbox.push(update);
      });
      person.binding = bind(person.doc, person.api, person.clock);
    }
  }
  get a() {
    return this.people[0];
  }
  get b() {
    return this.people[1];
  }
  /** One frame: each page's onChange, timers and what arrived, until quiet. */
  frame(ms = FRAME_MS) {
    for (const person of this.people) person.clock.advance(ms);
    for (let round = 0; round < 50; round++) {
      let busy = false;
      for (const person of this.people) busy = person.api.flush() || busy;
      for (const person of this.people) person.clock.advance(0);
      if (!this.apart) {
        for (const [from, to] of [
          [this.a, this.b],
          [this.b, this.a],
        ]) {
          const arrived = from.outbox.splice(0);
          for (const update of arrived) Y.applyUpdate(to.doc, update, REMOTE);
          busy = busy || arrived.length > 0;
        }
      }
      if (!busy) return;
    }
    throw new Error("the pages never went quiet");
  }
  /** Time enough for every timer and update to have run. */
  settle() {
    for (let i = 0; i < 20; i++) this.frame();
  }
  startSession() {
    this.session = { bytes: 0, updates: 0, refused: 0 };
  }
}

/** How many elements the two pages show differently (0: the same list). */
function differing(a, b) {
  const key = (e) => JSON.stringify([e.id, e.version, e.versionNonce, e.index]);
  const listA = a.api.getSceneElements().map(key);
  const listB = b.api.getSceneElements().map(key);
  const setB = new Set(listB);
  const apart = listA.filter((each) => !setB.has(each)).length;
  if (apart === 0 && listA.length === listB.length && listA.join() !== listB.join()) return -1;
  return apart + Math.max(0, listB.length - listA.length);
}

function lastIndex(api) {
  const indices = api
    .getSceneElementsIncludingDeleted()
    .map((e) => e.index)
    .sort();
  return indices.length ? indices[indices.length - 1] : null;
}

// ---------------------------------------------------------------- the sessions

function drawMany(room) {
  const types = ["rectangle", "arrow", "text", "rectangle", "ellipse", "arrow"];
  for (let i = 0; i < 200; i++) {
    const person = i % 2 ? room.b : room.a;
    let element = newElement(
      types[i % types.length],
      generateKeyBetween(lastIndex(person.api), null),
    );
    person.api.act([...person.api.getSceneElementsIncludingDeleted(), element]);
    room.frame();
    for (let f = 1; f < 8; f++) {
      element = drawnFurther(element);
      const id = element.id;
      const next = element;
      person.api.act(
        person.api.getSceneElementsIncludingDeleted().map((e) => (e.id === id ? next : e)),
      );
      room.frame();
    }
    room.frame(300);
  }
}

function replace(person, id, change) {
  person.api.act(
    person.api.getSceneElementsIncludingDeleted().map((e) => (e.id === id ? change(e) : e)),
  );
}

function dragOne(room) {
  const id = room.a.api.getSceneElements()[10].id;
  for (let f = 0; f < 60; f++) {
    replace(room.a, id, (e) => edited(e, { x: e.x + 3, y: e.y + 1 }));
    room.frame();
  }
}

function deleteMany(room) {
  const ids = new Set(
    room.a.api
      .getSceneElements()
      .slice(50, 150)
      .map((e) => e.id),
  );
  room.a.api.act(
    room.a.api
      .getSceneElementsIncludingDeleted()
      .map((e) => (ids.has(e.id) ? edited(e, { isDeleted: true }) : e)),
  );
  room.frame();
}

/** Both edit one element apart, the higher version from `higher`; then they meet. */
function editTogether(room, higher, which) {
  const lower = higher === room.a ? room.b : room.a;
  const id = room.a.api.getSceneElements()[which].id;
  const before = room.a.api.getSceneElements().find((e) => e.id === id).version;
  room.apart = true;
  for (let i = 0; i < 3; i++) {
    replace(higher, id, (e) => edited(e, { x: e.x + 5 }));
    room.frame();
  }
  replace(lower, id, (e) => edited(e, { strokeColor: "#e03131" }));
  room.frame();
  room.settle();
  room.apart = false;
  room.settle();
  const version = (person) => person.api.getSceneElements().find((e) => e.id === id)?.version;
  const [up, down] = higher === room.a ? ["A", "B"] : ["B", "A"];
  return (
    `from v${before}, ${up} writes v${before + 3} and ${down} v${before + 1}; ` +
    `A ends with v${version(room.a)}, B with v${version(room.b)}`
  );
}

function bringToFront(room) {
  const element = room.b.api.getSceneElements()[5];
  const index = generateKeyBetween(lastIndex(room.b.api), null);
  const moved = edited(element, { index });
  room.b.api.act([
    ...room.b.api.getSceneElementsIncludingDeleted().filter((e) => e.id !== element.id),
    moved,
  ]);
  room.frame();
}

// ---------------------------------------------------------------- measuring

function applyTime(log, rootKind) {
  const times = [];
  for (let i = 0; i < 8; i++) {
    const doc = new Y.Doc();
    doc[rootKind]("board");
    const start = performance.now();
    for (const update of log) Y.applyUpdate(doc, update);
    if (i > 0) times.push(performance.now() - start); // the first warms up
    doc.destroy();
  }
  // The best of seven: the machine may be busy with something else.
  return Math.min(...times);
}

function run(name, bind, rootKind, clients) {
  seed = 42;
  now = Date.UTC(2026, 11, 6, 23, 0, 0);
  const room = new Room(bind, clients);
  // Whose concurrent write Yjs keeps in a map: the higher client id's.
  const kept = clients[0] > clients[1] ? room.a : room.b;
  const dropped = kept === room.a ? room.b : room.a;
  const sessions = [
    ["a. draw 200 elements", () => drawMany(room)],
    ["b. drag one, 60 frames", () => dragOne(room)],
    ["c. delete 100", () => deleteMany(room)],
    ["d. same element apart, higher version kept by Yjs", () => editTogether(room, kept, 3)],
    ["d'. same element apart, higher version dropped by Yjs", () => editTogether(room, dropped, 7)],
    ["e. bring one to front", () => bringToFront(room)],
  ];
  const rows = [];
  for (const [session, act] of sessions) {
    room.startSession();
    const said = act();
    room.settle();
    rows.push({
      binding: name,
      session,
      bytes: room.session.bytes,
      updates: room.session.updates,
      docBytes: Y.encodeStateAsUpdate(room.a.doc).length,
      applyMs: applyTime(room.log, rootKind),
      differing: differing(room.a, room.b),
      serverShape: room.session.refused
        ? `refused (${room.session.refused} of ${room.session.updates})`
        : "passes",
      said,
    });
  }
  for (const person of room.people) person.binding.destroy?.();
  return rows;
}

const clients = [2002, 1001];
// One run of each, thrown away, so that the timings are of warmed-up code.
run("warm-up", ourBinding, "getMap", clients);
run("warm-up", theirBinding, "getArray", clients);
const rows = [
  ...run("ours (Y.Map), without the write-back", ourBinding, "getMap", clients),
  ...run("ours (Y.Map), as board.js is", ourBindingRewriting, "getMap", clients),
  ...run("y-excalidraw 2.0.12", theirBinding, "getArray", clients),
];

const kib = (n) => (n / 1024).toFixed(1);
const same = (n) => (n === 0 ? "yes" : n < 0 ? "**no** (order)" : `**no** (${n} element)`);
const lines = [
  "| Binding | Session | Sent (KiB) | Updates | Document at end (KiB) | Apply whole log, best of 7 (ms) | Both pages the same | Server's shape rule |",
  "|---|---|---:|---:|---:|---:|---|---|",
  ...rows.map(
    (r) =>
      `| ${r.binding} | ${r.session} | ${kib(r.bytes)} | ${r.updates} | ${kib(r.docBytes)} | ${r.applyMs.toFixed(1)} | ${same(r.differing)} | ${r.serverShape} |`,
  ),
];
const versions = rows.filter((r) => r.said).map((r) => `- ${r.binding}, ${r.session}: ${r.said}`);
const table = [...lines, "", ...versions].join("\n");
console.log(table);

if (process.argv.includes("--write")) {
  const path = new URL("../docs/benchmarks.md", import.meta.url);
  const machine = `${cpus().length} × ${cpus()[0].model}, Node ${process.version}`;
  const heading = "## Whiteboard bindings";
  const text = readFileSync(path, "utf8");
  // The notes under the table are written by hand, kept from run to run.
  const [open, close] = ["<!-- board-bindings-notes -->", "<!-- /board-bindings-notes -->"];
  const notesStart = text.indexOf(open);
  const notes =
    notesStart >= 0
      ? text.slice(notesStart, text.indexOf(close) + close.length)
      : `${open}\n${close}`;
  const section = [
    heading,
    "",
    `\`node bench/board_bindings.mjs --write\`, ${new Date().toISOString().slice(0, 10)}, ${machine}.`,
    "Two people, two Yjs documents kept in step by exchanging every update, each page a fake",
    "of Excalidraw's imperative API; the sessions run one after the other on the same board",
    "(so the document size and the whole log grow from row to row). A frame is 16 ms of a",
    "virtual clock: our binding sends at most every 60 ms, y-excalidraw at every onChange.",
    "",
    table,
    "",
    notes,
    "",
  ].join("\n");
  const start = text.indexOf(heading);
  let updated;
  if (start < 0) {
    updated = `${text.trimEnd()}\n\n${section}`;
  } else {
    const next = text.indexOf("\n## ", start + heading.length);
    updated = text.slice(0, start) + section + (next < 0 ? "" : text.slice(next + 1));
  }
  writeFileSync(path, `${updated.trimEnd()}\n`);
}
