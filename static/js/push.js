// Settings → Notifications on this device: ask the browser for a push subscription and give it
// to the server. Without this file (or without push support) the section says so calmly.
"use strict";

function base64UrlToBytes(text) {
  const base64 = (text + "=".repeat((4 - (text.length % 4)) % 4)).replace(/-/g, "+").replace(/_/g, "/");
  return Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
}

function isAppleMobile() {
  return /iPhone|iPad|iPod/.test(navigator.userAgent) || (navigator.platform === "MacIntel" && navigator.maxTouchPoints > 1);
}

function installed() {
  return navigator.standalone === true || window.matchMedia("(display-mode: standalone)").matches;
}

function show(section, name, visible) {
  const element = section.querySelector(`[data-push-${name}]`);
  if (element) element.hidden = !visible;
}

function say(section, text) {
  section.querySelector("[data-push-status]").textContent = text;
}

// The subscription goes to the server as a form; its answer (the section again) replaces the section.
function keep(section, subscription) {
  const keys = subscription.toJSON().keys || {};
  const values = { endpoint: subscription.endpoint, p256dh: keys.p256dh || "", auth: keys.auth || "" };
  return htmx.ajax("POST", section.dataset.pushUrl, { target: "#notifications", swap: "outerHTML", values: values });
}

function turnOn(section) {
  say(section, "Asking your browser…");
  Notification.requestPermission()
    .then((permission) => {
      if (permission !== "granted") {
        show(section, "blocked", permission === "denied");
        say(section, permission === "denied" ? "" : "Notifications stay off. You can turn them on here any time.");
        return null;
      }
      return navigator.serviceWorker.ready.then((registration) =>
        registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: base64UrlToBytes(section.dataset.push) }),
      );
    })
    .then((subscription) => subscription && keep(section, subscription))
    .catch(() => say(section, "Notifications couldn't be turned on in this browser just now. The calendar feed can remind you instead."));
}

function setUp(section) {
  if (!section || !section.dataset.push || section.dataset.pushSetUp) return;
  section.dataset.pushSetUp = "true";
  const supported = "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
  if (!supported) {
    if (isAppleMobile() && !installed()) {
      show(section, "unsupported", false);
      show(section, "ios", true);
    }
    return;
  }
  show(section, "unsupported", false);
  if (Notification.permission === "denied") {
    show(section, "blocked", true);
    return;
  }
  show(section, "ready", true);
  section.querySelector("[data-push-subscribe]").addEventListener("click", () => turnOn(section));
  // On here already (the server lists this browser): no button; the list marks this device.
  navigator.serviceWorker.ready
    .then((registration) => registration.pushManager.getSubscription())
    .then((subscription) => subscription && digest(subscription.endpoint))
    .then((hex) => {
      const item = hex && Notification.permission === "granted" && section.querySelector(`[data-device="${hex}"]`);
      if (!item) return;
      show(section, "ready", false);
      item.querySelector("[data-this-device]").hidden = false;
    })
    .catch(() => {});
}

// The list names devices by a digest of their push address (PushSubscription.digest), not the address.
function digest(text) {
  return crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)).then((buffer) =>
    Array.from(new Uint8Array(buffer).slice(0, 8), (byte) => byte.toString(16).padStart(2, "0")).join(""),
  );
}

document.addEventListener("DOMContentLoaded", () => setUp(document.getElementById("notifications")));
document.addEventListener("htmx:load", (event) => {
  if (event.detail.elt.id === "notifications") setUp(event.detail.elt);
});
