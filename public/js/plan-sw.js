// My plan, offline: keeps one copy of the person's own plan page on their device, so it can
// be read without a connection. It caches nothing else that is personal, and everything is
// removed when the person signs out (Clear-Site-Data, and the signed-out page's script).
const CACHE = 'hearth-my-plan-v1';
const PLAN_PAGE = '/my-plan/offline';
const STYLES = ['/nhsuk/nhsuk-frontend.min.css', '/static/css/app.css', '/static/css/app-plan.css'];

async function savePlan() {
  const response = await fetch(PLAN_PAGE, { credentials: 'same-origin', redirect: 'manual' });
  // Only a page that really is the signed-in person's plan is kept, never a sign-in page.
  if (response.status !== 200 || response.type !== 'basic') return false;
  const cache = await caches.open(CACHE);
  await cache.put(PLAN_PAGE, response);
  await cache.addAll(STYLES).catch(() => undefined);
  return true;
}

self.addEventListener('install', (event) => {
  event.waitUntil(savePlan().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

self.addEventListener('message', (event) => {
  if (event.data === 'refresh') event.waitUntil(savePlan());
  if (event.data === 'clear') event.waitUntil(caches.delete(CACHE));
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (url.origin !== self.location.origin || event.request.method !== 'GET') return;
  if (event.request.mode === 'navigate' && url.pathname.startsWith('/my-plan')) {
    event.respondWith(
      fetch(event.request).catch(async () => {
        const cached = await caches.match(PLAN_PAGE);
        return cached ?? Response.error();
      }),
    );
    return;
  }
  if (STYLES.includes(url.pathname)) {
    event.respondWith(
      fetch(event.request).catch(
        async () => (await caches.match(url.pathname)) ?? Response.error(),
      ),
    );
  }
});
