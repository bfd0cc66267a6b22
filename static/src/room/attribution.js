// Who wrote which part of the pad, pure. The server says who sent each update;
// every character the update brought carries the id of the Yjs client that typed it
// (one browser tab's document), and a client is one person's. So the client ids are
// mapped to the person whose update first carried them, and the text is read back
// with each character's client id.
import * as decoding from "lib0/decoding";
import * as Y from "yjs";
import { updatesUpTo } from "./timeline.js";

/** The Yjs clients whose characters an update carries. Updates are written (v1) as
 * how many clients, then for each its structs' count, its id and first clock, then
 * the structs; a keystroke's update has one client, read from its head alone, and
 * only an update of several (a reconnecting client's batch) is decoded whole. */
export function clientsOf(bytes) {
  const decoder = decoding.createDecoder(bytes);
  const count = decoding.readVarUint(decoder);
  if (count === 0) return [];
  if (count === 1) {
    decoding.readVarUint(decoder);
    return [decoding.readVarUint(decoder)];
  }
  return [...new Set(Y.decodeUpdate(bytes).structs.map((struct) => struct.id.client))];
}

/** Each client id's author (an index into the people, or null), from the first
 * update (ordered, each `{ bytes, author }`) that carried its characters. */
export function clientAuthors(updates) {
  const authors = new Map();
  for (const update of updates) {
    for (const client of clientsOf(update.bytes)) {
      if (!authors.has(client)) authors.set(client, update.author ?? null);
    }
  }
  return authors;
}

/** The text as runs of one author each: `[{ text, author }]`, author an index into
 * the people or null (the outline the pad started from, or an account since
 * deleted). Read with Yjs's own attribution: every character visible now and not
 * in the empty snapshot is "added" by its client. */
export function authoredRuns(text, authors) {
  const delta = text.toDelta(Y.snapshot(text.doc), Y.emptySnapshot, (type, id) => ({
    type,
    user: id.client,
  }));
  const runs = [];
  for (const op of delta) {
    if (typeof op.insert !== "string") continue;
    const client = op.attributes?.ychange?.user;
    const author = authors.get(client) ?? null;
    const last = runs.at(-1);
    if (last && last.author === author) last.text += op.insert;
    else runs.push({ text: op.insert, author });
  }
  return runs;
}

/** The pad's text once the updates (ordered, each `{ t, bytes }`) up to `ms` are
 * applied to a new document, as the replay shows it at that moment. */
export function textAt(updates, ms, name = "pad") {
  const doc = new Y.Doc();
  const wanted = updatesUpTo(updates, ms);
  doc.transact(() => {
    for (let index = 0; index < wanted; index += 1) Y.applyUpdate(doc, updates[index].bytes);
  });
  const text = doc.getText(name).toString();
  doc.destroy();
  return text;
}

// A person's colour as a tint behind their text: at this share any colour keeps
// the pad's text at 4.5:1 or more on both schemes' backgrounds
// (tests/js/attribution.test.js).
export const TINT_ALPHA = 0.22;

/** "#e11d48" as the tint behind its person's text. */
export function tintOf(hex) {
  const value = Number.parseInt(hex.slice(1), 16);
  return `rgba(${value >> 16}, ${(value >> 8) & 255}, ${value & 255}, ${TINT_ALPHA})`;
}

// Beside the colour, each person's text is underlined in a style of its own, so
// whose is whose reads without telling colours apart.
export const UNDERLINES = ["solid", "dashed", "dotted", "double", "wavy"];
