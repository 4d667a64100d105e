// Small progressive enhancements, hooked by data- attributes. The app works without this file.
"use strict";

// Sign-up: start people in the time zone their phone is in (they can change it in Settings).
function fillTimeZone(root) {
  root.querySelectorAll("[data-fill-time-zone] input[name='time_zone']").forEach((input) => {
    if (!input.value) {
      try {
        input.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
      } catch (error) {
        input.value = "";
      }
    }
  });
}

document.addEventListener("DOMContentLoaded", () => fillTimeZone(document));
