/* binhdan service worker, served as /sw.js so that it covers the whole site. It keeps the courses a learner has
   opened readable without a connection: course, lesson and step pages and the home page come from the network
   first and from the cache when the network fails; /static/ and /media/ files come from the cache first. It never
   keeps API answers, other pages, anything but a GET, or an answer other than 200. Progress made offline is queued
   by the page (app.js), not here. Change VERSION to drop every cache kept by the previous version. */
'use strict';

const VERSION = 'v1';
const PAGES = `binhdan-pages-${VERSION}`;
const ASSETS = `binhdan-assets-${VERSION}`;
const MEDIA = `binhdan-media-${VERSION}`;
const KEPT = [PAGES, ASSETS, MEDIA];
const LIMITS = { [PAGES]: 300, [MEDIA]: 200, [ASSETS]: 20 };
// A weak connection that answers nothing for this long shows the kept copy instead.
const NETWORK_WAIT = 8000;
// Pages kept for reading: home, a course, a lesson, a step. Never /signin, /me, /volunteer, /reports, quizzes.
const PAGE = /^\/(?:courses\/[^/]+(?:\/[^/]+(?:\/steps\/\d+)?)?\/?)?$/;

self.addEventListener('install', () => self.skipWaiting());

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names.filter((name) => name.startsWith('binhdan-') && !KEPT.includes(name))
      .map((name) => caches.delete(name))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || request.headers.has('range')) return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/static/')) event.respondWith(cacheFirst(event, ASSETS));
  else if (url.pathname.startsWith('/media/')) event.respondWith(cacheFirst(event, MEDIA));
  else if (request.mode === 'navigate' && PAGE.test(url.pathname)) event.respondWith(networkFirst(event, url));
});

const keyOf = (url) => url.origin + url.pathname;
const keepable = (response) => response.status === 200 && response.type === 'basic';
const isHTML = (response) => (response.headers.get('Content-Type') || '').startsWith('text/html');

// Work that may finish after the answer: caching must never break the answer itself.
function later(event, promise) {
  const quiet = promise.catch(() => {});
  try {
    event.waitUntil(quiet);
  } catch (error) {
    // The event is over; the work goes on while the worker lives.
  }
}

async function trim(cache, name) {
  const keys = await cache.keys();
  // Keys come oldest first, and putting an entry again moves it to the end.
  for (const request of keys.slice(0, Math.max(0, keys.length - LIMITS[name]))) await cache.delete(request);
}

async function put(cache, name, key, response) {
  await cache.put(key, response);
  if (name === ASSETS) {
    // One version of each stylesheet or script: pages kept earlier fall back to it (see cacheFirst).
    const path = new URL(key.url || key).pathname;
    for (const request of await cache.keys()) {
      if (new URL(request.url).pathname === path && request.url !== (key.url || key)) await cache.delete(request);
    }
  }
  await trim(cache, name);
}

async function cacheFirst(event, name) {
  const cache = await caches.open(name);
  const hit = await cache.match(event.request, { ignoreVary: true });
  if (hit) return hit;
  try {
    const response = await fetch(event.request);
    if (keepable(response)) later(event, put(cache, name, event.request, response.clone()));
    return response;
  } catch (error) {
    const older = await cache.match(event.request, { ignoreSearch: true, ignoreVary: true });
    if (older) return older;
    throw error;
  }
}

async function networkFirst(event, url) {
  const cache = await caches.open(PAGES);
  const network = fetch(event.request).then((response) => {
    if (keepable(response) && isHTML(response)) later(event, put(cache, PAGES, keyOf(url), response.clone()));
    return response;
  });
  const kept = await cache.match(keyOf(url), { ignoreVary: true });
  if (!kept) return network;
  later(event, network);
  try {
    const response = await Promise.race([
      network,
      new Promise((resolve, reject) => setTimeout(() => reject(new Error('network too slow')), NETWORK_WAIT)),
    ]);
    if (response.status < 500) return response;
  } catch (error) {
    // Offline, or too slow: the kept copy below.
  }
  return markedCopy(kept);
}

// The page learns from this mark that the server did not see the visit, and says that it is offline.
async function markedCopy(kept) {
  const html = (await kept.text()).replace(/<html(?=[\s>])/i, '<html data-offline-copy');
  const headers = new Headers(kept.headers);
  headers.delete('Content-Length');
  headers.delete('ETag');
  return new Response(html, { status: 200, statusText: 'OK', headers });
}

/* Asked by a page (app.js): keep its stylesheet and script, the lessons of an opened course, and the steps of an
   opened lesson with their images, so that they can be read offline. Fetched without cookies so that the server
   records no visit; the learner's own copy replaces each page when they open it online. */
self.addEventListener('message', (event) => {
  const data = event.data || {};
  if (data.type === 'keep') event.waitUntil(keep(data).catch(() => {}));
});

async function keep({ assets = [], pages = [], lessons = [], lang = '' }) {
  const assetCache = await caches.open(ASSETS);
  for (const asset of assets.slice(0, 10)) {
    const url = new URL(asset, self.location.origin);
    if (url.origin !== self.location.origin || !url.pathname.startsWith('/static/')) continue;
    if (!(await assetCache.match(url.href))) await save(assetCache, ASSETS, url.href, 'same-origin');
  }
  const pageCache = await caches.open(PAGES);
  for (const page of pages.slice(0, 50)) await keepPage(pageCache, page, lang);
  const mediaCache = await caches.open(MEDIA);
  for (const lesson of lessons.slice(0, 1)) {
    const html = await keepPage(pageCache, lesson, lang);
    const steps = found(new RegExp(`href="(${lesson}/steps/\\d+)"`, 'g'), html);
    let images = found(/src="(\/media\/[^"]+)"/g, html);
    for (const step of Array.from(new Set(steps)).slice(0, 60)) {
      images = images.concat(found(/src="(\/media\/[^"]+)"/g, await keepPage(pageCache, step, lang)));
    }
    for (const image of Array.from(new Set(images)).slice(0, 60)) {
      const href = new URL(image, self.location.origin).href;
      if (!(await mediaCache.match(href))) await save(mediaCache, MEDIA, href, 'same-origin');
    }
  }
}

function found(pattern, text) {
  const matches = [];
  for (let match; (match = pattern.exec(text));) matches.push(match[1].replace(/&amp;/g, '&'));
  return matches;
}

async function save(cache, name, href, credentials) {
  try {
    const response = await fetch(href, { credentials });
    if (keepable(response)) await put(cache, name, href, response.clone());
    return response;
  } catch (error) {
    return null;
  }
}

// The kept copy's HTML, fetching it first when there is none.
async function keepPage(cache, path, lang) {
  const url = new URL(path, self.location.origin);
  if (url.origin !== self.location.origin || !PAGE.test(url.pathname)) return '';
  const kept = await cache.match(keyOf(url), { ignoreVary: true });
  if (kept) return kept.text();
  try {
    const response = await fetch(url.pathname + (lang ? `?lang=${encodeURIComponent(lang)}` : ''), { credentials: 'omit' });
    if (!keepable(response) || !isHTML(response)) return '';
    await put(cache, PAGES, keyOf(url), response.clone());
    return response.text();
  } catch (error) {
    return '';
  }
}
