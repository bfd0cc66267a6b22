// The live room. The server owns everything: the page draws the state it sends (on
// connect and after every change, the person's own view of the room) and counts
// the clock down locally from the server's figures and the measured offset to
// server time, so every tab and both people see the same second.

import { BoardTab } from "./board_tab.js";
import { SECOND, clockFigures, duration } from "./clock.js";
import { SHORTCUTS, commandFor } from "./commands.js";
import { PracticePanel } from "./practice.js";
import { RoomSocket } from "./socket.js";
import { StoriesPanel } from "./stories.js";
import {
  PRESENCE_GONE,
  element,
  renderCall,
  renderClock,
  renderControls,
  renderPresence,
  renderQuestions,
  renderRoundLine,
  renderSegments,
  runsTheClock,
  setStatus,
} from "./view.js";

const PRESENCE_EVERY = 5 * SECOND;
const REFRESH_EVERY = 30 * SECOND;
const PING_EVERY = 60 * SECOND;
const TICK_EVERY = SECOND / 4;
const TOAST_FOR = 6 * SECOND;

const REFUSED = {
  4401: "You logged out: log in again to rejoin.",
};

/** A soft two-note chime, made here: no sound file to fetch. */
function chime() {
  const Context = window.AudioContext || window.webkitAudioContext;
  if (!Context) return;
  const audio = new Context();
  for (const [index, frequency] of [660, 880].entries()) {
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    const start = audio.currentTime + index * 0.18;
    tone.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.15, start + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.5);
    tone.connect(gain).connect(audio.destination);
    tone.start(start);
    tone.stop(start + 0.55);
  }
  window.setTimeout(() => audio.close(), 1200);
}

class Room {
  constructor(root) {
    this.root = root;
    this.state = JSON.parse(document.getElementById("room-state").textContent);
    this.seen = new Map(); // user id -> when last heard here (local clock)
    this.pads = { id: null, shared: null, notes: null };
    this.stories = new StoriesPanel(root, { toast: (message) => this.toast(message) });
    this.practice = new PracticePanel(root, {
      toast: (message) => this.toast(message),
      serverNow: () => this.socket.serverNow(),
    });
    this.socket = new RoomSocket(`/ws/sessions/${this.state.session.id}/`, {
      onMessage: (message) => this.receive(message),
      onStatus: (status, code) => this.connection(status, code),
    });
  }

  $(selector) {
    return this.root.querySelector(selector);
  }

  send(message, { quiet = false } = {}) {
    const sent = this.socket.send(message);
    if (!sent && !quiet) this.toast("Not connected: try again in a moment.");
    return sent;
  }

  toast(message) {
    const box = this.$("[data-toast]");
    box.textContent = message;
    box.hidden = false;
    clearTimeout(this.toastTimer);
    this.toastTimer = setTimeout(() => {
      box.hidden = true;
    }, TOAST_FOR);
  }

  connection(status, code) {
    const line = this.$("[data-connection]");
    this.root.dataset.connected = String(status === "open");
    if (status === "open") line.textContent = "";
    else if (status === "connecting") line.textContent = "Connecting…";
    else if (status === "reconnecting") line.textContent = "Reconnecting…";
    else if (this.root.dataset.closed === "true") line.textContent = "";
    else line.textContent = REFUSED[code] || "You cannot be in this room.";
  }

  receive(message) {
    if (message.type === "state") {
      this.state = message.state;
      this.render();
    } else if (message.type === "presence") {
      this.presence(message);
    } else if (message.type === "error") {
      this.toast(message.message);
    } else if (message.type === "closed") {
      this.closed(message.message);
    }
  }

  /** The session was cancelled (or left) while this page was open. */
  closed(reason) {
    this.root.dataset.closed = "true";
    this.$("[data-room-closed-reason]").textContent = reason;
    this.$("[data-room-closed]").hidden = false;
    for (const selector of ["[data-controls]", "[data-swap]", "[data-shortcuts]"]) {
      this.$(selector).hidden = true;
    }
    this.$("select[data-language]").disabled = true;
    this.$("[data-end-dialog]").close();
    this.$("[data-room-closed]").scrollIntoView({ block: "nearest" });
  }

