// Small progressive enhancements, hooked by data- attributes. The app works without this file.
"use strict";

// A request that failed may or may not have reached the server: say so honestly.
const TAP_NOT_SAVED = "That tap may not have been saved. We'll show what is stored as soon as the server answers.";
const NUMBER_NOT_SAVED = "That number may not have been saved. It is still in its box: please press Save again in a moment.";

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

// Fetch a row as it is stored once the network allows, backing off while it doesn't.
// A newer answer for the row (which replaces the element, dropping the flag) makes it unnecessary.
function refreshRow(rowId, url, attempt = 0) {
  const run = () => {
    const row = document.getElementById(rowId);
    if (!row || row.dataset.needsRefresh !== "true") return;
    if (row.querySelector(".htmx-request")) {
      refreshRow(rowId, url, attempt + 1); // a tap is on its way; its answer comes first
      return;
    }
    row.dataset.refreshing = "true";
    const settle = () => {
      const current = document.getElementById(rowId);
      if (current && current.dataset.needsRefresh === "true") {
        delete current.dataset.refreshing; // not swapped (offline, or a 5xx): try again later
        refreshRow(rowId, url, attempt + 1);
      }
    };
    // Its own source: requests from one (htmx's default is the body) replace each other.
    htmx.ajax("GET", url, { source: "#" + rowId, target: "#" + rowId, swap: "outerHTML" }).then(settle, settle);
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
  if (form.closest("[data-refreshing]")) {
    event.preventDefault(); // the stored state is on its way; a tap now could be overwritten by it
    return;
  }
  const pressed = toggleButton(form).getAttribute("aria-pressed") === "true";
  form.dataset.wasPressed = String(pressed);
  showPressed(form, !pressed);
});

// A server that answered with an error (a 5xx) may or may not have stored the change:
// put the control back as it was, say so calmly, and then show what is really stored.
// No answer at all (offline, a timeout) is not this: the tap is kept (static/js/queue.js).
function requestFailed(event) {
  const form = event.detail.elt;
  if (!(form instanceof HTMLFormElement) || !form.closest("[data-refresh-url]")) return;
  const row = form.closest("[data-refresh-url]");
  if (form.matches("[data-optimistic-toggle]") && form.dataset.wasPressed) {
    showPressed(form, form.dataset.wasPressed === "true");
    if (row.dataset.needsRefresh !== "true") {
      row.dataset.needsRefresh = "true";
      refreshRow(row.id, row.dataset.refreshUrl);
    }
    showNotice(TAP_NOT_SAVED);
  } else {
    row.classList.add("is-unsaved"); // a typed number stays in its field, to send again
    showNotice(NUMBER_NOT_SAVED);
  }
}
document.addEventListener("htmx:responseError", requestFailed);

document.addEventListener("htmx:afterRequest", (event) => {
  if (event.detail.successful && event.detail.elt.closest?.("[data-refresh-url]")) showNotice("");
});

