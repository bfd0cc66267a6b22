// Whiteboards as rounds ended, on the scorecard and self-assessment page and on the
// printable export: each [data-board-svg] names the JSON script holding its
// elements (from the stored document), drawn here as an SVG picture.
import { drawBoard } from "./room/board_svg.js";

for (const container of document.querySelectorAll("[data-board-svg]")) {
  const source = document.getElementById(container.dataset.boardElements || "board-elements");
  const elements = JSON.parse(source.textContent);
  const label = container.dataset.boardLabel || "The whiteboard as the round ended";
  drawBoard(container, elements, { label }).catch(() => {
    container.textContent = "The whiteboard could not be drawn: reload the page.";
  });
}
