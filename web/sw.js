// Attune's service worker: after one visit the app starts and works with no
// network. scripts/postbuild.mjs writes dist/sw.js from this template after
// every Trunk build, filling in the precache list (Trunk's hashed file names)
// and a version derived from every file's hash, so any change to the build
// changes this file's bytes and the browser installs the new version.
//
// A new version installs in the background and then *waits*: it takes over
// only when the app, on the user's word and never mid-rating, sends
// "attune-skip-waiting" (see web/sw-register.js).
'use strict';

const VERSION = '__ATTUNE_VERSION__';
const ASSETS = __ATTUNE_ASSETS__;
const CACHE = `attune-${VERSION}`;
const SCOPE = new URL('./', self.location).pathname;
const PAGE = new URL('index.html', self.location).href;

self.addEventListener('install', (event) => {
  // cache: 'reload' skips the HTTP cache, so a stale file can never be
  // precached under a new version.
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(ASSETS.map((a) => new Request(a, { cache: 'reload' })))),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    // Only our own caches, and only older versions: the new one is complete.
    for (const key of await caches.keys()) {
      if (key.startsWith('attune-') && key !== CACHE) await caches.delete(key);
    }
    // The first visit's page is controlled at once, so it already works offline.
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data === 'attune-skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== self.location.origin) return;
  // The page and every hashed asset come from this version's cache, so a page
  // never mixes files of two builds; anything not precached goes to the network.
  const isPage = req.mode === 'navigate' && (url.pathname === SCOPE || url.pathname === `${SCOPE}index.html`);
  const key = isPage ? PAGE : req;
  event.respondWith(
    caches.match(key, { cacheName: CACHE, ignoreSearch: isPage }).then((hit) => hit ?? fetch(req)),
  );
});
