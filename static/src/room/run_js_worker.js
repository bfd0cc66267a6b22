// Runs the pad's JavaScript in a worker of its own, one worker per run: the page
// terminates it when the run is over or past its time, so nothing it left behind
// (timers, globals) outlives the run.
import { OUTPUT_LIMIT, sameAsJson } from "./run_limits.js";

function post(message) {
  self.postMessage(message);
}

function shown(value) {
  if (typeof value === "string") return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

self.onmessage = async ({ data }) => {
  let printed = 0;
  const write = (text) => {
    if (printed < OUTPUT_LIMIT) {
      post({ type: "out", text: text.slice(0, OUTPUT_LIMIT - printed) });
    }
    printed += text.length;
  };
  const print = (...values) => write(`${values.map(shown).join(" ")}\n`);
  const console = { log: print, info: print, warn: print, error: print, debug: print };
  const name = data.examples?.function;
  // The code, as the body of an async function: `await` works at its top level, and
  // the function the examples call is read back by its name.
  const tail = name ? `\nreturn typeof ${name} === "function" ? ${name} : undefined;` : "";
  post({ type: "started" });
  let exit = "ok";
  let passed = "";
  try {
    const AsyncFunction = (async () => {}).constructor;
    const body = new AsyncFunction("console", `${data.code}${tail}`);
    const found = await body(console);
    if (data.examples) {
      if (typeof found !== "function")
        print(`Define a function named ${name} to run the examples.`);
      for (const [index, { args, expected }] of data.examples.cases.entries()) {
        let same = false;
        let got;
        try {
          got = typeof found === "function" ? await found(...structuredClone(args)) : undefined;
          same = typeof found === "function" && sameAsJson(got, expected);
          got = shown(got);
        } catch (error) {
          got = `${error?.name}: ${error?.message}`;
        }
        print(
          same
            ? `Example ${index + 1}: passed (${got})`
            : `Example ${index + 1}: failed: expected ${JSON.stringify(expected)}, got ${got}`,
        );
        passed += same ? "P" : "F";
      }
      exit = passed.includes("F") ? "failed" : "passed";
    }
  } catch (error) {
    write(`${error?.name ?? "Error"}: ${error?.message ?? error}\n`);
    exit = "error";
  }
  post({ type: "done", exit, printed, passed });
};