// django-htmx's debug handler (DEBUG only, on `document`) replaces the page with any
// 400/403/404/500 answer. A 400 is a validation message for its row, and a failed
// check-off is handled calmly above: stop those here, before they reach it. htmx
// itself goes on as configured either way.
document.documentElement.addEventListener("htmx:beforeOnLoad", (event) => {
  const status = event.detail.xhr.status;
  const fromRow = event.detail.elt instanceof Element && event.detail.elt.closest("[data-refresh-url]");
  if (status === 400 || (fromRow && status >= 500)) event.stopPropagation();
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

// Starter checklist: turning on a reminder for an item not ticked yet ticks it too,
// so the reminder asked for is not quietly dropped. Unticking later still wins.
document.addEventListener("change", (event) => {
  const toggle = event.target;
  if (!toggle.matches("[data-ticks]") || !toggle.checked) return;
  const item = document.getElementById(toggle.dataset.ticks);
  if (item) item.checked = true;
});

// Announce a nudge to screen readers once when it first appears, not again on every poll
// or page: the cards on screen are remembered for the tab's session. Today draws its cards
// with the page; other pages have them swapped in.
function announceNudges(area) {
  const announce = document.getElementById("nudge-announce");
  const cards = [...area.querySelectorAll("[data-nudge]")];
  const seen = new Set(JSON.parse(sessionStorage.getItem("selfcare-nudges-seen") || "[]"));
  const fresh = cards.filter((card) => !seen.has(card.dataset.nudge));
  if (announce && fresh.length) {
    const words = (card) => `Reminder: ${card.querySelector(".nudge-name").textContent}. ${card.querySelector(".nudge-text").textContent}`;
    announce.textContent = fresh.map(words).join(" ");
  }
  sessionStorage.setItem("selfcare-nudges-seen", JSON.stringify(cards.map((card) => card.dataset.nudge)));
}
document.addEventListener("htmx:afterSwap", (event) => {
  if (event.detail.target.id === "nudges") announceNudges(event.detail.target);
});
const drawnNudges = document.querySelector("[data-nudges-drawn]");
if (drawnNudges) announceNudges(drawnNudges);

// Focus stays with the control used when htmx swaps the part of the page holding it.
// htmx itself focuses an element with the same id again; for the rest: the same control
// by data-focus-key, else, in the nearest swapped part with an id, a field with an error,
// the place marked data-focus-next (an "Edit" button once its editor closes), or its first
// control; else the page's heading. A keyboard or screen reader never drops to the top.
const FOCUSABLE = "a[href], button:not([disabled]), input:not([type='hidden']):not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]";
let focusBefore = null;

function canFocus(element) {
  return element && !element.disabled && element.getClientRects().length > 0;
}

function focusTarget(before) {
  const key = before.key && document.querySelector(`[data-focus-key="${CSS.escape(before.key)}"]`);
  if (canFocus(key)) return key;
  for (const id of before.places) {
    const place = document.getElementById(id);
    if (!canFocus(place)) continue;
    const found = [place.querySelector("[aria-invalid='true']"), place.querySelector("[data-focus-next]"), place.querySelector(FOCUSABLE)];
    const target = found.find(canFocus);
    if (target) return target;
  }
  const heading = document.querySelector("main h1");
  if (heading && !heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
  return heading;
}

document.addEventListener("htmx:beforeSwap", (event) => {
  const active = document.activeElement;
  if (!event.detail.shouldSwap || !active || active === document.body) return;
  const places = [];
  for (let element = active.parentElement; element && element.id !== "main"; element = element.parentElement) {
    if (element.id) places.push(element.id);
  }
  focusBefore = { key: active.dataset.focusKey, places };
});

document.addEventListener("htmx:afterSettle", () => {
  const before = focusBefore;
  focusBefore = null;
  const active = document.activeElement;
  if (!before || (active && active !== document.body)) return; // still where it was (or kept by htmx)
  focusTarget(before)?.focus({ preventScroll: false });
});

// Words marked data-announce in swapped content ("Saved.") are read out by the page's
// polite live region (#announce), which was there before they changed, as screen readers need.
document.addEventListener("htmx:afterSettle", (event) => {
  const region = document.getElementById("announce");
  const settled = event.target;
  if (!region || !(settled instanceof Element)) return;
  const said = settled.matches("[data-announce]") ? [settled] : [...settled.querySelectorAll("[data-announce]")];
  if (!said.length) return;
  region.textContent = "";
  window.setTimeout(() => {
    region.textContent = said.map((element) => element.textContent.trim()).join(" ");
  }, 50); // emptied first, so the same words said twice are read twice
});

// A theme saved in Settings applies at once (a plain form reloads the page, which does the same).
document.addEventListener("htmx:afterSettle", (event) => {
  const saved = event.target instanceof Element && event.target.querySelector("[data-applied-theme]");
  if (!saved) return;
  const theme = saved.dataset.appliedTheme;
  if (theme === "light" || theme === "dark") document.documentElement.dataset.theme = theme;
  else delete document.documentElement.dataset.theme;
});

// Nudges are asked for again when someone comes back to the tab (hx-trigger "tab-visible").
document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "visible") document.dispatchEvent(new Event("tab-visible"));
});

// Installable: a service worker keeps the app's public files and an offline page (static/js/sw.js).
// On the page for logged-out people, whatever it holds goes, as on a shared phone it should.
function lookAfterServiceWorker() {
  if (!("serviceWorker" in navigator)) return;
  if (document.body.hasAttribute("data-logged-out")) {
    if ("caches" in window) caches.keys().then((names) => Promise.all(names.map((name) => caches.delete(name))));
  } else {
    navigator.serviceWorker.controller?.postMessage("refill");
    // A worker that takes charge later (the first visit) is asked too: the logged-out page
    // may have emptied the caches while it was installing, and no other page may come before
    // the connection goes.
    navigator.serviceWorker.addEventListener("controllerchange", () => navigator.serviceWorker.controller?.postMessage("refill"));
  }
  navigator.serviceWorker.register("/sw.js").catch(() => undefined); // the app works without it
}

document.addEventListener("DOMContentLoaded", () => {
  lookAfterServiceWorker();
  fillTimeZone();
  htmx.onLoad((content) => {
    const forms = content.matches("[data-conditional-fields]") ? [content] : content.querySelectorAll("[data-conditional-fields]");
    forms.forEach(showRelevantFields);
  });
});
