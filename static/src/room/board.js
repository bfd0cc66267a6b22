// The whiteboard: Excalidraw, bound to a Yjs document of the pad kind "board" that
// travels over the pad's socket, consumer and update log (rooms/board.py says what
// the server takes). Loaded only when first opened: this module, React and
// Excalidraw are chunks of their own; Excalidraw's fonts come from our static
// files (window.EXCALIDRAW_ASSET_PATH), never from a CDN.
//
// The binding is ours, on a Y.Map "board" keyed by element id, each value the
// element as plain JSON: a page writes an element when its version grew, and takes
// a peer's when that one's version is higher (or, at equal versions, whichever
// Yjs kept, the same on every page). Excalidraw keeps deleted elements, marked, so
// a deletion is a newer version like any edit, and the z-order is each element's
// fractional index, so no list has to be merged. Pointers and names travel as
// awareness, as the pad's cursors do.

import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { IndexeddbPersistence } from "y-indexeddb";
import * as syncProtocol from "y-protocols/sync";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { libraryItems } from "./board_library.js";
import { socketUrl } from "./socket.js";

const MESSAGE_SYNC = 0;
const MESSAGE_SAVED = 100;
const MESSAGE_NOTICE = 101;
// A drag changes an element at every frame: a page sends what changed at most this
// often (the pad socket's budget is 50 messages a second, cursors included).
const SEND_EVERY_MS = 60;
// Excalidraw keeps a deleted element, marked, and so does the board, so that a
// late edit cannot bring it back; past this many such entries a page drops them
// from the document, or erasing would count towards the server's element cap.
const DELETED_KEPT = 200;
const PALETTE = ["#e11d48", "#2563eb", "#047857", "#b45309", "#7c3aed", "#0e7490"];
// Our own writes to the document, told apart from a peer's and IndexedDB's.
const LOCAL = Symbol("board-local");

function colourFor(id) {
  const colour = PALETTE[Math.abs(Number(id)) % PALETTE.length];
  return { background: colour, stroke: colour };
}

function byIndex(a, b) {
  // Fractional indices compare as strings; an element without one goes last.
  if (a.index === b.index) return a.id < b.id ? -1 : 1;
  if (a.index == null) return 1;
  if (b.index == null) return -1;
  return a.index < b.index ? -1 : 1;
}

function plain(element) {
  return JSON.parse(JSON.stringify(element));
}

function loadStylesheet(href) {
  if (document.querySelector(`link[data-board-css]`)) return Promise.resolve();
  return new Promise((resolve) => {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = href;
    link.dataset.boardCss = "";
    link.addEventListener("load", resolve);
    link.addEventListener("error", resolve);
    document.head.append(link);
  });
}

/**
 * Opens the board `padId` in `element` (window.EXCALIDRAW_ASSET_PATH set first). `onStatus(text, kind)` hears "saved",
 * "saving", "offline", "read-only" and "refused", as for a pad; `onRefused(text)`
 * why the server refused something drawn. Returns { doc, provider, destroy }.
 */
