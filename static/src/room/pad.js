// A pad: a Yjs document edited in CodeMirror 6, synced over y-websocket with the
// server (which stores every update before relaying it), kept in IndexedDB so that
// edits made offline survive a reload and merge when the connection is back, and
// showing everyone's named, coloured cursors. Language modes load only when chosen:
// highlighting only, nothing is ever run.

import { defaultKeymap, indentWithTab } from "@codemirror/commands";
import { defaultHighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { Compartment, EditorState } from "@codemirror/state";
import {
  EditorView,
  drawSelection,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from "@codemirror/view";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { yCollab, yUndoManagerKeymap } from "y-codemirror.next";
import { IndexeddbPersistence } from "y-indexeddb";
import * as syncProtocol from "y-protocols/sync";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { socketUrl } from "./socket.js";

// The server's own messages: the state vector it has stored, and why it refused
// something ({kind, message}: "read_only", "refused", "slow_down" or "flood"), or
// that a relayed edit was lost on the way ("resync": ask for what we lack now).
const MESSAGE_SYNC = 0;
const MESSAGE_SAVED = 100;
const MESSAGE_NOTICE = 101;

const LANGUAGES = {
  python: () => import("@codemirror/lang-python").then((m) => m.python()),
  javascript: () => import("@codemirror/lang-javascript").then((m) => m.javascript()),
  typescript: () =>
    import("@codemirror/lang-javascript").then((m) => m.javascript({ typescript: true })),
  java: () => import("@codemirror/lang-java").then((m) => m.java()),
  cpp: () => import("@codemirror/lang-cpp").then((m) => m.cpp()),
  go: () => import("@codemirror/lang-go").then((m) => m.go()),
  rust: () => import("@codemirror/lang-rust").then((m) => m.rust()),
  sql: () => import("@codemirror/lang-sql").then((m) => m.sql()),
  markdown: () => import("@codemirror/lang-markdown").then((m) => m.markdown()),
};

const PALETTE = ["#e11d48", "#2563eb", "#059669", "#d97706", "#7c3aed", "#0891b2"];

function colourFor(id) {
  const colour = PALETTE[Math.abs(Number(id)) % PALETTE.length];
  return { color: colour, colorLight: `${colour}33` };
}

function clockOf(stateVector, client) {
  return Y.decodeStateVector(stateVector).get(client) || 0;
}

/**
 * Opens a pad in `element`. `onStatus(text, kind)` hears "saved", "saving",
 * "offline", "read-only" (the server takes no edits now, and says why) and
 * "refused". Returns { view, doc, text, provider, setLanguage,
 * insertAtCursor, hasUnsaved, destroy }.
 */
export function openPad({ element, padId, me, language = "plain", nonce = "", onStatus }) {
  const doc = new Y.Doc();
  const text = doc.getText("pad");
  const local = new IndexeddbPersistence(`mockloop-pad-${padId}`, doc);
  const provider = new WebsocketProvider(socketUrl("/ws/pads"), padId, doc, {
    // Ask the server for its state now and then: a relayed update lost on the way
    // (the channel layer delivers at most once) comes back this way.
    resyncInterval: 15000,
    maxBackoffTime: 5000,
  });
  let saved = new Uint8Array([0]);
  let refused = false;
  // The server's last word on why edits are not taken, shown instead of "Saving…".
  let notice = null;

  function unsaved() {
    return clockOf(Y.encodeStateVector(doc), doc.clientID) > clockOf(saved, doc.clientID);
  }

  function report() {
    if (notice?.kind === "read_only") return onStatus?.(notice.message, "read-only");
    if (refused) {
      return onStatus?.(notice?.message || "You can no longer edit this pad.", "refused");
    }
    if (notice?.kind === "slow_down" && unsaved()) return onStatus?.(notice.message, "saving");
    if (!provider.wsconnected) {
      return onStatus?.(
        unsaved() ? "Offline: your edits are kept here and sent when back" : "Offline",
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
      // What the handler writes is sent back: sync step 1, as the resync timer does.
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeSyncStep1(encoder, doc);
      return;
    }
    notice = said;
    if (notice.kind === "read_only") {
      view.dispatch({ effects: editable.reconfigure(EditorState.readOnly.of(true)) });
    }
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

  provider.awareness.setLocalStateField("user", { name: me.name, ...colourFor(me.id) });
  const undoManager = new Y.UndoManager(text);
  const languageSlot = new Compartment();
  const editable = new Compartment();
  const view = new EditorView({
    parent: element,
    state: EditorState.create({
      doc: text.toString(),
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightActiveLine(),
        drawSelection(),
        EditorState.tabSize.of(4),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        keymap.of([...yUndoManagerKeymap, indentWithTab, ...defaultKeymap]),
        languageSlot.of([]),
        editable.of([]),
        EditorView.lineWrapping,
        EditorView.cspNonce.of(nonce),
        EditorView.contentAttributes.of({ "aria-label": "Pad", "aria-multiline": "true" }),
        yCollab(text, provider.awareness, { undoManager }),
      ],
    }),
  });

  async function setLanguage(name) {
    const load = LANGUAGES[name];
    const extension = load ? await load() : [];
    view.dispatch({ effects: languageSlot.reconfigure(extension) });
  }
  setLanguage(language);

  function warnBeforeLeaving(event) {
    if (!unsaved() || refused || notice?.kind === "read_only") return;
    event.preventDefault();
    event.returnValue = "";
  }
  window.addEventListener("beforeunload", warnBeforeLeaving);
  report();

  return {
    view,
    doc,
    text,
    provider,
    local,
    setLanguage,
    hasUnsaved: unsaved,
    insertAtCursor(snippet) {
      const at = view.state.selection.main.head;
      view.dispatch({
        changes: { from: at, insert: snippet },
        selection: { anchor: at + snippet.length },
      });
      view.focus();
    },
    destroy() {
      window.removeEventListener("beforeunload", warnBeforeLeaving);
      provider.destroy();
      local.destroy();
      view.destroy();
      doc.destroy();
    },
  };
}
