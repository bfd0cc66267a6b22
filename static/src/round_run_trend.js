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

Chart.register(
  CategoryScale,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
);

const SERIES = 8;
let chart = null;

function cssVar(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

function draw() {
  const source = document.getElementById("round-run-data");
  const canvas = document.querySelector("canvas[data-chart='round-run']");
  if (!source || !canvas) return;
  const data = JSON.parse(source.textContent);
  const muted = cssVar("--muted");
  const grid = cssVar("--border");
  chart?.destroy();
  chart = new Chart(canvas, {
    type: "line",
    data: {
      labels: data.labels,
      datasets: data.series.map((series, index) => {
        const colour = cssVar(`--chart-${(index % SERIES) + 1}`);
        return {
          label: series.label,
          data: series.data,
          borderColor: colour,
          backgroundColor: colour,
          borderWidth: 2,
          pointRadius: 4,
          spanGaps: true,
          clip: 6,
        };
      }),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      // Drawn at once: no motion to wait for, or to bother those who opt out of it.
      animation: false,
      plugins: { legend: { labels: { color: cssVar("--text"), boxWidth: 12 } } },
      scales: {
        x: { ticks: { color: muted }, grid: { color: grid } },
        y: {
          min: 0,
          max: 4,
          ticks: { stepSize: 1, color: muted },
          grid: { color: grid },
          title: { display: true, text: "Rating (1-4)", color: muted },
        },
      },
    },
  });
  canvas.dataset.drawn = "true";
}

draw();
// A theme switch mid-visit redraws in the new colours.
window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", draw);
