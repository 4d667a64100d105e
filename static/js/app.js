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
// No answer at all (offline, a timeout) is not this: the tap is kept (below).
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

// ---- Taps never lost offline ----
// A check-off, a number or a check-in (forms marked data-queue) that can't reach the server is
// kept on this phone (static/js/taps.js), shown as "Waiting to send", and sent when the
// connection is back: on `online`, on the next page, by Background Sync.
// Without JavaScript, or without IndexedDB, forms post as they always do.

const KEPT_NOTICE = "Kept on this phone. It will be sent when you're back online.";
const NOT_KEPT_NOTICE = "That tap couldn't be kept on this phone. Please try it again when you're back online.";
const SENT_NOTICE = "Back online: what you did offline is saved.";
const HELD_NOTICE = "Your check-in couldn't be saved as it was. Your words are still in it: please look at the note and save again.";
const RETRY_LONGEST = 5 * 60 * 1000;

const waitingTaps = new Map(); // this person's waiting taps by key, as this page knows them
const sentFields = new WeakMap(); // what each form sent, for when the sending fails
let lastCreated = 0;
let retryDelay = 5000;
let retryTimer = null;

// static/js/taps.js (the store, shared with the service worker) is loaded only when needed: a tap
// to keep, taps known to wait, the offline page, logging out. Most visits never need it.
// taps.js keeps this hint in localStorage after every change: who has taps waiting here.
const TAPS_HINT = "selfcare-taps-waiting";
let tapsReady = null;

function canKeep() {
  return "indexedDB" in window && (typeof Taps !== "undefined" || Boolean(document.body.dataset.tapsSrc));
}

// taps.js once (its address is on <body>: no inline script), then what this page does with it.
function loadTaps() {
  if (!tapsReady) {
    tapsReady = new Promise((resolve, reject) => {
      if (typeof Taps !== "undefined") return resolve();
      if (!canKeep()) return reject(new Error("Nothing can be kept on this device."));
      const script = document.createElement("script");
      script.src = document.body.dataset.tapsSrc;
      script.onload = () => resolve();
      script.onerror = () => {
        script.remove();
        reject(new Error("static/js/taps.js could not be loaded."));
      };
      document.head.append(script);
    }).then(startTaps);
    tapsReady.catch(() => {
      tapsReady = null; // offline, with no copy kept by the worker: the next tap tries again
    });
  }
  return tapsReady;
}

// Whether taps may wait here, anyone's: a page also tells the worker who uses the app now.
// The hint errs only towards "waiting" (the worker sends without changing it; the page that
// loads taps.js then finds nothing and corrects it). Only pages keep taps, so "none" is true.
async function tapsMayWait() {
  let hint;
  try {
    hint = JSON.parse(localStorage.getItem(TAPS_HINT));
  } catch (error) {
    return true;
  }
  // Changed since this page was asked for: another tab sent taps that its rows may predate.
  if (Array.isArray(hint?.users)) return hint.users.length > 0 || hint.changed >= performance.timeOrigin;
  // No hint yet: a store kept before there was one (or with the hint cleared) may hold taps.
  if (!indexedDB.databases) return true;
  try {
    return (await indexedDB.databases()).some((database) => database.name === "selfcare-taps");
  } catch (error) {
    return true;
  }
}

function currentUser() {
  return document.body.dataset.tapsUser || "";
}

function pageToken() {
  try {
    return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
  } catch (error) {
    return "";
  }
}

function field(fields, name) {
  const found = fields.find(([key]) => key === name);
  return found ? found[1] : "";
}

function queueForm(key) {
  return document.querySelector(`form[data-queue="${CSS.escape(key)}"]`);
}

// The few words that say what a tap was, for the offline page: never what a check-in says.
function describe(form, fields) {
  if (form.dataset.queueKind === "check-off") return field(fields, "state") === "done" ? "done" : "not done";
  if (form.dataset.queueKind === "number") return `${field(fields, "value") || "no number"} ${form.dataset.queueUnit || ""}`.trim();
  return "";
}

