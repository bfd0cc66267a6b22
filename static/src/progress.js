// The progress panel: keyboard shortcuts for the four review ratings.

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
