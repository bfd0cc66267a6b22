// The profile's "Your data": polls the archive's status and moves the progress bar;
// once it is ready (or failed), reloads so the server shows the link (or why).

const POLL_MS = 1000;

async function poll(root) {
  const bar = root.querySelector("progress");
  const message = root.querySelector("[data-export-message]");
  try {
    const response = await fetch(root.dataset.exportStatusUrl, {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
    if (response.ok) {
      const status = await response.json();
      if (status.total > 0) {
        bar.max = status.total;
        bar.value = status.done;
      }
      message.textContent = status.message;
      if (status.finished) {
        window.location.reload();
        return;
      }
    }
  } catch {
    // A dropped request is retried on the next tick; the archive goes on regardless.
  }
  window.setTimeout(() => poll(root), POLL_MS);
}

const root = document.querySelector("[data-export-status-url]");
if (root) poll(root);
