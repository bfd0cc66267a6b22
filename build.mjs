// Bundles static/src into static/dist (served by Django; never committed).
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as esbuild from "esbuild";

// Excalidraw's code names other origins in two places where a page would reach
// them; both are rewritten here, and the build fails if either is no longer found
// as it was, so an upgrade cannot bring them back unseen:
// - Fonts: fetched from window.EXCALIDRAW_ASSET_PATH (ours, set by board_tab.js)
//   and, when that fails, from esm.sh: Chromium was seen asking the CDN for every
//   font as the board opened. The fallback becomes our asset path again.
// - Embeds: a tweet or a Reddit post pasted as a link is shown in a frame that
//   loads the site's widget script. The board takes no embeds (board.js refuses
//   every link), and the scripts are cut out of the frame's markup.
// The room reaches no other origin (the page's CSP would refuse them anyway).
const EXCALIDRAW_REWRITES = [
  {
    what: "the CDN fallback for fonts",
    pattern: /`https:\/\/esm\.sh\/\$\{.*?\}\/dist\/prod\/`/,
    by: "window.EXCALIDRAW_ASSET_PATH",
  },
  {
    what: "the Twitter embed's widget script",
    pattern:
      /<script async src="https:\/\/platform\.twitter\.com\/widgets\.js" charset="utf-8"><\\\/script>/,
    by: "",
  },
  {
    what: "the Reddit embed's widget script",
    pattern:
      /<script async="" src="https:\/\/embed\.reddit\.com\/widgets\.js" charset="UTF-8"><\\\/script>/,
    by: "",
  },
];
const rewritesFound = new Set();
const excalidrawWithoutCdn = {
  name: "excalidraw-without-cdn",
  setup(build) {
    build.onLoad({ filter: /@excalidraw[\\/]excalidraw[\\/]dist[\\/]prod[\\/].*\.js$/ }, (args) => {
      let source = readFileSync(args.path, "utf8");
      let changed = false;
      for (const rewrite of EXCALIDRAW_REWRITES) {
        if (!rewrite.pattern.test(source)) continue;
        rewritesFound.add(rewrite.what);
        source = source.replace(rewrite.pattern, rewrite.by);
        changed = true;
      }
      return changed ? { contents: source, loader: "js" } : undefined;
    });
  },
};

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
    ["round_run_trend", "static/src/round_run_trend.js"],
    ["feedback", "static/src/feedback.css"],
    ["feedback_form", "static/src/feedback_form.js"],
    ["feedback_form", "static/src/feedback_form.css"],
    ["replay", "static/src/room/replay.js"],
    ["replay", "static/src/room/replay.css"],
    // Run's workers, started by static/src/room/run.js by their names.
    ["run_python_worker", "static/src/room/run_python_worker.js"],
    ["run_js_worker", "static/src/room/run_js_worker.js"],
    // The whiteboard's styles, Excalidraw's own, loaded with the board (board.js).
    // Named by the package, not @imported from static/src: collectstatic would
    // look for the import beside the source.
    ["board", "@excalidraw/excalidraw/index.css"],
    // The board as the round ended, on the feedback page (an SVG drawn there).
    ["board_view", "static/src/board_view.js"],
    // The habit: the streak card, the progress page's year of practice days (a
    // Chart.js heatmap), the practice settings page.
    ["habit", "static/src/habit.css"],
    ["habit_heatmap", "static/src/habit_heatmap.js"],
    ["practice_settings", "static/src/practice_settings.js"],
    // The profile's archive of everything a person owns: its progress bar.
    ["export_progress", "static/src/export_progress.js"],
  ].map(([out, source]) => ({ in: source, out })),

  bundle: true,
  minify: true,
  sourcemap: true,
  format: "esm",
  splitting: true,
  target: ["es2022"],
  outdir: "static/dist",
  // Excalidraw publishes its production build (JS and CSS) under this condition;
  // "module" is esbuild's default one, kept.
  conditions: ["production", "module"],
  // Excalidraw's interface font, named by its stylesheet.
  loader: { ".woff2": "file" },
  assetNames: "excalidraw-assets/[name]-[hash]",
  plugins: [excalidrawWithoutCdn],
  logLevel: "info",
  // What each bundle imports: bench/room_latency.py sums the room's first load.
  metafile: true,
});
for (const rewrite of EXCALIDRAW_REWRITES) {
  if (!rewritesFound.has(rewrite.what)) {
    throw new Error(`Excalidraw's code no longer holds ${rewrite.what} as it did`);
  }
}
writeFileSync("static/dist/meta.json", JSON.stringify(result.metafile));
// The fonts Excalidraw draws with, which it fetches from window.EXCALIDRAW_ASSET_PATH
// (board.js): served by us, so the board never reaches a CDN.
cpSync(
  "node_modules/@excalidraw/excalidraw/dist/prod/fonts",
  "static/dist/excalidraw-assets/fonts",
  { recursive: true },
);
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
