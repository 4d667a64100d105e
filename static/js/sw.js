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
  event.waitUntil(precache().then(() => self.skipWaiting()));
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

// Logging out empties the caches (static/js/app.js); the next page asks for the public files
// again, so the offline page is there next time. The logged-out page itself never asks.
self.addEventListener("message", (event) => {
  if (event.data === "refill") event.waitUntil(caches.has(CACHE).then((kept) => kept || precache()));
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
