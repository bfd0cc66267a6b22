// Who wrote which part of the pad: each Yjs client is mapped to the person whose
// update first carried it, and the text read back in runs of one person each,
// tinted so the pad's text stays readable.
import assert from "node:assert/strict";
import { test } from "node:test";
import * as Y from "yjs";

import {
  authoredRuns,
  clientAuthors,
  clientsOf,
  textAt,
  TINT_ALPHA,
  tintOf,
} from "../../static/src/room/attribution.js";
import { contrast } from "../../static/src/room/pad_style.js";

/** Two people typing in their own documents, their updates logged as a server
 * would: in order, each with its author and moment. */
function typedRound() {
  const alice = new Y.Doc();
  const bob = new Y.Doc();
  const log = [];
  function type(doc, author, t, edit) {
    const before = Y.encodeStateVector(doc);
    edit(doc.getText("pad"));
    const bytes = Y.encodeStateAsUpdate(doc, before);
    log.push({ t, bytes, author });
    for (const other of [alice, bob]) if (other !== doc) Y.applyUpdate(other, bytes);
  }
  type(alice, 0, 1_000, (text) => text.insert(0, "def merge(bookings):\n"));
  type(bob, 1, 2_000, (text) => text.insert(text.length, "    return []\n"));
  type(alice, 0, 3_000, (text) => text.insert(text.length, "# done\n"));
  return { log, alice, bob };
}

test("a keystroke's update names its one client from its head", () => {
  const { log, alice, bob } = typedRound();
  assert.deepEqual(clientsOf(log[0].bytes), [alice.clientID]);
  assert.deepEqual(clientsOf(log[1].bytes), [bob.clientID]);
});

test("an update of several clients names each, and one of deletions only none", () => {
  const { alice, bob } = typedRound();
  const whole = Y.encodeStateAsUpdate(alice);
  assert.deepEqual(new Set(clientsOf(whole)), new Set([alice.clientID, bob.clientID]));
  const before = Y.encodeStateVector(bob);
  bob.getText("pad").delete(0, 4);
  assert.deepEqual(clientsOf(Y.encodeStateAsUpdate(bob, before)), []);
});

test("each client belongs to whoever's update first carried it", () => {
  const { log, alice, bob } = typedRound();
  // A reconnecting client may send the other's characters again, later.
  log.push({ t: 4_000, bytes: Y.encodeStateAsUpdate(bob), author: 1 });
  const authors = clientAuthors(log);
  assert.equal(authors.get(alice.clientID), 0);
  assert.equal(authors.get(bob.clientID), 1);
});

test("the text reads back in runs of one author each", () => {
  const { log } = typedRound();
  const doc = new Y.Doc();
  for (const update of log) Y.applyUpdate(doc, update.bytes);
  assert.deepEqual(authoredRuns(doc.getText("pad"), clientAuthors(log)), [
    { text: "def merge(bookings):\n", author: 0 },
    { text: "    return []\n", author: 1 },
    { text: "# done\n", author: 0 },
  ]);
});

test("deleted text is gone from the runs and an unknown client has no author", () => {
  const { log, bob } = typedRound();
  const before = Y.encodeStateVector(bob);
  bob.getText("pad").delete(0, 4);
  log.push({ t: 5_000, bytes: Y.encodeStateAsUpdate(bob, before), author: 1 });
  const doc = new Y.Doc();
  for (const update of log) Y.applyUpdate(doc, update.bytes);
  const runs = authoredRuns(doc.getText("pad"), new Map());
  assert.deepEqual(runs, [{ text: "merge(bookings):\n    return []\n# done\n", author: null }]);
});

test("the text at a moment holds the updates up to it, that moment's included", () => {
  const { log } = typedRound();
  assert.equal(textAt(log, 0), "");
  assert.equal(textAt(log, 1_999), "def merge(bookings):\n");
  assert.equal(textAt(log, 2_000), "def merge(bookings):\n    return []\n");
});

// The pad's backgrounds (main.css's --bg, and --surface) and text in each scheme.
const SCHEMES = {
  light: { text: "#1b1b29", backgrounds: ["#f7f7fb", "#ffffff"] },
  dark: { text: "#ececf3", backgrounds: ["#12121a", "#1c1c28"] },
};

function over(tint, background) {
  const [r, g, b, alpha] = tint.match(/[\d.]+/g).map(Number);
  const base = Number.parseInt(background.slice(1), 16);
  const mix = (value, shift) => Math.round(value * alpha + ((base >> shift) & 255) * (1 - alpha));
  return `#${[mix(r, 16), mix(g, 8), mix(b, 0)].map((v) => v.toString(16).padStart(2, "0")).join("")}`;
}

test("any colour's tint keeps the pad's text at 4.5:1 or more in both schemes", () => {
  assert.equal(tintOf("#e11d48"), `rgba(225, 29, 72, ${TINT_ALPHA})`);
  // The room's cursor colours (rooms/selectors/replay.py), and the extremes.
  const colours = ["#e11d48", "#2563eb", "#047857", "#b45309", "#7c3aed", "#0e7490"];
  for (const colour of [...colours, "#000000", "#ffffff", "#ffff00"]) {
    for (const [scheme, { text, backgrounds }] of Object.entries(SCHEMES)) {
      for (const background of backgrounds) {
        const ratio = contrast(text, over(tintOf(colour), background));
        assert.ok(ratio >= 4.5, `${scheme}: ${colour} on ${background}: ${ratio}`);
      }
    }
  }
});
