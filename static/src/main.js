// Behaviour shared by every page. Page scripts are imported lazily by what they find.

function guessTimeZone() {
  // On sign-up, preselect the zone the browser reports; the person can still change it.
  const select = document.querySelector("select[data-guess-from-browser]");
  if (!select) return;
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (zone && [...select.options].some((option) => option.value === zone)) {
    select.value = zone;
  }
}

function focusSearchOnSlash() {
  // "/" jumps to the page's search box, as on GitHub and LeetCode.
  document.addEventListener("keydown", (event) => {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target.closest("input, textarea, select, [contenteditable]")) return;
    const search = document.querySelector("[data-search]");
    if (search) {
      event.preventDefault();
      search.focus();
    }
  });
}

guessTimeZone();
focusSearchOnSlash();

function autoSubmitFilters() {
  // Filter forms apply on change, so a choice shows its result at once; the submit
  // button stays for keyboard users and pages without scripts.
  for (const form of document.querySelectorAll("form[data-autosubmit]")) {
    form.addEventListener("change", (event) => {
      if (event.target.matches("input[type=search]")) return;
      form.requestSubmit();
    });
    form.addEventListener("submit", () => {
      // Keep shared links short: drop empty parameters.
      for (const field of form.elements) {
        if (field.name && field.value === "" && !field.disabled) field.disabled = true;
      }
    });
  }
}

autoSubmitFilters();

function foldFilters() {
  // On a phone the question filters fold behind their button (main.css) so that the
  // results come first. While open, the form submits to #filters, so a filter
  // applied on a phone comes back with the filters still open.
  const browse = document.querySelector("[data-filters-fold]");
  const toggle = browse?.querySelector("[data-filters-toggle]");
  const form = browse?.querySelector("form#filters");
  if (!toggle || !form) return;
  const setOpen = (open) => {
    browse.classList.toggle("filters-open", open);
    toggle.setAttribute("aria-expanded", String(open));
    form.setAttribute("action", open ? "#filters" : window.location.pathname);
  };
  browse.classList.add("filters-js");
  setOpen(window.location.hash === "#filters");
  toggle.addEventListener("click", (event) => {
    event.preventDefault();
    setOpen(!browse.classList.contains("filters-open"));
  });
  toggle.addEventListener("keydown", (event) => {
    // A link that acts as a button answers Space as a button does.
    if (event.key !== " ") return;
    event.preventDefault();
    toggle.click();
  });
}

foldFilters();