function showWaiting(form, waiting) {
  form.closest("li, section")?.classList.toggle("is-waiting", waiting);
  form.querySelectorAll(".waiting-label").forEach((label) => {
    label.hidden = !waiting;
  });
}

// The form as the waiting tap left it: pressed or not, the number or the words typed.
function showKept(form, tap) {
  if (tap.kind === "check-off") {
    const done = field(tap.fields, "state") === "done";
    showPressed(form, done);
    form.elements.state.value = done ? "none" : "done"; // the next tap asks for the other state
  } else {
    for (const control of form.elements) {
      if (!control.name || ["hidden", "submit", "button"].includes(control.type)) continue;
      const values = tap.fields.filter(([name]) => name === control.name).map(([, value]) => value);
      if (control.type === "radio" || control.type === "checkbox") control.checked = values.includes(control.value);
      else control.value = values[0] ?? "";
    }
  }
  showWaiting(form, true);
}

async function keep(form, fields) {
  const user = currentUser();
  lastCreated = Math.max(Date.now(), lastCreated + 1);
  const tap = {
    id: `${user}:${form.dataset.queue}`,
    user,
    key: form.dataset.queue,
    kind: form.dataset.queueKind,
    url: form.getAttribute("hx-post"),
    fields,
    label: form.dataset.queueLabel,
    what: describe(form, fields),
    day: form.dataset.queueDay,
    created: lastCreated,
  };
  waitingTaps.set(tap.key, tap);
  showKept(form, tap);
  try {
    await loadTaps();
    await Taps.put(tap);
  } catch (error) {
    if (waitingTaps.get(tap.key) === tap) waitingTaps.delete(tap.key);
    if (tap.kind === "check-off") {
      showPressed(form, form.dataset.wasPressed === "true");
      form.elements.state.value = field(fields, "state");
    }
    showWaiting(form, false);
    showNotice(NOT_KEPT_NOTICE);
    return;
  }
  showNotice(KEPT_NOTICE);
  askForSync();
  if (navigator.onLine) sendLater(); // online but no answer: the server may be out of reach for a while
}

function askForSync() {
  if (!("serviceWorker" in navigator)) return;
  navigator.serviceWorker.ready.then((registration) => registration.sync?.register("send-taps")).catch(() => undefined);
}

function sendLater() {
  window.clearTimeout(retryTimer);
  retryTimer = window.setTimeout(sendWaiting, retryDelay);
  retryDelay = Math.min(RETRY_LONGEST, retryDelay * 2);
}

async function sendWaiting() {
  const user = currentUser();
  try {
    // A page of the app sends with its own (fresh) form token; the offline page with the last one kept.
    const waiting = await Taps.sendAll(user || undefined, user ? pageToken() : undefined);
    if (waiting && navigator.onLine) sendLater();
    else retryDelay = 5000;
  } catch (error) {
    if (navigator.onLine) sendLater();
  }
}

// A tap while another for the same habit and day waits goes behind it, into the queue, so
// that they reach the server in order. Offline, a tap is kept at once, with no timeout to wait for.
document.addEventListener("htmx:beforeRequest", (event) => {
  const form = event.detail.elt;
  if (!canKeep() || !currentUser() || event.defaultPrevented || !(form instanceof HTMLFormElement) || !form.matches("[data-queue]")) return;
  const fields = [...new FormData(form)];
  sentFields.set(form, fields);
  if (navigator.onLine === false || waitingTaps.has(form.dataset.queue)) {
    event.preventDefault();
    keep(form, fields).then(() => navigator.onLine && sendWaiting());
  }
});

// No answer at all (the connection dropped, or none came in time): keep it. An answer from the
// server, even an error, is not this: requestFailed above shows that one. Where nothing can be
// kept on the phone, it says calmly that the tap may not have been saved.
["htmx:sendError", "htmx:timeout"].forEach((name) =>
  document.addEventListener(name, (event) => {
    const form = event.detail.elt;
    if (!(form instanceof HTMLFormElement) || !form.matches("[data-queue]")) return;
    if (canKeep() && currentUser()) keep(form, sentFields.get(form) || [...new FormData(form)]);
    else requestFailed(event);
  }),
);

