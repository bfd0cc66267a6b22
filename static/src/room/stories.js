// The stories of a round with a behavioral part: the candidate picks from their
// story bank what to tell and marks it told; the interviewer reads a title until
// then, and the whole story after (the server sends each only what they may read).
// Each action goes to the career API; the room reads its state again once the
// server announces the change, so both people see it.

import { element } from "./view.js";

const PARTS = [
  ["situation", "Situation"],
  ["task", "Task"],
  ["action", "Action"],
  ["result", "Result"],
  ["reflection", "Reflection"],
];

export class StoriesPanel {
  constructor(root, { toast }) {
    this.panel = root.querySelector("[data-stories]");
    this.body = root.querySelector("[data-stories-body]");
    this.toast = toast;
  }

  csrf() {
    return this.panel.querySelector("[name=csrfmiddlewaretoken]").value;
  }

  async call(method, url, body) {
    const response = await fetch(url, {
      method,
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": this.csrf() },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) {
      const answer = await response.json().catch(() => ({}));
      const first = Object.values(answer)[0];
      this.toast((Array.isArray(first) ? first[0] : first) || "That did not work: try again.");
    }
  }

  picker(stories, ended) {
    if (stories.role !== "candidate" || ended) return null;
    if (!stories.mine.length) {
      return element("p", {
        class: "muted",
        text: stories.picked.length
          ? "Every story of yours is picked."
          : "No story in your bank yet: write one under Career, Stories.",
      });
    }
    const select = element(
      "select",
      { "aria-label": "A story to tell", "data-testid": "story-choice" },
      ...stories.mine.map((story) => element("option", { value: story.id, text: story.title })),
    );
    return element(
      "p",
      { class: "inline-form" },
      select,
      " ",
      element("button", {
        type: "button",
        "data-testid": "story-pick",
        text: "Pick to tell",
        onclick: () => this.call("POST", stories.url, { story_id: Number(select.value) }),
      }),
    );
  }

  item(stories, story, ended) {
    const url = `${stories.url}${story.story_id}/`;
    const actions = [];
    if (!story.told_at && !ended) {
      actions.push(
        element("button", {
          type: "button",
          "data-testid": `story-told-${story.story_id}`,
          text: "Mark told",
          onclick: () => this.call("POST", `${url}told/`),
        }),
      );
      if (stories.role === "candidate") {
        actions.push(
          " ",
          element("button", {
            type: "button",
            text: "Take back",
            onclick: () => this.call("DELETE", url),
          }),
        );
      }
    }
    return element(
      "li",
      { "data-testid": `story-${story.story_id}` },
      element("strong", { text: story.title }),
      " ",
      element("span", {
        class: "muted",
        text: story.told_at ? "told" : "picked, not told yet",
      }),
      story.full
        ? element(
            "dl",
            { class: "story-parts" },
            ...PARTS.filter(([name]) => story[name]).flatMap(([name, label]) => [
              element("dt", { text: label }),
              element("dd", { text: story[name] }),
            ]),
          )
        : element("p", { class: "muted", text: "You read it once it is told." }),
      actions.length ? element("p", {}, ...actions) : null,
    );
  }

  render(round) {
    if (!this.panel) return;
    const stories = round?.stories;
    this.panel.hidden = !stories;
    if (!stories) return;
    const ended = Boolean(round.clock.ended_at);
    this.body.replaceChildren(
      ...[
        this.picker(stories, ended),
        stories.picked.length
          ? element(
              "ul",
              { class: "stories-picked" },
              ...stories.picked.map((story) => this.item(stories, story, ended)),
            )
          : element("p", { class: "muted", text: "No story picked yet." }),
      ].filter(Boolean),
    );
  }
}
