// Scorecard and self-assessment forms: drafts save as you type through the API
// (PATCH), the status says when the last change was kept, and leaving with a change
// not yet saved asks first. Submitting posts the form itself, which saves it all.

const SAVE_AFTER_MS = 700;

function csrfToken(form) {
  return form.querySelector("input[name=csrfmiddlewaretoken]").value;
}

function collect(form) {
  const data = new FormData(form);
  const ratings = [];
  for (const fieldset of form.querySelectorAll("fieldset[data-criterion]")) {
    const key = fieldset.dataset.criterion;
    const score = data.get(`score-${key}`);
    ratings.push({
      criterion: key,
      score: score ? Number(score) : null,
      note: data.get(`note-${key}`) || "",
    });
  }
  const body = { ratings };
  for (const name of [
    "recommendation",
    "level_signal",
    "strengths",
    "improvements",
    "notes",
    "went_well",
    "went_badly",
  ]) {
    const present = form.querySelector(`[name=${name}]`);
    if (present) body[name] = data.get(name) || "";
  }
  const questionNotes = [];
  for (const area of form.querySelectorAll("textarea[name^=qnote-]")) {
    questionNotes.push({
      round_question: Number(area.name.slice("qnote-".length)),
      text: area.value,
    });
  }
  if (questionNotes.length) body.question_notes = questionNotes;
  return body;
}

function errorText(payload) {
  if (!payload || typeof payload !== "object") return "Could not save the draft.";
  if (payload.detail) return payload.detail;
  return Object.entries(payload)
    .map(([field, problems]) => `${field}: ${JSON.stringify(problems)}`)
    .join("; ");
}

function setUp(form) {
  const status = form.querySelector("[data-save-status]");
  const errorBox = form.querySelector("[data-form-error]");
  let timer = null;
  let dirty = false;
  let saving = null;

  async function save() {
    timer = null;
    if (saving) {
      await saving;
    }
    if (!dirty) return;
    dirty = false;
    status.textContent = "Saving…";
    // The first save makes the draft (opening the page writes nothing); the
    // next ones change it.
    const creating = !form.dataset.api;
    const body = collect(form);
    if (creating) body.round = Number(form.dataset.round);
    saving = fetch(creating ? form.dataset.create : form.dataset.api, {
      method: creating ? "POST" : "PATCH",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        "X-CSRFToken": csrfToken(form),
      },
      body: JSON.stringify(body),
    })
      .then(async (response) => {
        if (response.ok) {
          if (creating) {
            const made = await response.json();
            const base = form.dataset.create.replace(/\/$/, "");
            form.dataset.api = `${base}/${made.id}/`;
          }
          const time = new Date().toLocaleTimeString([], {
            hour: "2-digit",
            minute: "2-digit",
          });
          status.textContent = dirty ? "Saving…" : `Draft saved at ${time}`;
          status.dataset.state = "saved";
          errorBox.hidden = true;
          return;
        }
        const payload = await response.json().catch(() => null);
        status.textContent = "Not saved";
        status.dataset.state = "error";
        errorBox.textContent = errorText(payload);
        errorBox.hidden = false;
      })
      .catch(() => {
        // Offline or the server restarting: keep it dirty and try again.
        dirty = true;
        status.textContent = "Offline: will save when back";
        status.dataset.state = "error";
        timer = setTimeout(save, 5000);
      })
      .finally(() => {
        saving = null;
      });
    await saving;
    if (dirty && !timer) timer = setTimeout(save, SAVE_AFTER_MS);
  }

  function changed() {
    dirty = true;
    status.textContent = "Unsaved changes";
    status.dataset.state = "dirty";
    clearTimeout(timer);
    timer = setTimeout(save, SAVE_AFTER_MS);
  }

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("submit", () => {
    // The post carries every field and saves them itself.
    dirty = false;
    clearTimeout(timer);
  });
  window.addEventListener("beforeunload", (event) => {
    if (dirty || saving) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
}

for (const form of document.querySelectorAll("form[data-feedback-form]")) {
  setUp(form);
}
