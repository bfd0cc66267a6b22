// Long work on the server (an import, an archive) shown as it goes: poll its JSON
// status, move the progress bar, and reload once it has finished so the server
// shows the outcome (a report, a link, or why it failed).

const POLL_MS = 1000;

/** Poll `url` every second; `counts(status)` gives [done, total] for the bar. */
export function pollProgress(root, { url, message, counts }) {
  const bar = root.querySelector("progress");
  async function poll() {
    try {
      const response = await fetch(url, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      if (response.ok) {
        const status = await response.json();
        const [done, total] = counts(status);
        if (total > 0) {
          bar.max = total;
          bar.value = done;
        }
        message.textContent = status.message;
        if (status.finished) {
          window.location.reload();
          return;
        }
      }
    } catch {
      // A dropped request is retried on the next tick; the work goes on regardless.
    }
    window.setTimeout(poll, POLL_MS);
  }
  poll();
}
