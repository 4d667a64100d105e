// Lighthouse (mobile, its defaults) on the pages given, logged in by cookies put into the browser.
// Lighthouse takes cookies only as an extra header, which Chromium replaces as soon as a page
// sets a cookie; so this launches Chromium itself, sets the cookies there and hands Lighthouse the page.
//   node benchmarks/lighthouse.mjs '{"base": "http://127.0.0.1:8401", "cookies": [{"name": "sessionid", "value": "..."}],
//                                    "pages": [{"name": "Today", "path": "/today/"}]}'
// Prints one JSON object: per page the three scores (0-100), bytes transferred and requests.
import lighthouse from "lighthouse";
import puppeteer from "puppeteer-core";

const { base, cookies, pages } = JSON.parse(process.argv[2]);
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  headless: true,
  args: [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
  ],
});
const host = new URL(base).hostname;
const results = {};
try {
  // Each page as on a first visit, in a context of its own: nothing cached by the page before.
  const audit = async (path) => {
    const context = await browser.createBrowserContext();
    try {
      await context.setCookie(...cookies.map((cookie) => ({ ...cookie, domain: host, path: "/", httpOnly: true, secure: false })));
      const page = await context.newPage();
      const flags = {
        output: "json",
        logLevel: "error",
        onlyCategories: ["performance", "accessibility", "best-practices"],
        disableStorageReset: true, // keeps the cookies: the pages are behind the login
      };
      return (await lighthouse(base + path, flags, undefined, page)).lhr;
    } finally {
      await context.close();
    }
  };
  for (const { name, path } of pages) {
    let lhr = await audit(path);
    if (lhr.runtimeError) lhr = await audit(path); // once more, afresh: a busy machine can lose the trace (NO_NAVSTART)
    const score = (id) => (lhr.categories[id].score === null ? null : Math.round(lhr.categories[id].score * 100));
    const diagnostics = lhr.audits.diagnostics?.details?.items?.[0] ?? {};
    results[name] = {
      url: lhr.finalDisplayedUrl,
      performance: score("performance"),
      accessibility: score("accessibility"),
      best_practices: score("best-practices"),
      bytes: diagnostics.totalByteWeight ?? null,
      requests: diagnostics.numRequests ?? null,
      fcp_ms: Math.round(lhr.audits["first-contentful-paint"]?.numericValue ?? 0),
      lcp_ms: Math.round(lhr.audits["largest-contentful-paint"]?.numericValue ?? 0),
      failing: Object.values(lhr.audits)
        .filter((audit) => audit.score !== null && audit.score < 1 && audit.scoreDisplayMode === "binary")
        .map((audit) => audit.id),
      runtime_error: lhr.runtimeError?.message ?? null,
    };
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(results));
