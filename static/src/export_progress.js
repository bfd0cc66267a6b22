// The profile's "Your data": the archive's progress, then its link (or why not).
import { pollProgress } from "./poll_progress.js";

const root = document.querySelector("[data-export-status-url]");
if (root) {
  pollProgress(root, {
    url: root.dataset.exportStatusUrl,
    message: root.querySelector("[data-export-message]"),
    counts: (status) => [status.done, status.total],
  });
}
