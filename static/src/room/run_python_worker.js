// Runs Python on Pyodide, served from our static files (static/dist/pyodide/, copied
// there by build.mjs): nothing is fetched from elsewhere. The page loads this
// worker on the first Run and keeps it between runs, so Pyodide loads once; a run
// past its time is stopped by the page terminating the worker.
import { examplesHarness, OUTPUT_LIMIT } from "./run_limits.js";

const BASE = new URL("./pyodide/", import.meta.url).href;
// Packages beyond the standard library that this build ships (README, "Run").
const SHIPPED = "";
let pyodide = null;

function post(message) {
  self.postMessage(message);
}

async function load() {
  post({ type: "status", text: "Loading Python (the first run only)…" });
  // A variable, not a literal: esbuild leaves it to the browser, so Pyodide stays
  // the separate files it ships as.
  const module = `${BASE}pyodide.mjs`;
  const { loadPyodide } = await import(module);
  return loadPyodide({ indexURL: BASE, packageBaseUrl: BASE });
}

/** Packages the code imports that Pyodide knows (NumPy), from our static files;
 * one this server does not ship fails at the import, said plainly below. */
async function loadImports(code) {
  try {
    await pyodide.loadPackagesFromImports(code, {
      messageCallback: () => {},
      errorCallback: () => {},
    });
  } catch {
    // The import itself then raises ModuleNotFoundError.
  }
}

/** Python's traceback, without Pyodide's frames above the code's, and without its
 * advice to install from the internet, which a room cannot do. */
function traceback(error) {
  let message = String(error.message || error);
  const start = message.indexOf('  File "<exec>"');
  if (start >= 0) message = `Traceback (most recent call last):\n${message.slice(start)}`;
  const advice = message.indexOf("\nThe module '");
  if (advice >= 0) {
    message = `${message.slice(0, advice)}\nThis server does not ship that package: only the Python standard library${SHIPPED}.\n`;
  }
  return message;
}

self.onmessage = async ({ data }) => {
  let printed = 0;
  const write = (text) => {
    if (printed < OUTPUT_LIMIT) {
      post({ type: "out", text: text.slice(0, OUTPUT_LIMIT - printed) });
    }
    printed += text.length;
  };
  try {
    pyodide ??= await load();
  } catch (error) {
    post({ type: "done", exit: "error", printed, loadFailed: String(error) });
    return;
  }
  pyodide.setStdout({ batched: (line) => write(`${line}\n`) });
  pyodide.setStderr({ batched: (line) => write(`${line}\n`) });
  post({ type: "started" });
  await loadImports(data.code);
  const namespace = pyodide.globals.get("dict")();
  let exit = "ok";
  let passed = "";
  try {
    await pyodide.runPythonAsync(data.code, { globals: namespace });
    if (data.examples) {
      namespace.set("_examples_json", JSON.stringify(data.examples));
      passed = await pyodide.runPythonAsync(examplesHarness, { globals: namespace });
      exit =
        passed.includes("F") || passed.length < data.examples.cases.length ? "failed" : "passed";
    }
  } catch (error) {
    write(traceback(error));
    exit = "error";
  } finally {
    namespace.destroy();
  }
  post({ type: "done", exit, printed, passed });
};
