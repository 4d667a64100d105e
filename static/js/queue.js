// Taps never lost offline: a check-off, a number or a check-in (forms marked data-queue) that
// can't reach the server is kept on this phone (static/js/taps.js), shown as "Waiting to send",
// and sent when the connection is back: on `online`, on the next page, by Background Sync.
// Without JavaScript, or without IndexedDB, forms post as they always do.
"use strict";

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

const canKeep = "indexedDB" in window && typeof Taps !== "undefined";

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
  if (!canKeep || !currentUser() || event.defaultPrevented || !(form instanceof HTMLFormElement) || !form.matches("[data-queue]")) return;
  const fields = [...new FormData(form)];
  sentFields.set(form, fields);
  if (navigator.onLine === false || waitingTaps.has(form.dataset.queue)) {
    event.preventDefault();
    keep(form, fields).then(() => navigator.onLine && sendWaiting());
  }
});

// No answer at all (the connection dropped, or none came in time): keep it. An answer from the
// server, even an error, is not this: static/js/app.js shows that one. Where nothing can be
// kept on the phone, it says calmly that the tap may not have been saved.
["htmx:sendError", "htmx:timeout"].forEach((name) =>
  document.addEventListener(name, (event) => {
    const form = event.detail.elt;
    if (!(form instanceof HTMLFormElement) || !form.matches("[data-queue]")) return;
    if (canKeep && currentUser()) keep(form, sentFields.get(form) || [...new FormData(form)]);
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
    const waiting = (await Taps.all(user)).length;
    if (waiting && !(await askBeforeLoggingOut(waiting))) return;
    await Taps.forget(user);
  } catch (error) {
    // Nothing kept to ask about (no IndexedDB here): log out as asked.
  }
  form.submit();
}

document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!canKeep || !currentUser() || !form.matches("[data-log-out]")) return;
  event.preventDefault();
  logOut(form);
});

async function start() {
  if (!canKeep) return;
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
    for (const tap of await Taps.all(user)) waitingTaps.set(tap.key, tap);
    sentMeanwhile = await Taps.recent(performance.timeOrigin); // this page's rows may predate them
  } catch (error) {
    return;
  }
  showAllKept(document.body);
  sentMeanwhile.forEach(showOutcome);
  if (typeof htmx !== "undefined") htmx.onLoad(showAllKept);
  if (navigator.onLine) sendWaiting();
}

document.addEventListener("DOMContentLoaded", start);