function refusedWords(tap, reason, body) {
  if (tap.kind === "check-in") return "Your check-in couldn't be saved: that day can't be written about now.";
  const what = `${tap.kind === "number" ? "Your number" : "Your tap"} for ${tap.label} couldn't be saved:`;
  if (reason === "archived") return `${what} this habit was archived meanwhile. Here is what is stored.`;
  if (reason === "gone") return `${what} this habit was deleted meanwhile.`;
  const answer = body ? new DOMParser().parseFromString(body, "text/html").querySelector(".row-errors") : null;
  return `${what} ${answer ? answer.textContent.trim() : "the server couldn't take it."} Here is what is stored.`;
}

// A check-in the server couldn't take comes back into its card, with its note and the words.
function showHeld(tap) {
  const form = queueForm(tap.key);
  if (!form || !tap.body) return false;
  htmx.swap(form.closest("section"), tap.body, { swapStyle: "outerHTML" });
  waitingTaps.delete(tap.key);
  Taps.removeIfUnchanged(tap).catch(() => undefined);
  showNotice(HELD_NOTICE);
  return true;
}

// Each box asks for itself: requests from one source (htmx's default is the body) replace each other.
function refresh(box, url) {
  return htmx.ajax("GET", url, { source: box, target: box, swap: "outerHTML" }).catch(() => undefined);
}

// What happened to a sent tap, whoever sent it (this page, another tab or the service worker).
function showOutcome({ outcome, reason, body, tap }) {
  document.querySelectorAll("[data-waiting-taps]").forEach(listWaiting);
  if (!tap.user || tap.user !== currentUser()) return;
  const newer = waitingTaps.get(tap.key);
  if (newer && newer.created !== tap.created) return; // a later tap for it waits: that one will tell
  waitingTaps.delete(tap.key);
  const form = queueForm(tap.key);
  if (!form) return;
  if (tap.kind === "check-in" && body && showHeld({ ...tap, body })) return;
  showWaiting(form, false);
  const box = form.closest("li, section");
  const words = outcome === "saved" ? SENT_NOTICE : refusedWords(tap, reason, body);
  showNotice(words);
  // Then what is stored: the row from the server (its answer clears the notice: say it again).
  // A card being written in stays as it is.
  if (reason === "gone") box.remove();
  else if (box.dataset.refreshUrl) refresh(box, box.dataset.refreshUrl).then(() => showNotice(words));
  else if (!box.contains(document.activeElement)) refresh(box, form.getAttribute("hx-post")).then(() => showNotice(words));
}

// The offline page: what is still waiting on this phone, in a few words.
async function listWaiting(box) {
  let taps = [];
  try {
    taps = await Taps.all();
  } catch (error) {
    taps = [];
  }
  box.hidden = taps.length === 0;
  box.querySelector("[data-waiting-count]").textContent =
    taps.length === 1
      ? "1 tap is waiting to send. It will go when you're back online and open Selfcare."
      : `${taps.length} taps are waiting to send. They will go when you're back online and open Selfcare.`;
  const list = box.querySelector("[data-waiting-list]");
  list.replaceChildren(
    ...taps.map((tap) => {
      const item = document.createElement("li");
      const day = new Date(`${tap.day}T12:00:00`).toLocaleDateString("en-GB", { weekday: "long", day: "numeric", month: "long" });
      item.textContent = [tap.label, tap.what, day].filter(Boolean).join(", ");
      return item;
    }),
  );
}

function showAllKept(root) {
  for (const tap of waitingTaps.values()) {
    const form = queueForm(tap.key);
    if (!form || !root.contains(form)) continue;
    if (!(tap.held && showHeld(tap))) showKept(form, tap);
  }
}

// Logging out with taps waiting asks first; then this person's taps go with them.
function askBeforeLoggingOut(count) {
  const words = count === 1 ? "1 tap is still waiting to send." : `${count} taps are still waiting to send.`;
  const dialog = document.getElementById("log-out-dialog");
  if (!dialog || !dialog.showModal) return Promise.resolve(window.confirm(`${words} Log out anyway? They will be lost.`));
  dialog.querySelector("[data-waiting-count]").textContent = words;
  dialog.showModal();
  return new Promise((resolve) => dialog.addEventListener("close", () => resolve(dialog.returnValue === "leave"), { once: true }));
}