export async function openBoard({ element, padId, me, stylesheet, onStatus }) {
  const [excalidraw, react, reactDom] = await Promise.all([
    import("@excalidraw/excalidraw"),
    import("react"),
    import("react-dom/client"),
    loadStylesheet(stylesheet),
  ]);
  // React is CommonJS: a lazy import of it is its module.exports, as `default`.
  const React = react.default ?? react;
  const { createRoot } = reactDom.default ?? reactDom;
  const { Excalidraw, CaptureUpdateAction, convertToExcalidrawElements } = excalidraw;

  const doc = new Y.Doc();
  const board = doc.getMap("board");
  const local = new IndexeddbPersistence(`mockloop-board-${padId}`, doc);
  const provider = new WebsocketProvider(socketUrl("/ws/pads"), padId, doc, {
    resyncInterval: 15000,
    maxBackoffTime: 5000,
  });
  const awareness = provider.awareness;
  awareness.setLocalStateField("user", { name: me.name, id: me.id });

  let api = null;
  let saved = new Uint8Array([0]);
  let notice = null;
  let refused = false;
  let readOnly = false;
  // What this page last wrote or took for each element: {version, nonce}.
  const synced = new Map();
  let sendTimer = null;

  const clockOf = (vector) => Y.decodeStateVector(vector).get(doc.clientID) || 0;
  const unsaved = () => clockOf(Y.encodeStateVector(doc)) > clockOf(saved);

  function report() {
    if (notice?.kind === "read_only") return onStatus?.(notice.message, "read-only");
    if (refused) return onStatus?.(notice?.message || "You can no longer draw here.", "refused");
    if (notice?.kind === "slow_down" && unsaved()) return onStatus?.(notice.message, "saving");
    if (!provider.wsconnected) {
      return onStatus?.(
        unsaved() ? "Offline: your drawing is kept here and sent when back" : "Offline",
        "offline",
      );
    }
    onStatus?.(unsaved() ? "Saving…" : "All changes saved", unsaved() ? "saving" : "saved");
  }

  provider.messageHandlers[MESSAGE_SAVED] = (_encoder, decoder) => {
    saved = decoding.readVarUint8Array(decoder);
    report();
  };
  provider.messageHandlers[MESSAGE_NOTICE] = (encoder, decoder) => {
    let said;
    try {
      said = JSON.parse(decoding.readVarString(decoder));
    } catch {
      return;
    }
    if (said.kind === "resync") {
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeSyncStep1(encoder, doc);
      return;
    }
    notice = said;
    if (said.kind === "read_only") setReadOnly();
    report();
  };
  provider.on("status", report);
  provider.on("closed", () => {
    refused = true;
    report();
  });
  doc.on("update", (_update, origin) => {
    if (origin !== provider) report();
  });

  /** A peer's (or the stored) elements, into the scene. */
  function takeRemote(ids) {
    if (!api) return;
    const scene = new Map(api.getSceneElementsIncludingDeleted().map((e) => [e.id, e]));
    let changed = false;
    for (const id of ids) {
      const theirs = board.get(id);
      if (!theirs || typeof theirs !== "object") continue;
      const mine = scene.get(id);
      if (mine && mine.version > theirs.version) {
        // Yjs kept a peer's older write over ours (concurrent writes): write
        // ours again, or the two pages would differ until its next edit.
        synced.delete(id);
        onChange();
        continue;
      }
      if (mine && mine.version === theirs.version && mine.versionNonce === theirs.versionNonce) {
        continue;
      }
      scene.set(id, theirs);
      synced.set(id, { version: theirs.version, nonce: theirs.versionNonce });
      changed = true;
    }
    if (!changed) return;
    api.updateScene({
      elements: [...scene.values()].sort(byIndex),
      captureUpdate: CaptureUpdateAction.NEVER,
    });
    showCount();
  }

  /** Images are off (rooms/board.py): one pasted or dropped is taken off the
   * board at once, and the person is told, rather than kept on this page alone. */
  function refuseImages() {
    const elements = api.getSceneElementsIncludingDeleted();
    if (!elements.some((e) => e.type === "image" && !e.isDeleted)) return;
    api.updateScene({
      elements: elements.filter((e) => e.type !== "image"),
      captureUpdate: CaptureUpdateAction.NEVER,
    });
    api.setToast({
      message: "Images are not shared on this board: draw it, or paste text instead.",
      closable: true,
      duration: 6000,
    });
    element.dataset.refusedImage = "";
  }

  /** Drops deleted elements from the document once there are many of them. */
  function compactDeleted() {
    const deleted = [];
    for (const [id, value] of board) if (value?.isDeleted) deleted.push(id);
    if (deleted.length <= DELETED_KEPT) return;
    doc.transact(() => {
      for (const id of deleted) board.delete(id);
    }, LOCAL);
  }

  /** This page's changed elements, into the document. */
  function sendLocal() {
    sendTimer = null;
    if (!api || readOnly) return;
    refuseImages();
    const changed = api
      .getSceneElementsIncludingDeleted()
      .filter((e) => e.type !== "image")
      .filter((e) => {
        const last = synced.get(e.id);
        return !last || last.version !== e.version || last.nonce !== e.versionNonce;
      });
    if (!changed.length) return;
    doc.transact(() => {
      for (const each of changed) {
        const current = board.get(each.id);
        // A peer's newer version, not yet in the scene, is not overwritten.
        if (current && current.version > each.version) continue;
        board.set(each.id, plain(each));
        synced.set(each.id, { version: each.version, nonce: each.versionNonce });
      }
    }, LOCAL);
    compactDeleted();
    showCount();
  }

  function showCount() {
    if (!api) return;
    const live = api.getSceneElements();
    // For whoever reads the page without seeing the canvas (and the tests).
    element.dataset.elements = String(live.length);
    element.dataset.kinds = [...new Set(live.map((e) => e.type))].sort().join(" ");
    element.dataset.texts = live
      .filter((e) => e.type === "text")
      .map((e) => e.text)
      .join("\n");
  }

  board.observe((event) => {
    if (event.transaction.origin !== LOCAL) takeRemote(event.keysChanged);
  });

  /** Everyone else's pointer, named, as Excalidraw draws collaborators. */
  function showPointers() {
    if (!api) return;
    const collaborators = new Map();
    const names = [];
    for (const [client, state] of awareness.getStates()) {
      if (client === doc.clientID || !state.user) continue;
      collaborators.set(String(client), {
        username: state.user.name,
        pointer: state.pointer,
        button: state.button || "up",
        color: colourFor(state.user.id),
        id: String(state.user.id),
      });
      if (state.pointer) names.push(state.user.name);
    }
    element.dataset.pointers = [...new Set(names)].sort().join(" ");
    api.updateScene({ collaborators });
  }
  awareness.on("change", showPointers);

  function onChange() {
    if (!sendTimer) sendTimer = setTimeout(sendLocal, SEND_EVERY_MS);
  }

  function onPointerUpdate({ pointer, button }) {
    awareness.setLocalState({
      ...awareness.getLocalState(),
      pointer: { x: pointer.x, y: pointer.y, tool: pointer.tool },
      button,
    });
  }

  const root = createRoot(element);
  function render() {
    root.render(
      React.createElement(Excalidraw, {
        excalidrawAPI: (ready) => {
          if (api) return;
          api = ready;
          takeRemote([...board.keys()]);
          showPointers();
        },
        initialData: {
          libraryItems: libraryItems(convertToExcalidrawElements),
          appState: { viewBackgroundColor: "#ffffff" },
        },
        onChange,
        onPointerUpdate,
        isCollaborating: true,
        viewModeEnabled: readOnly,
        // Images are off: their bytes would ride in every update of the log.
        UIOptions: {
          tools: { image: false },
          canvasActions: { loadScene: false, saveToActiveFile: false, export: false },
        },
        // No embeds: a pasted video, tweet or page would be framed from another
        // origin, which a self-hosted room never reaches (build.mjs).
        validateEmbeddable: () => false,
        // The board is part of the room, not a page of its own: keys reach it only
        // while it has the focus. (Excalidraw follows the page's scrolling, so a
        // pointer lands where it points however far the room was scrolled.)
        handleKeyboardGlobally: false,
        autoFocus: false,
        name: "Whiteboard",
      }),
    );
  }

  function setReadOnly() {
    if (readOnly) return;
    readOnly = true;
    render();
  }

  function warnBeforeLeaving(event) {
    if (!unsaved() || refused || notice?.kind === "read_only") return;
    event.preventDefault();
    event.returnValue = "";
  }
  window.addEventListener("beforeunload", warnBeforeLeaving);
  render();
  report();

  return {
    doc,
    provider,
    hasUnsaved: unsaved,
    destroy() {
      clearTimeout(sendTimer);
      window.removeEventListener("beforeunload", warnBeforeLeaving);
      awareness.off("change", showPointers);
      root.unmount();
      provider.destroy();
      local.destroy();
      doc.destroy();
    },
  };
}
