// Sessions pages and the room: live countdowns, Join buttons that open on time, and
// copying the invitation link. Times come from the page (ISO with offset), so the
// browser's own zone does not matter.

const SECOND = 1000;

function parts(ms) {
  const total = Math.max(0, Math.floor(ms / SECOND));
  return {
    days: Math.floor(total / 86400),
    hours: Math.floor((total % 86400) / 3600),
    minutes: Math.floor((total % 3600) / 60),
    seconds: total % 60,
  };
}

function asClock(ms) {
  // "107 d 4 h" a day or more ahead: seconds ticking that far out are noise.
  // Within a day "1:05:09" or "05:09", with seconds, so it visibly runs.
  const { days, hours, minutes, seconds } = parts(ms);
  if (days > 0) return `${days} d ${hours} h`;
  const mm = String(minutes).padStart(2, "0");
  const ss = String(seconds).padStart(2, "0");
  return hours > 0 ? `${hours}:${mm}:${ss}` : `${mm}:${ss}`;
}

function tickCountdowns(now) {
  for (const element of document.querySelectorAll("[data-countdown]")) {
    const left = Date.parse(element.dataset.countdown) - now;
    if (Number.isNaN(left)) continue;
    if (left <= 0) {
      element.textContent = `${element.dataset.prefix || ""}00:00`;
      // Once per page: the server then shows the next part of the schedule.
      if (element.dataset.reload && !element.dataset.reloaded) {
        element.dataset.reloaded = "true";
        window.setTimeout(() => window.location.reload(), SECOND);
      }
      continue;
    }
    element.textContent = (element.dataset.prefix || "") + asClock(left);
  }
}

function tickJoinButtons(now) {
  // The server renders the state at page load; this keeps it right as time passes.
  for (const button of document.querySelectorAll("button[data-opens-at]")) {
    const opens = Date.parse(button.dataset.opensAt);
    const closes = Date.parse(button.dataset.closesAt);
    const open = now >= opens && now < closes;
    if (button.disabled === open) {
      button.disabled = !open;
      const help = button.parentElement.querySelector(".help");
      if (help && open) help.textContent = "The room is open.";
      if (help && !open && now >= closes) help.textContent = "This session is over.";
    }
  }
}

function tick() {
  const now = Date.now();
  tickCountdowns(now);
  tickJoinButtons(now);
}

function copyButtons() {
  for (const button of document.querySelectorAll("button[data-copy]")) {
    button.addEventListener("click", async () => {
      const field = document.querySelector(button.dataset.copy);
      if (!field) return;
      field.select();
      try {
        await navigator.clipboard.writeText(field.value);
      } catch {
        // Without clipboard permission the text stays selected for Ctrl+C.
        document.execCommand?.("copy");
      }
      button.textContent = "Copied";
      button.setAttribute("aria-live", "polite");
      window.setTimeout(() => {
        button.textContent = "Copy";
      }, 2 * SECOND);
    });
  }
}

tick();
window.setInterval(tick, SECOND);
copyButtons();
