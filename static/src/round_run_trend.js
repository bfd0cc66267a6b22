// "Feedback I gave": how candidates rated the rounds I ran, one line per criterion
// over the rounds. Colours come from CSS variables, so they follow the theme; the
// same numbers are in the tables beside the chart.
import {
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from "chart.js";
import {
  SERIES,
  baseOptions,
  chartTheme,
  drawFollowingTheScheme,
  ratingAxis,
  roundLine,
} from "./chart_theme.js";

Chart.register(
  CategoryScale,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
);

let chart = null;

function draw() {
  const source = document.getElementById("round-run-data");
  const canvas = document.querySelector("canvas[data-chart='round-run']");
  if (!source || !canvas) return;
  const data = JSON.parse(source.textContent);
  const colours = chartTheme();
  chart?.destroy();
  chart = new Chart(canvas, {
    type: "line",
    data: {
      labels: data.labels,
      datasets: data.series.map((series, index) =>
        roundLine(series.label, series.data, colours.series[index % SERIES]),
      ),
    },
    options: {
      ...baseOptions(colours),
      scales: {
        x: { ticks: { color: colours.muted }, grid: { color: colours.grid } },
        ...ratingAxis(colours, "Rating (1-4)"),
      },
    },
  });
  canvas.dataset.drawn = "true";
}

drawFollowingTheScheme(draw);
