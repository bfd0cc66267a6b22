// A pad: a Yjs document edited in CodeMirror 6, synced over y-websocket with the
// server (which stores every update before relaying it), kept in IndexedDB so that
// edits made offline survive a reload and merge when the connection is back, and
// showing everyone's named, coloured cursors. Language modes load only when chosen:
// highlighting and indentation only, nothing is ever run.

import { closeBrackets, closeBracketsKeymap } from "@codemirror/autocomplete";
import { defaultKeymap, indentWithTab } from "@codemirror/commands";
import { indentOnInput, indentUnit, syntaxHighlighting } from "@codemirror/language";
import { Compartment, EditorState } from "@codemirror/state";
import {
  EditorView,
  ViewPlugin,
  drawSelection,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
  showPanel,
} from "@codemirror/view";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { yCollab, yUndoManagerKeymap } from "y-codemirror.next";
import { IndexeddbPersistence } from "y-indexeddb";
import * as syncProtocol from "y-protocols/sync";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { HIGHLIGHT_STYLES, indentUnitFor } from "./pad_style.js";
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

// Cursor colours: each partner's name is written in white on theirs, at 4.5:1 or more.
const PALETTE = ["#e11d48", "#2563eb", "#047857", "#b45309", "#7c3aed", "#0e7490"];

// y-codemirror.next shows a partner's name only while the pointer is over their
// 2-pixel caret. It shows here for a few seconds after their cursor moves (room.css
// fades it), so one sees who is typing where without hunting for the caret.
const NAME_SHOWN_MS = 3000;

function cursorNames(awareness) {
  return ViewPlugin.define((view) => {
    const movedAt = new Map();
    let timer = null;
    function paint() {
      const now = Date.now();
      const shown = new Set();
      let next = Number.POSITIVE_INFINITY;
      for (const [client, at] of movedAt) {
        if (at + NAME_SHOWN_MS <= now) {
          movedAt.delete(client);
          continue;
        }
        next = Math.min(next, at + NAME_SHOWN_MS);
        const name = awareness.getStates().get(client)?.user?.name;
        if (name != null) shown.add(name);
      }
      // The carets are y-codemirror.next's widgets, which CodeMirror leaves alone
      // between redraws; their names are the awareness states' user names.
      for (const info of view.contentDOM.querySelectorAll(".cm-ySelectionInfo")) {
        info.classList.toggle("cm-yNameShown", shown.has(info.textContent));
      }
      clearTimeout(timer);
      if (next !== Number.POSITIVE_INFINITY) timer = setTimeout(paint, next - now);
    }
    // After CodeMirror has drawn the carets anew (a redraw may replace them).
    const repaint = { key: paint, read() {}, write: paint };
    function moved({ added, updated }) {
      const now = Date.now();
      for (const client of [...added, ...updated]) {
        const state = awareness.getStates().get(client);
        if (client !== awareness.clientID && state?.cursor) movedAt.set(client, now);
      }
      view.requestMeasure(repaint);
    }
    awareness.on("change", moved);
    return {
      update() {
        if (movedAt.size) view.requestMeasure(repaint);
      },
      destroy() {
        awareness.off("change", moved);
        clearTimeout(timer);
      },
    };
  });
}

// The keys that differ from a text field, said under the pad and read out with it:
// Tab indents, so a keyboard user leaves with Escape then Tab (CodeMirror's
// tab-focus mode, for two seconds after Escape).
function keysHelp(id) {
  return showPanel.of(() => {
    const dom = document.createElement("div");
    dom.className = "pad-keys";
    dom.id = id;
    dom.textContent =
      "Tab indents, Shift+Tab dedents. To leave the pad from the keyboard, press Esc, then Tab.";
    return { dom, top: false };
  });
}

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
  const indentSlot = new Compartment();
  const editable = new Compartment();
  // The syntax colours follow the site's scheme, which follows the system's
  // (main.css); HIGHLIGHT_STYLES hold both and apply by EditorView.darkTheme.
  const schemeSlot = new Compartment();
  const darkScheme = window.matchMedia("(prefers-color-scheme: dark)");
  const keysHelpId = `pad-keys-${padId}`;
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
        indentSlot.of(indentUnit.of(indentUnitFor(language))),
        // Re-indents a line when what is typed closes it (`}`, `else:`): the
        // language says when, through its indentOnInput pattern.
        indentOnInput(),
        closeBrackets(),
        schemeSlot.of(EditorView.darkTheme.of(darkScheme.matches)),
        ...HIGHLIGHT_STYLES.map((style) => syntaxHighlighting(style)),
        keymap.of([...closeBracketsKeymap, ...yUndoManagerKeymap, indentWithTab, ...defaultKeymap]),
        languageSlot.of([]),
        editable.of([]),
        EditorView.lineWrapping,
        EditorView.cspNonce.of(nonce),
        EditorView.contentAttributes.of({
          "aria-label": "Pad",
          "aria-multiline": "true",
          "aria-describedby": keysHelpId,
        }),
        keysHelp(keysHelpId),
        yCollab(text, provider.awareness, { undoManager }),
        cursorNames(provider.awareness),
      ],
    }),
  });

  function followScheme() {
    view.dispatch({
      effects: schemeSlot.reconfigure(EditorView.darkTheme.of(darkScheme.matches)),
    });
  }
  darkScheme.addEventListener("change", followScheme);

  // Modes load on demand, so two quick choices may load out of order: the last one
  // asked wins (and none once the pad is destroyed, which sets this to -1).
  let languageAsked = 0;
  async function setLanguage(name) {
    const asked = ++languageAsked;
    const load = LANGUAGES[name];
    const extension = load ? await load() : [];
    if (asked !== languageAsked) return;
    view.dispatch({
      effects: [
        languageSlot.reconfigure(extension),
        indentSlot.reconfigure(indentUnit.of(indentUnitFor(name))),
      ],
    });
    // Which mode lays out what is typed now (the select says what was asked for,
    // which may still be loading).
    element.dataset.mode = name;
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
      languageAsked = -1;
      darkScheme.removeEventListener("change", followScheme);
      window.removeEventListener("beforeunload", warnBeforeLeaving);
      provider.destroy();
      local.destroy();
      view.destroy();
      doc.destroy();
    },
  };
}
