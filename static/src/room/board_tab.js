// Pad or whiteboard: two tabs over the round's shared work. The whiteboard's code
// (Excalidraw, React) loads the first time it is opened; it opens first in a
// round that asks to design a system. The pad stays connected while hidden.

/** Keeps the tabs and the board of the round `round.board_pad` names. */
export class BoardTab {
  constructor(root, { me, onStatus }) {
    this.root = root;
    this.me = me;
    this.onStatus = onStatus;
    this.padId = null;
    this.board = null;
    this.opening = null;
    this.tabs = root.querySelector("[data-board-tabs]");
    this.panel = root.querySelector("[data-board-panel]");
    this.tabs.addEventListener("click", (event) => {
      const tab = event.target.closest("[data-board-tab]");
      if (tab) this.show(tab.dataset.boardTab);
    });
    this.tabs.addEventListener("keydown", (event) => {
      if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
      const next = this.current === "board" ? "pad" : "board";
      this.show(next);
      this.tabs.querySelector(`[data-board-tab="${next}"]`).focus();
    });
  }

  /** A new view of the room: a new round's board replaces the last one's. */
  render(round) {
    const pad = round?.board_pad;
    this.tabs.hidden = !pad;
    if (!pad) {
      this.show("pad");
      return;
    }
    if (pad.id === this.padId) return;
    this.board?.destroy();
    this.board = null;
    this.opening = null;
    this.padId = pad.id;
    this.root.querySelector("[data-board]").replaceChildren();
    this.show(pad.first ? "board" : "pad");
  }

  show(which) {
    this.current = which;
    for (const tab of this.tabs.querySelectorAll("[data-board-tab]")) {
      const selected = tab.dataset.boardTab === which;
      tab.setAttribute("aria-selected", String(selected));
      tab.tabIndex = selected ? 0 : -1;
    }
    this.root.querySelector("[data-pad-panel]").hidden = which === "board";
    this.panel.hidden = which !== "board";
    if (which === "board") this.open();
  }

  async open() {
    if (this.board || this.opening || !this.padId) return;
    const padId = this.padId;
    this.root.dataset.boardLoading = "true";
    // Before Excalidraw's code runs: its fonts are ours (absolute, as it resolves
    // them with new URL(name, this)); it tries its CDN next, which the CSP refuses.
    window.EXCALIDRAW_ASSET_PATH = new URL(
      this.panel.dataset.boardAssets,
      window.location.href,
    ).href;
    this.opening = import("./board.js").then(({ openBoard }) =>
      openBoard({
        element: this.root.querySelector("[data-board]"),
        padId,
        me: this.me,
        stylesheet: this.panel.dataset.boardCss,
        onStatus: this.onStatus,
      }),
    );
    const board = await this.opening;
    delete this.root.dataset.boardLoading;
    if (padId !== this.padId) {
      board.destroy();
      return;
    }
    this.board = board;
  }
}
