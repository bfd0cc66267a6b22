// Bundles static/src into static/dist (served by Django; never committed).
import { writeFileSync } from "node:fs";
import * as esbuild from "esbuild";

const result = await esbuild.build({
  entryPoints: [
    "static/src/main.js",
    "static/src/main.css",
    "static/src/progress.js",
    "static/src/progress.css",
    "static/src/import-progress.js",
    "static/src/calendar_feed.js",
    "static/src/sessions.js",
    "static/src/sessions.css",
    "static/src/room.js",
    "static/src/room.css",
    "static/src/feedback_progress.js",
    "static/src/feedback.css",
    "static/src/feedback_form.js",
    "static/src/replay.js",
    "static/src/replay.css",
    "static/src/feedback_form.css",
  ],
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
