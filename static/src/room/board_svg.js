// A whiteboard drawn as an SVG picture, in the browser, from its elements: the
// scorecard's and self-assessment's pages show the board as the round ended, the
// replay at each moment. Excalidraw's exporter loads lazily, with its fonts from
// our static files. The SVG goes in as an <img> (a data: URL): its embedded fonts
// and styles live inside the picture, so the page's CSP needs no inline <style>.

let exporter = null;

function loadExporter(assets) {
  if (!exporter) {
    // Before Excalidraw's code runs: where its fonts are (see board_tab.js).
    window.EXCALIDRAW_ASSET_PATH = new URL(assets, window.location.href).href;
    exporter = import("@excalidraw/excalidraw").then((module) => module.exportToSvg);
  }
  return exporter;
}

/** Draws `elements` into `container` (its data-board-assets names the fonts). */
export async function drawBoard(container, elements, { label = "The whiteboard" } = {}) {
  const live = elements.filter((element) => !element.isDeleted);
  container.dataset.elements = String(live.length);
  if (!live.length) {
    const empty = document.createElement("p");
    empty.className = "muted";
    empty.textContent = "Nothing on the whiteboard.";
    container.replaceChildren(empty);
    return;
  }
  const exportToSvg = await loadExporter(container.dataset.boardAssets);
  const svg = await exportToSvg({
    elements: live,
    appState: { exportBackground: true, viewBackgroundColor: "#ffffff" },
    files: null,
    exportPadding: 16,
  });
  const picture = document.createElement("img");
  picture.alt = `${label}: ${live.length} element${live.length === 1 ? "" : "s"}${texts(live)}`;
  picture.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg.outerHTML)}`;
  picture.dataset.testid = "board-picture";
  container.dataset.texts = live
    .filter((e) => e.type === "text")
    .map((e) => e.text)
    .join("\n");
  container.replaceChildren(picture);
}

function texts(elements) {
  const words = elements.filter((e) => e.type === "text").map((e) => e.text);
  return words.length ? `, reading ${words.join(", ")}` : "";
}
