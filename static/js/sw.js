// Selfcare's service worker. SETTINGS (the version and the files to keep) is put above
// this line by the view that serves it (routines/views/install.py).
// It keeps only public files: the app's static files and the offline page. A person's
// pages and answers are private (no-store) and always go to the network, never the cache.
"use strict";

importScripts(SETTINGS.taps); // the taps kept offline, and how they are sent (shared with the pages)

const CACHE = "selfcare-" + SETTINGS.version;
const OFFLINE_URL = "/offline/";

function precache() {
  // "reload": straight from the server, not from the browser's HTTP cache.
  return caches.open(CACHE).then((cache) => cache.addAll(SETTINGS.precache.map((url) => new Request(url, { cache: "reload" }))));
}

self.addEventListener("install", (event) => {
  // What the fetch handler below leaves to the network anyway (a tap, a saved form: anything
  // but GET) goes there without waking this worker: on a slow phone that hop cost a tap some
  // milliseconds. Browsers without static routing run the handler, to the same effect.
  const routed = event.addRoutes ? event.addRoutes({ condition: { requestMethod: "POST" }, source: "network" }).catch(() => undefined) : null;
  event.waitUntil(Promise.all([routed, precache()]).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  // An older version's files go; then this worker looks after the open pages at once.
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

function offlinePage() {
  return caches.match(OFFLINE_URL).then(
    (page) =>
      page ||
      new Response("You're offline right now. Selfcare will be here when the connection is back.", {
        headers: { "Content-Type": "text/plain; charset=utf-8" },
      }),
  );
}

// The logged-out page asks to "forget" (empty every cache, as on a shared phone it should);
// every other page asks to "refill" (the public files again, so the offline page is there
// next time). They come close together, from one page and the next: each waits for the one
// before, or an emptying still under way would take a refill with it.
let cacheWork = Promise.resolve();

function inTurn(change) {
  const done = cacheWork.then(change);
  cacheWork = done.catch(() => undefined); // a refill that failed offline does not hold up the next
  return done;
}

function forget() {
  return caches.keys().then((names) => Promise.all(names.map((name) => caches.delete(name))));
}

// Asked of the offline page, not of the cache's name: a precache that failed half-way (offline)
// leaves an empty cache behind, and addAll keeps all of the files or none.
function refill() {
  return caches.match(OFFLINE_URL, { cacheName: CACHE }).then((kept) => kept || precache());
}

self.addEventListener("message", (event) => {
  if (event.data === "forget") event.waitUntil(inTurn(forget));
  else if (event.data === "refill") event.waitUntil(inTurn(refill));
});

// Kept files first; any other static file (the admin's) from the network, not kept, so that
// nothing goes back into the caches between logging out and the next page's "refill".
function staticFile(request) {
  return caches.match(request).then((kept) => kept || fetch(request));
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(fetch(request).catch(() => offlinePage()));
  } else if (url.pathname.startsWith("/static/")) {
    event.respondWith(staticFile(request));
  }
  // Everything else (a person's rows, answers, the calendar feed) goes to the network only.
});

// ---- Web Push: nudges while Selfcare is closed (routines/push.py sends them) ----
// A push carries the habit's name and a kind line (never notes), where to go, and for Done
// and Snooze a signed token each: the worker has no CSRF token, the server checks these.

self.addEventListener("push", (event) => {
  let message = {};
  try {
    message = event.data ? event.data.json() : {};
  } catch (error) {
    message = {};
  }
  const actions = message.actions
    ? [
        { action: "done", title: "Done" },
        { action: "snooze", title: "Snooze 30 min" },
      ]
    : [];
  event.waitUntil(
    self.registration.showNotification(message.title || "Selfcare", {
      body: message.body || "",
      // One notification per habit and day: a later push replaces it instead of piling up.
      tag: message.tag || "selfcare",
      icon: message.icon,
      actions: actions,
      data: { url: message.url || "/today/", actionUrl: message.action_url, tokens: message.actions || {} },
    }),
  );
});

function openApp(url) {
  return self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((windows) => {
    const open = windows.find((client) => new URL(client.url).origin === self.location.origin);
    if (!open) return self.clients.openWindow(url);
    // Focusing is refused without a click behind it; the page has moved to `url` all the same.
    return open
      .navigate(url)
      .then((client) => (client || open).focus())
      .catch(() => null);
  });
}

// Done or Snooze right from the notification (with the session cookie); if that can't be
// done (logged out, offline, an old notification), the app opens instead.
function act(data, action) {
  const body = new URLSearchParams({ action: action, token: data.tokens[action] });
  return fetch(data.actionUrl, { method: "POST", body: body, credentials: "same-origin", redirect: "manual" })
    .then((response) => {
      if (response.status !== 204) return openApp(data.url);
      return null;
    })
    .catch(() => openApp(data.url));
}

self.addEventListener("notificationclick", (event) => {
  const notification = event.notification;
  const data = notification.data || {};
  notification.close();
  if ((event.action === "done" || event.action === "snooze") && data.tokens && data.tokens[event.action]) {
    event.waitUntil(act(data, event.action));
  } else {
    event.waitUntil(openApp(data.url || "/today/"));
  }
});
// ---- end of Web Push ----

// Background Sync, where the browser has it: taps kept offline are sent once the connection is
// back, even with no page open. They go only as the person who last used the app here, with
// that page's form token; any that can't go yet make the browser try again later.
self.addEventListener("sync", (event) => {
  if (event.tag !== "send-taps") return;
  event.waitUntil(
    Taps.sendAll().then((waiting) => {
      if (waiting) throw new Error("Some taps are still waiting to send.");
    }),
  );
});
