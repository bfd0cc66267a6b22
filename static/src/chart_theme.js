// What the site's charts share: colours read from the theme's CSS variables, so a
// chart follows light and dark and is drawn again when the scheme changes; the
// 1-4 rating axis; and how a line over rounds is drawn.

export const SERIES = 8;

export function cssVar(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

export function chartTheme() {
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

export function baseOptions(colours) {
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

/** The 1-4 scale of scores and ratings, on the `axis` named. */
export function ratingAxis(colours, title, axis = "y") {
  return {
    [axis]: {
      min: 0,
      max: 4,
      ticks: { stepSize: 1, color: colours.muted },
      grid: { color: colours.grid },
      title: { display: true, text: title, color: colours.muted },
    },
  };
}

/** A line over rounds; a round without a value leaves a gap the line spans. */
export function roundLine(label, data, colour) {
  return {
    label,
    data,
    borderColor: colour,
    backgroundColor: colour,
    borderWidth: 2,
    pointRadius: 4,
    spanGaps: true,
    clip: 6,
  };
}

/** Draws now, and again in the new colours when the scheme changes mid-visit. */
export function drawFollowingTheScheme(draw) {
  draw();
  window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", draw);
}
