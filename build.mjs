// Bundles static/src into static/dist (served by Django; never committed).
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import * as esbuild from "esbuild";

const result = await esbuild.build({
  // Each output's name, from its source: the room's modules live in static/src/room/.
  entryPoints: [
    ["main", "static/src/main.js"],
    ["main", "static/src/main.css"],
    ["progress", "static/src/progress.js"],
    ["progress", "static/src/progress.css"],
    ["import-progress", "static/src/import-progress.js"],
    // The admin's import report has tables too, without the site's stylesheet.
    ["tables", "static/src/tables.css"],
    ["calendar_feed", "static/src/calendar_feed.js"],
    ["sessions", "static/src/sessions.js"],
    ["sessions", "static/src/sessions.css"],
    ["room", "static/src/room/main.js"],
    ["room", "static/src/room/room.css"],
    ["feedback_progress", "static/src/feedback_progress.js"],
    ["feedback", "static/src/feedback.css"],
    ["feedback_form", "static/src/feedback_form.js"],
    ["feedback_form", "static/src/feedback_form.css"],
    ["replay", "static/src/room/replay.js"],
    ["replay", "static/src/room/replay.css"],
    // Run's workers, started by static/src/room/run.js by their names.
    ["run_python_worker", "static/src/room/run_python_worker.js"],
    ["run_js_worker", "static/src/room/run_js_worker.js"],
  ].map(([out, source]) => ({ in: source, out })),

  bundle: true,
  minify: true,
  sourcemap: true,
  format: "esm",
  splitting: true,
  target: ["es2022"],
  outdir: "static/dist",
  logLevel: "info",
  // What each bundle imports: bench/room_latency.py sums the room's first load.
  metafile: true,
});
writeFileSync("static/dist/meta.json", JSON.stringify(result.metafile));
// Pyodide as npm ships it, for Run's Python worker: served by us, never by a CDN.
// NumPy's wheel is not in the npm package (README, "Run").
mkdirSync("static/dist/pyodide", { recursive: true });
for (const name of [
  "pyodide.mjs",
  "pyodide.asm.js",
  "pyodide.asm.wasm",
  "python_stdlib.zip",
  "pyodide-lock.json",
]) {
  cpSync(`node_modules/pyodide/${name}`, `static/dist/pyodide/${name}`);
}