async function logOut(form) {
  const user = currentUser();
  try {
    await loadTaps(); // the store itself is asked, not the hint
    const waiting = (await Taps.all(user)).length;
    if (waiting && !(await askBeforeLoggingOut(waiting))) return;
    await Taps.forget(user);
  } catch (error) {
    // Nothing kept to ask about (no IndexedDB here), or the store's script can't load (offline
    // with no worker, when logging out can't reach the server either): log out as asked.
  }
  form.submit();
}

document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!canKeep() || !currentUser() || !form.matches("[data-log-out]")) return;
  event.preventDefault();
  logOut(form);
});

async function startTaps() {
  window.addEventListener("online", sendWaiting);
  if ("BroadcastChannel" in window) new BroadcastChannel(Taps.CHANNEL).addEventListener("message", (event) => showOutcome(event.data));
  const waitingList = document.querySelector("[data-waiting-taps]");
  if (waitingList) {
    await listWaiting(waitingList);
    if (navigator.onLine) sendWaiting();
    return;
  }
  if (!document.body.hasAttribute("data-taps-user")) return;
  const user = currentUser();
  let sentMeanwhile = [];
  try {
    // Who uses the app here now, and their form token: the worker sends only their taps, with it.
    await Taps.remember(user || null, user ? pageToken() : null);
    if (!user) return;
    // A tap this page is keeping right now is newer than the stored one for its key.
    for (const tap of await Taps.all(user)) if (!(waitingTaps.get(tap.key)?.created > tap.created)) waitingTaps.set(tap.key, tap);
    sentMeanwhile = await Taps.recent(performance.timeOrigin); // this page's rows may predate them
  } catch (error) {
    return;
  }
  showAllKept(document.body);
  sentMeanwhile.forEach(showOutcome);
  if (typeof htmx !== "undefined") htmx.onLoad(showAllKept);
  if (navigator.onLine) sendWaiting();
}

// Taps may wait here, or this is the offline page that lists them, or the next tap will have
// to be kept (offline, the worker's copy of taps.js loads): load them now.
async function startTapsIfWaiting() {
  if (!canKeep()) return;
  if (navigator.onLine === false || document.querySelector("[data-waiting-taps]") || (await tapsMayWait())) loadTaps().catch(() => undefined);
}
window.addEventListener("offline", () => canKeep() && loadTaps().catch(() => undefined));

// Another tab kept a tap: this page shows it, sends it too, and hears how it went.
window.addEventListener("storage", (event) => {
  if (event.key !== TAPS_HINT || !canKeep()) return;
  if (JSON.parse(event.newValue || "null")?.users?.length) loadTaps().catch(() => undefined);
});
// ---- end of taps never lost offline ----

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
// or page: the cards on screen are remembered for the tab's session. A page draws its cards
// with it; a poll swaps new ones in.
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
    // The worker empties them, in turn with the next page's refill (static/js/sw.js); an
    // uncontrolled page (a hard reload) asks the worker too. None yet: nothing kept to forget.
    navigator.serviceWorker.getRegistration().then((registration) => registration?.active?.postMessage("forget"));
  } else {
    navigator.serviceWorker.controller?.postMessage("refill");
    // A worker that takes charge later (the first visit, a new version) is asked too: the
    // logged-out page may have had the caches emptied while it was installing, and no other
    // page may come before the connection goes.
    navigator.serviceWorker.addEventListener("controllerchange", () => navigator.serviceWorker.controller?.postMessage("refill"));
  }
  navigator.serviceWorker.register("/sw.js").catch(() => undefined); // the app works without it
}

document.addEventListener("DOMContentLoaded", () => {
  lookAfterServiceWorker();
  fillTimeZone();
  startTapsIfWaiting();
  if (typeof htmx === "undefined") return; // the offline page has no htmx
  htmx.onLoad((content) => {
    const forms = content.matches("[data-conditional-fields]") ? [content] : content.querySelectorAll("[data-conditional-fields]");
    forms.forEach(showRelevantFields);
  });
});
