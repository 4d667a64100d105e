// Small progressive enhancements, hooked by data- attributes. The app works without this file.
"use strict";

const NOT_SAVED = "That wasn't saved: the connection dropped or the server didn't answer. Please try again in a moment.";

// Sign-up: start people in the time zone their phone is in (they can change it in Settings).
function fillTimeZone() {
  document.querySelectorAll("[data-fill-time-zone] input[name='time_zone']").forEach((input) => {
    if (!input.value) {
      try {
        input.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
      } catch (error) {
        input.value = "";
      }
    }
  });
}

function showNotice(text) {
  const notice = document.getElementById("notice");
  if (notice) notice.textContent = text;
}

function toggleButton(form) {
  return form.querySelector("button[aria-pressed]");
}

function showPressed(form, pressed) {
  toggleButton(form).setAttribute("aria-pressed", String(pressed));
  form.closest("li")?.classList.toggle("is-done", pressed);
}

// Fetch a row as it is stored, once the network allows; back off while it doesn't.
function refreshRow(rowId, url, attempt = 0) {
  const retry = () => refreshRow(rowId, url, attempt + 1);
  const run = () => {
    if (!document.getElementById(rowId)) return;
    htmx.ajax("GET", url, { target: "#" + rowId, swap: "outerHTML" }).catch(retry);
  };
  if (navigator.onLine) {
    window.setTimeout(run, Math.min(30000, 1000 * 2 ** attempt));
  } else {
    window.addEventListener("online", run, { once: true });
  }
}

// One-tap check-offs show their new state at once, before the server answers.
// htmx's hx-sync="this:drop" fires no beforeRequest for a tap it drops, so only
// taps that are really sent flip the button.
document.addEventListener("htmx:beforeRequest", (event) => {
  const form = event.detail.elt;
  if (!form.matches("[data-optimistic-toggle]")) return;
  const pressed = toggleButton(form).getAttribute("aria-pressed") === "true";
  form.dataset.wasPressed = String(pressed);
  showPressed(form, !pressed);
});

// A request that failed (offline, timeout, a 5xx) stored nothing we can be sure of:
// put the control back as it was, say so calmly, and then show what is really stored.
function requestFailed(event) {
  const form = event.detail.elt;
  if (!(form instanceof HTMLFormElement) || !form.closest("[data-refresh-url]")) return;
  const row = form.closest("[data-refresh-url]");
  if (form.matches("[data-optimistic-toggle]") && form.dataset.wasPressed) {
    showPressed(form, form.dataset.wasPressed === "true");
    refreshRow(row.id, row.dataset.refreshUrl);
  } else {
    row.classList.add("is-unsaved"); // a typed number stays in its field, to send again
  }
  showNotice(NOT_SAVED);
}
["htmx:sendError", "htmx:timeout", "htmx:responseError"].forEach((name) => document.addEventListener(name, requestFailed));

document.addEventListener("htmx:afterRequest", (event) => {
  if (event.detail.successful && event.detail.elt.closest?.("[data-refresh-url]")) showNotice("");
});

// A 400 carries a validation message for the row: part of the conversation, not an error.
// Stop it here, before it reaches django-htmx's debug handler on `document` (DEBUG only),
// which would replace the page; htmx still swaps it in as configured.
document.documentElement.addEventListener("htmx:beforeOnLoad", (event) => {
  if (event.detail.xhr.status === 400) event.stopPropagation();
});

// Habit form: show only the fields that the chosen kind and schedule use.
// Without JavaScript every field shows, each labelled for when it applies.
function showRelevantFields(form) {
  form.querySelectorAll("[data-show-when]").forEach((group) => {
    const [name, value] = group.dataset.showWhen.split("=");
    const chosen = form.querySelector(`input[name="${name}"]:checked`);
    group.hidden = !chosen || chosen.value !== value;
  });
}

document.addEventListener("change", (event) => {
  const form = event.target.closest("[data-conditional-fields]");
  if (form) showRelevantFields(form);
});

document.addEventListener("DOMContentLoaded", () => {
  fillTimeZone();
  htmx.onLoad((content) => {
    const forms = content.matches("[data-conditional-fields]") ? [content] : content.querySelectorAll("[data-conditional-fields]");
    forms.forEach(showRelevantFields);
  });
});
