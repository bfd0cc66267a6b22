// The progress panel: keyboard shortcuts for the four review ratings, and "Undo" for
// ten seconds after a log (key z).

function ratingShortcuts() {
  // Keys 1–4 press Again, Hard, Good or Easy, unless the person is typing in a field.
  const form = document.querySelector("form[data-rating-shortcuts]");
  if (!form) return;
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
    if (!/^[1-4]$/.test(event.key)) return;
    if (event.target.closest("input, textarea, select, [contenteditable]")) return;
    const button = form.querySelector(`button[name="rating"][value="${event.key}"]`);
    if (!button) return;
    event.preventDefault();
    button.focus();
    form.requestSubmit(button);
  });
}

ratingShortcuts();

// Matches questions.services.progress.UNDO_SHOWN; the server refuses later undos.
const UNDO_SHOWN_MS = 10_000;

function undoToast() {
  const toast = document.querySelector("form[data-undo-toast]");
  if (!toast) return;
  const hide = () => {
    toast.hidden = true;
    document.removeEventListener("keydown", onKey);
  };
  function onKey(event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
    if (event.key !== "z" && event.key !== "Z") return;
    if (event.target.closest("input, textarea, select, [contenteditable]")) return;
    event.preventDefault();
    toast.requestSubmit();
  }
  document.addEventListener("keydown", onKey);
  setTimeout(hide, UNDO_SHOWN_MS);
}

undoToast();
