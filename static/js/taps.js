// Taps kept on this device until the server has them: a check-off, a number or a check-in
// made without a connection. Shared by the pages (static/js/app.js, which loads this file only
// when it is needed) and the service worker (static/js/sw.js, for Background Sync), so both
// send the same way. No DOM here.
//
// One entry per habit and day (or per check-in day) and per person: a later tap replaces an
// earlier one, so only the final state is sent. Each request names the state wanted and its
// day, so sending one twice changes nothing.
"use strict";

const Taps = (() => {
  const DATABASE = "selfcare-taps";
  const CHANNEL = "selfcare-taps";
  const RECENT = 60 * 1000;
  const HINT = "selfcare-taps-waiting"; // read by static/js/app.js before it loads this file
  let opened = null;

  function database() {
    opened =
      opened ||
      new Promise((resolve, reject) => {
        const request = indexedDB.open(DATABASE, 1);
        request.onupgradeneeded = () => {
          request.result.createObjectStore("taps", { keyPath: "id" });
          request.result.createObjectStore("session"); // who last used the app here, and their form token
        };
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    opened.catch(() => {
      opened = null;
    });
    return opened;
  }

  // Who has taps waiting here, for pages to read before loading this file (static/js/app.js).
  // The worker has no localStorage: a tap it sends stays in the hint until a page looks again.
  function noteWaiting(users) {
    if (typeof localStorage === "undefined") return;
    const waiting = [...new Set(users)].sort();
    try {
      const before = JSON.parse(localStorage.getItem(HINT));
      if (before && before.users.join() === waiting.join()) return;
      localStorage.setItem(HINT, JSON.stringify({ users: waiting, changed: Date.now() }));
    } catch (error) {
      // No storage here: pages then load this file every time, as if taps waited.
    }
  }

  // Run `work` on the stores in one transaction; resolves with its answer once the writes are safe.
  // After a write, who still has taps is read in the same transaction, so hints follow in order.
  function inTransaction(mode, work) {
    return database().then(
      (db) =>
        new Promise((resolve, reject) => {
          const transaction = db.transaction(["taps", "session"], mode);
          let answer;
          let users = null;
          const stores = { taps: transaction.objectStore("taps"), session: transaction.objectStore("session") };
          Promise.resolve(work(stores, (value) => (answer = value)))
            .then(async () => {
              if (mode === "readwrite") users = (await read(stores.taps.getAll())).map((tap) => tap.user);
            })
            .catch(reject);
          transaction.oncomplete = () => {
            if (users) noteWaiting(users);
            resolve(answer);
          };
          transaction.onerror = transaction.onabort = () => reject(transaction.error);
        }),
    );
  }

  function read(request) {
    return new Promise((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  function put(tap) {
    return inTransaction("readwrite", ({ taps }) => taps.put(tap));
  }

  // This person's taps, oldest first; without a person, those of whoever last used the app here.
  function all(user) {
    return inTransaction("readonly", async ({ taps, session }, answer) => {
      const who = user === undefined ? ((await read(session.get("current"))) || {}).user : user;
      const list = (await read(taps.getAll())).filter((tap) => who && tap.user === who);
      answer(list.sort((a, b) => a.created - b.created));
    });
  }

  function remember(user, token) {
    return inTransaction("readwrite", ({ session }) => session.put({ user, token }, "current"));
  }

  // Logging out: this person's taps go (a shared phone must not send them as the next person).
  function forget(user) {
    return inTransaction("readwrite", async ({ taps, session }) => {
      for (const tap of await read(taps.getAll())) if (tap.user === user) taps.delete(tap.id);
      session.delete("recent");
    });
  }

  // Only the tap that was sent goes: a newer one for the same key, made meanwhile, stays to be sent.
  function removeIfUnchanged(tap) {
    return inTransaction("readwrite", async ({ taps }) => {
      const stored = await read(taps.get(tap.id));
      if (stored && stored.created === tap.created) taps.delete(tap.id);
    });
  }

  // What the server said: "saved", "refused" (it answered that it won't: an archived or deleted
  // habit, a day that no longer fits), or "waiting" (no answer, not logged in, a stale form
  // token, a busy server): it stays, to go next time.
  async function sendOne(tap, token) {
    const body = new URLSearchParams(tap.fields);
    body.set("csrfmiddlewaretoken", token);
    let response;
    try {
      response = await fetch(tap.url, {
        method: "POST",
        body,
        credentials: "same-origin",
        redirect: "manual", // a redirect here is the log-in page: not logged in
        headers: { "HX-Request": "true", "X-CSRFToken": token },
      });
    } catch (error) {
      return { outcome: "waiting" };
    }
    const refresh = response.headers.get("HX-Refresh") === "true";
    const archived = (response.headers.get("HX-Trigger") || "").includes("habit-archived");
    if (response.type === "opaqueredirect" || response.status === 403 || response.status === 429 || response.status >= 500) {
      return { outcome: "waiting" };
    }
    if (response.ok && archived) return { outcome: "refused", reason: "archived" };
    if (response.ok && !refresh) return { outcome: "saved" };
    if (response.ok) return { outcome: "waiting" }; // the form token was refused: the next page has a fresh one
    return { outcome: "refused", reason: response.status === 404 ? "gone" : "invalid", status: response.status, body: await response.text() };
  }

  // The last minute's outcomes, for a page that was loading while they came: its rows were
  // drawn before, and it was not listening yet (static/js/app.js reads them when it starts).
  function tell(told) {
    return inTransaction("readwrite", async ({ session }) => {
      const recent = ((await read(session.get("recent"))) || []).filter((one) => one.at > told.at - RECENT);
      session.put([...recent, told], "recent");
    });
  }

  function recent(since) {
    return inTransaction("readonly", async ({ session }, answer) => {
      answer(((await read(session.get("recent"))) || []).filter((one) => one.at >= since));
    });
  }

  // Send every waiting tap of this person, one sender at a time (a page or the worker).
  // Each outcome is told on a BroadcastChannel, so every open page shows it, whoever sent.
  // Answers how many still wait.
  async function sendAll(user, token) {
    const run = async () => {
      const session = (await inTransaction("readonly", async ({ session }, answer) => answer(await read(session.get("current"))))) || {};
      const who = user || session.user;
      const useToken = token || session.token;
      if (!who || !useToken) return 0;
      const channel = "BroadcastChannel" in self ? new BroadcastChannel(CHANNEL) : null;
      let waiting = 0;
      for (const tap of await all(who)) {
        if (tap.held) continue;
        const result = await sendOne(tap, useToken);
        if (result.outcome === "waiting") {
          waiting += 1;
          continue;
        }
        if (result.outcome === "refused" && tap.kind === "check-in" && result.status === 400) {
          // Words the server couldn't take are kept, with its answer, until a page shows them back.
          const held = { ...tap, held: true, body: result.body };
          await inTransaction("readwrite", async ({ taps }) => {
            const stored = await read(taps.get(tap.id));
            if (stored && stored.created === tap.created) taps.put(held);
          });
        } else {
          await removeIfUnchanged(tap);
        }
        const told = { ...result, tap: { ...tap, fields: [] }, at: Date.now() };
        channel?.postMessage(told);
        // Words a held check-in came back with stay in its held entry only.
        await tell(tap.kind === "check-in" ? { ...told, body: "" } : told);
      }
      channel?.close();
      return waiting;
    };
    const locks = self.navigator && self.navigator.locks;
    return locks ? locks.request("selfcare-send-taps", run) : run();
  }

  return { CHANNEL, put, all, remember, forget, removeIfUnchanged, sendAll, recent };
})();
