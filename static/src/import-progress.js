// The admin's import page: the run's progress, then its report.
import { pollProgress } from "./poll_progress.js";

const root = document.querySelector("[data-import-status-url]");
if (root) {
  pollProgress(root, {
    url: root.dataset.importStatusUrl,
    message: root.querySelector("[data-import-message]"),
    counts: (status) => [status.processed_rows, status.total_rows],
  });
}