  /** "End round" asks first: it cannot be undone, and ends it for both. */
  confirmEnd() {
    const dialog = this.$("[data-end-dialog]");
    const round = this.state.round;
    if (!round || round.clock.ended_at || dialog.open) return;
    this.$("[data-end-dialog-title]").textContent =
      round.role === "solo"
        ? "Stop the clock? Log the attempt below afterwards."
        : `End round ${round.order + 1} for both of you?`;
    dialog.returnValue = "";
    dialog.showModal();
  }

  endConfirmed() {
    const round = this.state.round;
    if (this.$("[data-end-dialog]").returnValue !== "end" || !round) return;
    this.send(commandFor("end", round).message);
  }

  presence(message) {
    const wasGone =
      !this.seen.has(message.user) || Date.now() - this.seen.get(message.user) > PRESENCE_GONE;
    if (message.status === "left") this.seen.delete(message.user);
    else this.seen.set(message.user, Date.now());
    // Someone new hears at once who is already here.
    if (message.status === "here" && wasGone && message.user !== this.state.me.id) {
      this.send({ type: "presence" }, { quiet: true });
    }
    this.renderPresence();
  }

  renderPresence() {
    renderPresence((s) => this.$(s), this.state, {
      connected: this.root.dataset.connected === "true",
      seen: this.seen,
      now: Date.now(),
    });
  }

  render() {
    const $ = (selector) => this.$(selector);
    renderCall($, this.state.session);
    const round = this.state.round;
    if (!round) return;
    renderRoundLine($, this.state);
    renderSegments($, round);
    renderControls($, this.state);
    renderQuestions($, round, (message) => this.send(message));
    this.stories.render(round);
    this.renderRuns(round);
    this.renderPads(round);
    this.renderBoard(round);
    this.tick();
  }

  tick() {
    if (!this.state.round) return;
    const round = this.state.round;
    const serverNow = this.socket.serverNow();
    renderClock((s) => this.$(s), round, serverNow);
    this.practice.render(round);
    this.noticeRunOut(round, clockFigures(round, serverNow));
    this.renderPresence();
  }

  /** A step, a part or the round that just ran out flashes, and chimes if asked. */
  noticeRunOut(round, figures) {
    const clock = round.clock;
    const key = `${round.id}:${clock.segment_index}:${clock.phase_index}`;
    const last = this.lastFigures;
    this.lastFigures = { key, figures };
    if (!last || last.key !== key || !clock.running_since) return;
    const ran = ["phase", "segment", "round"].filter(
      (name) => last.figures[name] > 0 && figures[name] !== null && figures[name] <= 0,
    );
    if (!ran.length) return;
    for (const name of ran) {
      const face = this.$(`[data-face="${name}"]`).parentElement;
      face.classList.remove("ran-out");
      void face.offsetWidth; // restart the animation
      face.classList.add("ran-out");
      window.setTimeout(() => face.classList.remove("ran-out"), 2 * SECOND);
    }
    if (this.$("[data-chime]").checked) chime();
  }

  chimeToggle() {
    const box = this.$("[data-chime]");
    const key = `mockloop-chime-${this.state.me.id}`;
    box.checked = window.localStorage.getItem(key) === "on";
    box.addEventListener("change", () => {
      window.localStorage.setItem(key, box.checked ? "on" : "off");
      if (box.checked) chime();
    });
  }

  renderLanguages(round) {
    const select = this.$("select[data-language]");
    if (!select.options.length) {
      for (const [value, label] of Object.entries(this.state.languages)) {
        select.append(element("option", { value, text: label }));
      }
      select.addEventListener("change", () => {
        const message = { type: "language", pad: this.state.round.pad.id, language: select.value };
        // Not sent (the socket is not open): show the language the pad still has.
        if (!this.send(message)) select.value = this.state.round.pad.language;
      });
    }
    select.value = round.pad.language;
    select.disabled = !this.state.session.usable;
  }

