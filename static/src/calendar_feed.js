// The calendar feed page: copy the private address with one click or key press.

function enableCopyButtons() {
  const status = document.querySelector("[data-copy-status]");
  for (const button of document.querySelectorAll("button[data-copy-from]")) {
    const field = document.getElementById(button.dataset.copyFrom);
    if (!field || !navigator.clipboard) continue;
    button.hidden = false;
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(field.value);
        if (status) status.textContent = "Copied. Paste it into your calendar app.";
      } catch {
        field.select();
        if (status) status.textContent = "Press Ctrl+C (or ⌘C) to copy the selected address.";
      }
    });
  }
  for (const field of document.querySelectorAll("input[data-select-on-focus]")) {
    field.addEventListener("focus", () => field.select());
  }
}

enableCopyButtons();
