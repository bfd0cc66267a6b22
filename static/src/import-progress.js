// The admin's import page: polls the run's status and moves the progress bar; when
// the import has finished, reloads so the server shows the report.

const POLL_MS = 1000;

async function poll(root) {
  const bar = root.querySelector("progress");
  const message = root.querySelector("[data-import-message]");
  try {
    const response = await fetch(root.dataset.importStatusUrl, {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
    if (response.ok) {
      const status = await response.json();
      if (status.total_rows > 0) {
        bar.max = status.total_rows;
        bar.value = status.processed_rows;
      }
      message.textContent = status.message;
      if (status.finished) {
        window.location.reload();
        return;
      }
    }
  } catch {
    // A dropped request is retried on the next tick; the import goes on regardless.
  }
  window.setTimeout(() => poll(root), POLL_MS);
}

const root = document.querySelector("[data-import-status-url]");
if (root) poll(root);
