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

const SERIES = 8;
const charts = [];

function cssVar(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

function theme() {
  return {
    text: cssVar("--text"),
    muted: cssVar("--muted"),
    grid: cssVar("--border"),
    accent: cssVar("--accent"),
    weak: cssVar("--danger"),
    mine: cssVar("--chart-self") || cssVar("--warning"),
    series: Array.from({ length: SERIES }, (_, i) => cssVar(`--chart-${i + 1}`)),
    font: getComputedStyle(document.body).fontFamily,
  };
}

function dayLabel(iso) {
  const [year, month, day] = iso.split("-").map(Number);
  return new Date(year, month - 1, day).toLocaleDateString(undefined, {
    day: "numeric",
    month: "short",
  });
}

function scoreAxis(colours, axis = "y") {
  return {
    [axis]: {
      min: 0,
      max: 4,
      ticks: { stepSize: 1, color: colours.muted },
      grid: { color: colours.grid },
      title: { display: true, text: "Score (1-4)", color: colours.muted },
    },
  };
}

function baseOptions(colours) {
  return {
    responsive: true,
    maintainAspectRatio: false,
    // Drawn at once: no motion to wait for, or to bother those who opt out of it.
    animation: false,
    plugins: {
      legend: { labels: { color: colours.text, boxWidth: 12 } },
      tooltip: { enabled: true },
    },
  };
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
    const colour = colours.series[index % SERIES];
    return {
      label: competency.title,
      data: order.map(([roundId]) => byRound.get(roundId) ?? null),
      borderColor: colour,
      backgroundColor: colour,
      borderWidth: 2,
      pointRadius: 4,
      spanGaps: true,
      clip: 6,
    };
  });
  return new Chart(canvas, {
    type: "line",
    data: { labels: order.map(([, day]) => dayLabel(day)), datasets },
    options: {
      ...baseOptions(colours),
      scales: {
        x: { ticks: { color: colours.muted }, grid: { color: colours.grid } },
        ...scoreAxis(colours),
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
        ...scoreAxis(colours, "x"),
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
        ...scoreAxis(colours, "x"),
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
  const colours = theme();
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

draw();
// A theme switch mid-visit redraws in the new colours.
window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", draw);
