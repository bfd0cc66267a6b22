// The progress page's year of practice days: one square a day, Monday at the top,
// drawn with Chart.js (a scatter of square points). The same numbers per month are
// in the table beside it, for those who would rather read or cannot see it.
import { Chart, LinearScale, PointElement, ScatterController, Tooltip } from "chart.js";
import { cssVar, drawFollowingTheScheme } from "./chart_theme.js";

Chart.register(LinearScale, PointElement, ScatterController, Tooltip);

const DAY_MS = 86_400_000;
const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
let chart = null;

// Dates as UTC midnights: whole days apart, whatever the browser's zone.
function dayNumber(iso) {
  const [year, month, day] = iso.split("-").map(Number);
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

function isoOf(number) {
  return new Date(number * DAY_MS).toISOString().slice(0, 10);
}

function withAlpha(colour, alpha) {
  const hex = /^#([0-9a-f]{6})$/i.exec(colour);
  if (!hex) return colour;
  const value = Number.parseInt(hex[1], 16);
  return `rgba(${value >> 16}, ${(value >> 8) & 255}, ${value & 255}, ${alpha})`;
}

function shade(attempts, colours) {
  if (!attempts) return colours.empty;
  return withAlpha(colours.accent, Math.min(0.35 + 0.2 * (attempts - 1), 1));
}

function points(data) {
  const first = dayNumber(data.first);
  const last = dayNumber(data.today);
  const attempts = new Map(data.days.map((each) => [dayNumber(each.date), each.attempts]));
  const all = [];
  for (let day = first; day <= last; day += 1) {
    all.push({
      x: Math.floor((day - first) / 7),
      y: (day - first) % 7,
      date: isoOf(day),
      attempts: attempts.get(day) ?? 0,
    });
  }
  return all;
}

// The week index at which each month begins, for the x axis's labels.
function monthStarts(data) {
  const first = dayNumber(data.first);
  const starts = new Map();
  for (let day = first; day <= dayNumber(data.today); day += 1) {
    const iso = isoOf(day);
    if (iso.endsWith("-01")) starts.set(Math.floor((day - first) / 7), iso);
  }
  return starts;
}

function monthLabel(iso) {
  const [year, month] = iso.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, 1)).toLocaleDateString(undefined, {
    month: "short",
    timeZone: "UTC",
  });
}

function dateLabel(iso) {
  const [year, month, day] = iso.split("-").map(Number);
  return new Date(Date.UTC(year, month - 1, day)).toLocaleDateString(undefined, {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  });
}

function draw() {
  const canvas = document.querySelector("canvas[data-habit-heatmap]");
  const source = document.getElementById("habit-heatmap-data");
  if (!canvas || !source) return;
  const data = JSON.parse(source.textContent);
  const colours = {
    accent: cssVar("--accent"),
    empty: cssVar("--border"),
    muted: cssVar("--muted"),
    font: getComputedStyle(document.body).fontFamily,
  };
  const weeks = Math.floor((dayNumber(data.today) - dayNumber(data.first)) / 7) + 1;
  const starts = monthStarts(data);
  chart?.destroy();
  chart = new Chart(canvas, {
    type: "scatter",
    data: {
      datasets: [
        {
          data: points(data),
          pointStyle: "rect",
          // A square fills most of its cell: side = radius * sqrt(2) for "rect".
          radius: (context) => {
            const area = context.chart.chartArea;
            if (!area) return 3;
            const cell = Math.min(area.width / weeks, area.height / 7);
            return Math.max(1.5, (cell * 0.82) / Math.SQRT2);
          },
          hoverRadius: 0,
          borderWidth: 0,
          backgroundColor: (context) => shade(context.raw?.attempts, colours),
        },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      // Drawn at once: no motion to wait for, or to bother those who opt out of it.
      animation: false,
      font: { family: colours.font },
      layout: { padding: 4 },
      plugins: {
        legend: { display: false },
        tooltip: {
          displayColors: false,
          callbacks: {
            title: (items) => dateLabel(items[0].raw.date),
            label: (item) =>
              item.raw.attempts
                ? `${item.raw.attempts} attempt${item.raw.attempts === 1 ? "" : "s"}`
                : "No practice",
          },
        },
      },
      scales: {
        x: {
          type: "linear",
          min: -0.5,
          max: weeks - 0.5,
          grid: { display: false },
          border: { display: false },
          afterBuildTicks: (axis) => {
            axis.ticks = [...starts.keys()].map((value) => ({ value }));
          },
          ticks: {
            color: colours.muted,
            autoSkip: false,
            maxRotation: 0,
            callback: (value) => (starts.has(value) ? monthLabel(starts.get(value)) : ""),
          },
        },
        y: {
          type: "linear",
          reverse: true,
          min: -0.5,
          max: 6.5,
          grid: { display: false },
          border: { display: false },
          afterBuildTicks: (axis) => {
            axis.ticks = [0, 2, 4].map((value) => ({ value }));
          },
          ticks: { color: colours.muted, callback: (value) => WEEKDAYS[value] ?? "" },
        },
      },
    },
  });
  canvas.dataset.drawn = "true";
}

drawFollowingTheScheme(draw);
