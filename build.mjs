// Bundles static/src into static/dist (served by Django; never committed).
import * as esbuild from "esbuild";

await esbuild.build({
  entryPoints: [
    "static/src/main.js",
    "static/src/main.css",
    "static/src/progress.js",
    "static/src/progress.css",
    "static/src/import-progress.js",
    "static/src/calendar_feed.js",
    "static/src/sessions.js",
    "static/src/sessions.css",
  ],
  bundle: true,
  minify: true,
  sourcemap: true,
  format: "esm",
  splitting: true,
  target: ["es2022"],
  outdir: "static/dist",
  logLevel: "info",
});