  async renderPads(round) {
    if (!round.pad || !this.state.session.usable) return;
    this.renderLanguages(round);
    const { openPad } = await import("./pad.js");
    const nonce = this.root.dataset.cspNonce;
    if (this.pads.id !== round.pad.id) {
      // A new round: its own fresh pads.
      this.pads.shared?.destroy();
      this.pads.notes?.destroy();
      this.pads = { id: round.pad.id, shared: null, notes: null };
      this.$("[data-pad]").replaceChildren();
      this.$("[data-notes]").replaceChildren();
      this.pads.shared = openPad({
        element: this.$("[data-pad]"),
        padId: round.pad.id,
        me: this.state.me,
        language: round.pad.language,
        nonce,
        onStatus: (text, kind) => setStatus(this.$("[data-pad-status]"), text, kind),
      });
    } else {
      this.pads.shared.setLanguage(round.pad.language);
    }
    this.$("[data-notes-panel]").hidden = !round.notes_pad;
    if (round.notes_pad && !this.pads.notes) {
      this.pads.notes = openPad({
        element: this.$("[data-notes]"),
        padId: round.notes_pad.id,
        me: this.state.me,
        nonce,
        onStatus: (text, kind) => setStatus(this.$("[data-notes-status]"), text, kind),
      });
    }
  }

  renderBoard(round) {
    if (!this.state.session.usable) return;
    this.board ??= new BoardTab(this.root, {
      me: this.state.me,
      onStatus: (text, kind) => setStatus(this.$("[data-board-status]"), text, kind),
    });
    this.board.render(round);
  }

  /** Run, in a part that lets code run (or to show a run made): a lazy chunk. */
  async renderRuns(round) {
    if (!round.runs || (!round.runs.runnable && !round.runs.last)) {
      if (this.runs) this.runs.panel.hidden = true;
      return;
    }
    const { RunPanel } = await import("./run.js");
    this.runs ??= new RunPanel(this.root, {
      send: (message) => this.send(message),
      padText: () => this.pads.shared?.text.toString() ?? "",
    });
    this.runs.render(this.state);
  }

  /** The round's time, written at the cursor in the interviewer's notes. */
  timestamp() {
    const round = this.state.round;
    if (!this.pads.notes || !round) return;
    const { elapsed } = clockFigures(round, this.socket.serverNow());
    this.pads.notes.insertAtCursor(`[${duration(Math.max(0, elapsed))}] `);
  }

  act(action) {
    const round = this.state.round;
    if (!round) return;
    if (action === "swap") {
      this.send({ type: "swap" });
      return;
    }
    if (action === "end") {
      this.confirmEnd();
      return;
    }
    const command = commandFor(action, round);
    if (command.message) this.send(command.message);
    else if (command.say) this.toast(command.say);
    else if (command.timestamp) this.timestamp();
  }

  listen() {
    document.addEventListener("keydown", (event) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      if (!runsTheClock(this.state.round)) return;
      const action = SHORTCUTS[event.code];
      if (!action) return;
      event.preventDefault();
      this.act(action);
    });
    this.root.addEventListener("click", (event) => {
      const button = event.target.closest("[data-action]");
      if (button) this.act(button.dataset.action);
    });
    this.$("[data-end-dialog]").addEventListener("close", () => this.endConfirmed());
  }

  start() {
    this.render();
    this.listen();
    this.chimeToggle();
    if (this.state.session.usable) {
      this.socket.connect();
      setInterval(() => this.send({ type: "presence" }, { quiet: true }), PRESENCE_EVERY);
      // A change relayed while the relay was down is read again from the server.
      setInterval(() => this.send({ type: "refresh" }, { quiet: true }), REFRESH_EVERY);
      setInterval(() => this.socket.ping(), PING_EVERY);
    } else {
      this.$("[data-connection]").textContent = "";
    }
    setInterval(() => this.tick(), TICK_EVERY);
  }
}

new Room(document.querySelector("[data-room]")).start();
