// The practice settings page: a filter over the target companies' checkboxes, for
// banks with many companies. Without it (no script) every company is listed.

function companyFilter() {
  const input = document.querySelector("input[data-filter-for]");
  const list = input && document.getElementById(input.dataset.filterFor);
  if (!list) return;
  const choices = [...list.querySelectorAll("label")];
  input.hidden = false;
  input.addEventListener("input", () => {
    const words = input.value.trim().toLowerCase();
    for (const label of choices) {
      const box = label.querySelector("input");
      // Ticked companies stay in view: the filter never hides what will be saved.
      const shown = !words || box.checked || label.textContent.toLowerCase().includes(words);
      (label.closest("li, div") ?? label).hidden = !shown;
    }
  });
}

companyFilter();
