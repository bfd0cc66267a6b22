// Run (opt-in): in a runnable part, the pad's Python or JavaScript runs in a Web
// Worker on this page, never on the server; the report goes to the room, which
// shows both people the same run. This chunk loads only in rooms that may run code,
// and Pyodide only on the first Python run.
import { OUTPUT_LIMIT, RUN_SECONDS, runMessage } from "./run_limits.js";
import { element } from "./view.js";

const LANGUAGES = { python: "Python", javascript: "JavaScript" };
// Loading Pyodide (about 12 MB, cached by the browser after the first time) is not
// part of a run's 10 s; it gets a minute of its own on a slow connection.
const LOAD_SECONDS = 60;

function sizeOf(characters) {
  return characters >= 1024 * 1024
    ? `${(characters / (1024 * 1024)).toFixed(1)} MB`
    : `${Math.ceil(characters / 1024)} KiB`;
}

/** One worker per language; Python's is kept between runs (Pyodide loads once). */
class Runner {
  constructor() {
    this.python = null;
  }

  worker(language) {
    if (language === "python") {
      this.python ??= new Worker(new URL("./run_python_worker.js", import.meta.url), {
        type: "module",
      });
      return this.python;
    }
    return new Worker(new URL("./run_js_worker.js", import.meta.url), { type: "module" });
  }

  stop(language, worker) {
    worker.terminate();
    if (language === "python") this.python = null;
  }

  /** Runs `code`; resolves with what the room command reports. */
  run({ language, code, examples, onStatus }) {
    const worker = this.worker(language);
    const began = performance.now();
    let output = "";
    let startedAt = null;
    return new Promise((resolve) => {
      const finish = (exit, extra = "", passed = "", printed = output.length) => {
        clearTimeout(timer);
        worker.onmessage = null;
        if (language !== "python" || exit === "timeout") this.stop(language, worker);
        const truncated = printed > OUTPUT_LIMIT;
        let text = output;
        if (truncated) {
          text = `${output.slice(0, OUTPUT_LIMIT - 200)}\n… Output cut at 64 KiB: the program printed ${sizeOf(printed)}.\n`;
        }
        resolve({
          language,
          exit,
          output: text + extra,
          truncated,
          passed,
          duration_ms: Math.round(performance.now() - (startedAt ?? began)),
        });
      };
      const timeOut = (seconds, message) => {
        clearTimeout(timer);
        timer = setTimeout(() => finish("timeout", message), seconds * 1000);
      };
      let timer = null;
      timeOut(LOAD_SECONDS, `\nPython did not load within ${LOAD_SECONDS} s: stopped.\n`);
      worker.onmessage = ({ data }) => {
        if (data.type === "status") onStatus(data.text);
        else if (data.type === "started") {
          startedAt = performance.now();
          onStatus("Running…");
          timeOut(
            RUN_SECONDS,
            `\nStopped after ${RUN_SECONDS} s: the run took too long (an endless loop?). The page stays usable.\n`,
          );
        } else if (data.type === "out") {
          if (output.length < OUTPUT_LIMIT) output += data.text;
        } else if (data.type === "done") {
          const extra = data.loadFailed ? `Python could not load: ${data.loadFailed}\n` : "";
          finish(data.exit, extra, data.passed || "", data.printed);
        }
      };
      worker.onerror = (event) => {
        event.preventDefault();
        finish("error", `${event.message || "The runner failed to start."}\n`);
      };
      worker.postMessage({ code, examples });
    });
  }
}

export class RunPanel {
  constructor(root, { send, padText }) {
    this.root = root;
    this.send = send;
    this.padText = padText;
    this.runner = new Runner();
    this.running = false;
    this.panel = this.build();
    root.querySelector("[data-pad-panel], .room-pad").after(this.panel);
  }

  build() {
    return element(
      "section",
      {
        class: "card room-run",
        "aria-labelledby": "run-heading",
        "data-run-panel": true,
        "data-testid": "run-panel",
        hidden: true,
      },
      element(
        "div",
        { class: "pad-head" },
        element("h2", { id: "run-heading", text: "Run" }),
        element("span", { class: "run-buttons", "data-run-buttons": true }),
        element("span", {
          class: "pad-status",
          "data-run-status": true,
          role: "status",
          "aria-live": "polite",
        }),
      ),
      element("p", { class: "help", "data-run-meta": true, "data-testid": "run-meta" }),
      element("ol", {
        class: "run-examples",
        "data-run-examples": true,
        "aria-label": "Examples",
        "data-testid": "run-examples",
      }),
      element("pre", {
        class: "run-output",
        "data-run-output": true,
        tabindex: "0",
        "aria-label": "Output",
        "data-testid": "run-output",
      }),
      element("p", {
        class: "help",
        "data-run-limits": true,
        text: `Code runs in your browser for at most ${RUN_SECONDS} s and shows at most 64 KiB of output; both of you see each run.`,
      }),
    );
  }

