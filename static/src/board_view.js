// The whiteboard as the round ended, on the scorecard and self-assessment page:
// its elements are in the page (from the stored document), drawn as an SVG here.
import { drawBoard } from "./room/board_svg.js";

const container = document.querySelector("[data-board-svg]");
if (container) {
  const elements = JSON.parse(document.getElementById("board-elements").textContent);
  drawBoard(container, elements, { label: "The whiteboard as the round ended" }).catch(() => {
    container.textContent = "The whiteboard could not be drawn: reload the page.";
  });
}
