/* Court Monitor service worker. The server writes VERSION, PRECACHE, APP_PAGE and START_PAGE in
   front of this file (monitor/filing/offline_shell.py and offline_app.py), so every deployment gets a new worker and new cache names.
   Only copies of the site live in the Cache API; the monitor's checklists and the outbox live in
   IndexedDB, which this worker never touches, so an update cannot drop anything queued. */
"use strict";
const CACHE = "court-monitor-" + VERSION;
const API_CACHE = "court-monitor-api-" + VERSION;

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await Promise.all(PRECACHE.map(async (url) => {
      const response = await fetch(url, { credentials: "same-origin", cache: "no-cache" });
      if (!response.ok || response.redirected) throw new Error("could not cache " + url);
      await cache.put(url, response);
    }));
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((name) => name.startsWith("court-monitor-") && name !== CACHE && name !== API_CACHE)
      .map((name) => caches.delete(name)));
    await self.clients.claim();
  })());
});

/* Keep a good answer; a login redirect or an error page is never kept. */
async function keep(cacheName, request, response) {
  if (response.ok && !response.redirected && response.type === "basic") {
    const cache = await caches.open(cacheName);
    await cache.put(request, response.clone());
  }
  return response;
}

async function fromNetworkThenCache(request, cacheName) {
  try {
    return await keep(cacheName, request, await fetch(request));
  } catch (offline) {
    const cached = await caches.match(request, { ignoreVary: true });
    if (cached) return cached;
    throw offline;
  }
}

async function fromCacheThenNetwork(request) {
  return (await caches.match(request, { ignoreVary: true })) || keep(CACHE, request, await fetch(request));
}

/* Server pages hold one monitor's data, so they are never kept; without a connection the
   offline app opens in their place. */
async function pageOrOfflineApp(request) {
  try {
    return await fetch(request);
  } catch (offline) {
    const app = await caches.match(APP_PAGE);
    if (app) return app;
    throw offline;
  }
}

/* A language chosen in the app goes to the server (it is remembered on the account) and the page
   in that language becomes the one kept; without a connection the kept page switches by itself. */
async function appInLanguage(request) {
  try {
    const response = await fetch(request);
    if (response.ok && !response.redirected) await (await caches.open(CACHE)).put(APP_PAGE, response.clone());
    return response;
  } catch (offline) {
    const app = await caches.match(APP_PAGE);
    if (app) return app;
    throw offline;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    if (url.pathname === APP_PAGE && url.searchParams.has("lang")) event.respondWith(appInLanguage(request));
    else if (url.pathname === APP_PAGE || (url.pathname === START_PAGE && !url.search)) {
      /* A new checklist too: the kept app draws its start screen itself, with no wait for the link. */
      event.respondWith(caches.match(APP_PAGE).then((kept) => kept || fetch(request)));
    }
    else if (url.pathname !== "/login") event.respondWith(pageOrOfflineApp(request));
  } else if (url.pathname.startsWith("/static/") || url.pathname.startsWith(APP_PAGE + "/")) {
    event.respondWith(fromCacheThenNetwork(request));
  } else if (/^\/api\/v1\/(checklists|courts)/.test(url.pathname)) {
    event.respondWith(fromNetworkThenCache(request, API_CACHE));
  }
});

self.addEventListener("message", (event) => {
  if (event.data === "version" && event.ports[0]) event.ports[0].postMessage(VERSION);
});
