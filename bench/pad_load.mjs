// The load generator of bench/pad_at_scale.py: real y-websocket clients (the
// browser's library, over the `ws` package) in rooms of two, one typing and one
// watching, as people do. Reads its plan as JSON on stdin and prints its findings as
// JSON on stdout.
//
// Plan: { url, seconds, keys, rooms: [{ pad, typist, watcher }] } where typist and
// watcher are session cookies. The typist inserts one character at the end per
// keystroke and then moves its cursor, as the editor does (one Yjs update and one
// awareness update); the watcher shows its own cursor once and otherwise only
// receives. No resync interval: what arrives, arrived live or through the
// server's own recovery.

import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import * as syncProtocol from "y-protocols/sync";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";

const ALPHABET = "abcdefghijklmnopqrstuvwxyz";
const MESSAGE_SAVED = 100;
const MESSAGE_NOTICE = 101;
let resyncs = 0;

function socketClass(origin, cookie) {
  // As a browser would: the page's origin (the server refuses sockets without
  // one) and the session cookie.
  return class extends WebSocket {
    constructor(url, protocols) {
      super(url, protocols, { origin, headers: { Cookie: `sessionid=${cookie}` } });
    }
  };
}

function client(url, pad, cookie, name) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${url.replace(/^http/, "ws")}/ws/pads`, pad, doc, {
    WebSocketPolyfill: socketClass(url, cookie),
    resyncInterval: -1,
    disableBc: true,
  });
  // The server's own messages, handled as the room's pad.js handles them.
  provider.messageHandlers[MESSAGE_SAVED] = () => {};
  provider.messageHandlers[MESSAGE_NOTICE] = (encoder, decoder) => {
    if (JSON.parse(decoding.readVarString(decoder)).kind === "resync") {
      resyncs += 1;
      encoding.writeVarUint(encoder, 0);
      syncProtocol.writeSyncStep1(encoder, doc);
    }
  };
  provider.awareness.setLocalStateField("user", { name, color: "#2563eb" });
  return { doc, text: doc.getText("pad"), provider };
}

function synced(provider, timeout = 30000) {
  return new Promise((resolve, reject) => {
    if (provider.synced) return resolve();
    const timer = setTimeout(() => reject(new Error("not synced")), timeout);
    provider.once("sync", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function room(plan, spec, start) {
  const typist = client(plan.url, spec.pad, spec.typist, "Typist");
  const watcher = client(plan.url, spec.pad, spec.watcher, "Watcher");
  await Promise.all([synced(typist.provider), synced(watcher.provider)]);
  const base = typist.text.length;
  const count = Math.round(plan.seconds * plan.keys);
  const sent = [];
  const arrived = [];
  watcher.text.observe(() => {
    const now = performance.now();
    for (let index = arrived.length; index < watcher.text.length - base; index++) {
      arrived.push(now);
    }
  });
  await start;
  const began = performance.now();
  // Rooms start spread over one keystroke's interval, not all in one instant.
  await sleep(Math.random() * (1000 / plan.keys));
  for (let index = 0; index < count; index++) {
    const due = began + (index * 1000) / plan.keys;
    await sleep(Math.max(0, due - performance.now()));
    sent.push(performance.now());
    typist.text.insert(typist.text.length, ALPHABET[index % 26]);
    const at = Y.createRelativePositionFromTypeIndex(typist.text, typist.text.length);
    const cursor = Y.relativePositionToJSON(at);
    typist.provider.awareness.setLocalStateField("cursor", { anchor: cursor, head: cursor });
  }
  const deadline = performance.now() + plan.settle * 1000;
  while (arrived.length < count && performance.now() < deadline) await sleep(100);
  const result = {
    pad: spec.pad,
    typed: Array.from({ length: count }, (_, i) => ALPHABET[i % 26]).join(""),
    latencies: arrived.map((at, i) => at - sent[i]),
    sent: count,
    received: arrived.length,
    typist: typist.text.toString(),
    watcher: watcher.text.toString(),
  };
  typist.provider.destroy();
  watcher.provider.destroy();
  return result;
}

async function main() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const plan = JSON.parse(Buffer.concat(chunks).toString());
  let go;
  const start = new Promise((resolve) => {
    go = resolve;
  });
  const rooms = plan.rooms.map((spec) => room(plan, spec, start));
  // Everyone connected and synced first (bounded by the rooms' own timeouts).
  await sleep(plan.connectSeconds * 1000);
  // How late this process's own event loop ran while typing: a keystroke that
  // arrives while the loop is busy is seen late, and counted late.
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();
  go();
  const results = await Promise.allSettled(rooms);
  loopDelay.disable();
  const failed = results.filter((r) => r.status === "rejected").map((r) => String(r.reason));
  process.stdout.write(
    JSON.stringify({
      rooms: results.filter((r) => r.status === "fulfilled").map((r) => r.value),
      failed,
      resyncs,
      loopDelayMs: {
        p50: loopDelay.percentile(50) / 1e6,
        p99: loopDelay.percentile(99) / 1e6,
        max: loopDelay.max / 1e6,
      },
    }),
    // A pipe takes large writes in parts: exit once it has all of it.
    () => process.exit(0),
  );
}

main();