  $(selector) {
    return this.panel.querySelector(selector);
  }

  status(text) {
    this.$("[data-run-status]").textContent = text;
  }

  render(state) {
    const round = state.round;
    const runs = round.runs;
    const language = round.pad?.language;
    this.panel.hidden = !runs.runnable && !runs.last;
    if (state.session.solo) {
      this.$("[data-run-limits]").textContent =
        `Code runs in your browser for at most ${RUN_SECONDS} s and shows at most 64 KiB of output; the replay keeps each run.`;
    }
    // The pad says nothing is run, as in a company's round; not in this part.
    const note = this.root.querySelector(".room-pad > p.help");
    if (note && runs.runnable) {
      note.textContent = "In this part the pad's Python or JavaScript may be run: see Run.";
      this.root.querySelector("select[data-language]")?.setAttribute("aria-label", "Language");
    }
    const buttons = this.$("[data-run-buttons]");
    buttons.replaceChildren();
    const usable = runs.runnable && !round.clock.ended_at && state.session.usable;
    if (usable && LANGUAGES[language]) {
      buttons.append(this.button(`Run ${LANGUAGES[language]}`, round, null, "run-button"));
      for (const question of round.questions) {
        if (question.revealed && question.examples) {
          buttons.append(
            this.button(`Run examples: ${question.title}`, round, question, "run-examples-button"),
            element("span", {
              class: "help",
              text: `(define ${question.examples.signature || question.examples.function})`,
            }),
          );
        }
      }
    } else if (usable) {
      buttons.append(
        element("span", {
          class: "help",
          text: "Choose Python or JavaScript for the pad to run it.",
        }),
      );
    }
    if (!this.running) this.show(runs.last, round);
  }

  button(text, round, question, testid) {
    return element("button", {
      type: "button",
      text,
      "data-testid": testid,
      disabled: this.running,
      onclick: () => this.run(round, question),
    });
  }

  /** The room's latest run, the same on both pages. */
  show(last, round) {
    const examples = this.$("[data-run-examples]");
    examples.replaceChildren();
    if (!last) {
      this.$("[data-run-meta]").textContent = "No run yet.";
      this.$("[data-run-output]").textContent = "";
      return;
    }
    const seconds = (last.duration_ms / 1000).toFixed(1);
    const when = last.at ? ` at ${last.at}` : "";
    this.$("[data-run-meta]").textContent =
      `${last.who} ran ${LANGUAGES[last.language]}${when}: ${last.exit_label} (${seconds} s)`;
    this.panel.dataset.exit = last.exit;
    const question = round.questions.find((each) => each.id === last.question);
    for (const [index, passed] of last.passed.entries()) {
      const args = question?.examples?.cases[index]?.args;
      examples.append(
        element("li", {
          class: passed ? "passed" : "failed",
          text: `Example ${index + 1}${args ? ` ${JSON.stringify(args).slice(1, -1)}` : ""}: ${passed ? "passed" : "failed"}`,
        }),
      );
    }
    this.$("[data-run-output]").textContent = last.output;
  }

  async run(round, question) {
    if (this.running) return;
    this.running = true;
    for (const button of this.panel.querySelectorAll("button")) button.disabled = true;
    this.$("[data-run-output]").textContent = "";
    this.$("[data-run-examples]").replaceChildren();
    this.status("Starting…");
    const language = round.pad.language;
    const result = await this.runner.run({
      language,
      code: this.padText(),
      examples: question
        ? { function: question.examples.function, cases: question.examples.cases }
        : null,
      onStatus: (text) => this.status(text),
    });
    this.running = false;
    this.status("");
    for (const button of this.panel.querySelectorAll("button")) button.disabled = false;
    // Shown here at once; the room's copy, the same for both, replaces it.
    this.$("[data-run-output]").textContent = result.output;
    const sent = this.send(
      runMessage({
        round: round.id,
        ...result,
        question: question ? question.id : null,
        passed: question ? result.passed : null,
      }),
    );
    if (!sent) this.status("Not connected: this run is shown here only.");
  }
}
