// The progress page's charts: scores over time per round kind, the current profile
// and calibration. Colours come from CSS variables, so they follow the theme; the
// same numbers are in the page's table for those who would rather read.
import {
  BarController,
  BarElement,
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
  BarController,
  BarElement,
  CategoryScale,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
);

const charts = [];

function dayLabel(iso) {
  const [year, month, day] = iso.split("-").map(Number);
  return new Date(year, month - 1, day).toLocaleDateString(undefined, {
    day: "numeric",
    month: "short",
  });
}

function trendChart(canvas, data, colours) {
  const members = data.competencies.filter((each) => each.kind === canvas.dataset.kind);
  const rounds = new Map();
  for (const competency of members) {
    for (const point of competency.scores) rounds.set(point.round_id, point.date);
  }
  const order = [...rounds.entries()].sort((a, b) => a[1].localeCompare(b[1]) || a[0] - b[0]);
  const datasets = members.map((competency, index) => {
    const byRound = new Map(competency.scores.map((point) => [point.round_id, point.score]));
    return roundLine(
      competency.title,
      order.map(([roundId]) => byRound.get(roundId) ?? null),
      colours.series[index % SERIES],
    );
  });
  return new Chart(canvas, {
    type: "line",
    data: { labels: order.map(([, day]) => dayLabel(day)), datasets },
    options: {
      ...baseOptions(colours),
      scales: {
        x: { ticks: { color: colours.muted }, grid: { color: colours.grid } },
        ...ratingAxis(colours, "Score (1-4)"),
      },
    },
  });
}

// Two lines, so long titles are not cut: the competency, then its round kind.
function label(competency) {
  return [competency.title, competency.kind_label];
}

// Room for two lines of label per bar, however many competencies there are.
function fitHeight(canvas, bars) {
  canvas.parentElement.style.height = `${Math.max(16, bars * 2.6)}rem`;
}

function profileChart(canvas, data, colours) {
  const weakest = new Set(data.weakest.map((each) => each.id));
  const members = data.competencies;
  fitHeight(canvas, members.length);
  return new Chart(canvas, {
    type: "bar",
    data: {
      labels: members.map(label),
      datasets: [
        {
          label: "Now (mean of the last three)",
          data: members.map((each) => each.current),
          backgroundColor: members.map((each) =>
            weakest.has(each.id) ? colours.weak : colours.accent,
          ),
          borderRadius: 4,
        },
      ],
    },
    options: {
      ...baseOptions(colours),
      indexAxis: "y",
      plugins: { ...baseOptions(colours).plugins, legend: { display: false } },
      scales: {
        ...ratingAxis(colours, "Score (1-4)", "x"),
        y: { ticks: { color: colours.text }, grid: { display: false } },
      },
    },
  });
}

function calibrationChart(canvas, data, colours) {
  const members = data.competencies.filter((each) => each.calibration);
  if (!members.length) {
    const note = document.createElement("p");
    note.className = "muted";
    note.textContent = "Rate yourself in your self-assessments to see how your view compares.";
    canvas.parentElement.replaceWith(note);
    return null;
  }
  fitHeight(canvas, members.length);
  return new Chart(canvas, {
    type: "bar",
    data: {
      labels: members.map(label),
      datasets: [
        {
          label: "You",
          data: members.map((each) => each.calibration.self),
          backgroundColor: colours.mine,
          borderRadius: 4,
        },
        {
          label: "Your interviewers",
          data: members.map((each) => each.calibration.interviewer),
          backgroundColor: colours.accent,
          borderRadius: 4,
        },
      ],
    },
    options: {
      ...baseOptions(colours),
      indexAxis: "y",
      scales: {
        ...ratingAxis(colours, "Score (1-4)", "x"),
        y: { ticks: { color: colours.text }, grid: { display: false } },
      },
    },
  });
}

const BUILDERS = { trend: trendChart, profile: profileChart, calibration: calibrationChart };

function draw() {
  const source = document.getElementById("progress-data");
  if (!source) return;
  const data = JSON.parse(source.textContent);
  while (charts.length) charts.pop().destroy();
  const colours = chartTheme();
  Chart.defaults.color = colours.muted;
  Chart.defaults.borderColor = colours.grid;
  Chart.defaults.font.family = colours.font;
  for (const canvas of document.querySelectorAll("canvas[data-chart]")) {
    const chart = BUILDERS[canvas.dataset.chart]?.(canvas, data, colours);
    if (chart) {
      charts.push(chart);
      canvas.dataset.drawn = "true";
    }
  }
}

drawFollowingTheScheme(draw);
