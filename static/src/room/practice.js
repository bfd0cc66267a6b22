// Solo practice's panel in the room: the nudges as the clock reaches them (each
// kept by the server the first time, so it is shown once), and the answers'
// forms, on when they may open and sent with fetch.

import { answersOpen, nudgesDue } from "./practice_nudges.js";
import { element } from "./view.js";

export class PracticePanel {
  constructor(root, { toast, serverNow }) {
    this.panel = root.querySelector("[data-practice]");
    this.toast = toast;
    this.serverNow = serverNow;
    this.sending = new Set(); // nudges on their way to the server
    this.shownHere = new Map(); // name -> text, shown on this page
    this.panel?.addEventListener("submit", (event) => this.submit(event));
  }

  async post(form) {
    const response = await fetch(form.action, {
      method: "POST",
      credentials: "same-origin",
      headers: { Accept: "application/json" },
      body: new FormData(form),
    });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(answer.error || "That did not work: try again.");
    return answer;
  }

  submit(event) {
    const form = event.target.closest("[data-practice-answer]");
    if (!form) return; // "I'm done" posts as a page
    event.preventDefault();
    const button = form.querySelector("button");
    button.disabled = true;
    this.post(form)
      .then((answer) => answer.message && this.toast(answer.message))
      .catch((error) => {
        button.disabled = false;
        this.toast(error.message);
      });
  }

  logNudge(practice, nudge) {
    if (this.sending.has(nudge.name)) return;
    this.sending.add(nudge.name);
    const form = new FormData();
    form.append("name", nudge.name);
    form.append(
      "csrfmiddlewaretoken",
      this.panel.querySelector("[name=csrfmiddlewaretoken]").value,
    );
    fetch(practice.urls.nudge, {
      method: "POST",
      credentials: "same-origin",
      headers: { Accept: "application/json" },
      body: form,
    }).finally(() => this.sending.delete(nudge.name));
  }

  /** Called on every tick and every new state. */
  render(round) {
    const practice = round?.practice;
    if (!this.panel || !practice) return;
    const now = this.serverNow();
    for (const nudge of nudgesDue(practice, round.clock, now)) {
      if (!this.shownHere.has(nudge.name)) this.shownHere.set(nudge.name, nudge.text);
      this.logNudge(practice, nudge);
    }
    // Shown earlier (this page or another): kept in the list, in the plan's order.
    for (const nudge of practice.nudges) {
      if (nudge.shown && !this.shownHere.has(nudge.name)) {
        this.shownHere.set(nudge.name, nudge.text);
      }
    }
    const list = this.panel.querySelector("[data-practice-nudges]");
    if (list.children.length !== this.shownHere.size) {
      list.replaceChildren(
        ...[...this.shownHere].map(([name, text]) =>
          element("li", { class: "nudge", "data-testid": `nudge-${name}`, text }),
        ),
      );
    }
    const given = round.questions[0]?.hints_given.length ?? 0;
    const open = answersOpen(practice, round.clock, now, given);
    for (const form of this.panel.querySelectorAll("[data-practice-answer]")) {
      const button = form.querySelector("button");
      const may = open[form.dataset.practiceAnswer];
      if (button.disabled === may) button.disabled = !may;
    }
    const outline = this.panel.querySelector("[data-practice-outline]");
    if (practice.outline_html && outline.hidden) {
      outline.innerHTML = practice.outline_html; // sanitised by the server
      outline.hidden = false;
    }
  }
}
