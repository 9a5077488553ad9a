// Registers Attune's service worker and offers a waiting new version.
// Plain JS in its own file (the CSP allows no inline script; this keeps the
// wasm, and so the first load, free of it), loaded `async` or `defer`.
//
// The rule: a new version is offered only between ratings and applied only
// on the user's word. "Between ratings" is read from the same place a reload
// would restore a rating from, the stored draft (`attune.draft`, written on
// every mark and removed on Done): while it exists the banner stays hidden,
// so a client is never interrupted, and a reload could not lose a mark anyway.
// Only where someone may be marking lines, though: the form page, and the
// therapist page in client mode (a round) or on its own form (#/rate-here).
// Elsewhere on the therapist page a stored draft only waits for its person
// (a tablet left in client mode, then unlocked), so the offer shows there
// and the update keeps the draft: it reaches that tablet, marks and all.
(() => {
  // The app's panic notice (src/ui/panic.rs) has a Reload button; the wasm
  // may be dead by then, so plain JS answers it.
  document.addEventListener('click', (e) => {
    if (e.target instanceof Element && e.target.closest('[data-action="reload"]')) location.reload();
  });
  const sw = navigator.serviceWorker;
  if (!sw) return;
  const DRAFT_KEY = 'attune.draft';
  const LOCK_KEY = 'attune.locked';
  let waiting = null;
  let applying = false;
  let timer = 0;

  const drafting = () => {
    try {
      if (localStorage.getItem(DRAFT_KEY) === null) return false;
      return !/therapist\.html$/.test(location.pathname)
        || localStorage.getItem(LOCK_KEY) !== null
        || location.hash === '#/rate-here';
    } catch {
      return false;
    }
  };

  // A live region present from the start, so screen readers announce the
  // offer when it appears. In the body once the page is parsed: the form
  // page loads this script `async` (so the page's parse, and the form's
  // start, which waits for it, never wait for this file), the therapist page
  // `defer`.
  const region = document.createElement('div');
  region.className = 'update';
  region.setAttribute('aria-live', 'polite');
  const place = () => document.body.prepend(region);
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', place, { once: true });
  else place();
  let checks = 0;
  const show = () => {
    // Each decision is counted on the page, so a test can wait for the
    // check to have run (rather than sleep) before asserting no offer.
    document.documentElement.dataset.updateChecks = String(++checks);
    const offer = waiting !== null && !drafting();
    if (offer === (region.firstChild !== null)) return;
    if (!offer) {
      region.replaceChildren();
      return;
    }
    const banner = document.createElement('div');
    banner.className = 'banner info';
    banner.dataset.testid = 'update-banner';
    const text = document.createElement('p');
    text.textContent = 'Update available: a new version of Attune is ready. Your ratings are kept.';
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'Update now';
    button.addEventListener('click', () => {
      // A rating may have started since the last look.
      if (!waiting || drafting()) return show();
      applying = true;
      waiting.postMessage('attune-skip-waiting');
    });
    banner.append(text, button);
    region.replaceChildren(banner);
  };
  const offer = (worker) => {
    waiting = worker;
    show();
    // The draft lives in the app, which sends no event when it changes: look
    // twice a second, and only while a version is waiting.
    if (!timer) timer = setInterval(show, 500);
  };
  const watch = (worker) => {
    if (!worker) return;
    worker.addEventListener('statechange', () => {
      // "installed" with a controller present means a new version is waiting;
      // on a first visit there is no controller and nothing to offer.
      if (worker.state === 'installed' && sw.controller) offer(worker);
    });
  };

  const start = () => sw.register('sw.js').then((reg) => {
    if (reg.waiting && sw.controller) offer(reg.waiting);
    watch(reg.installing);
    reg.addEventListener('updatefound', () => watch(reg.installing));
    // An installed app can stay open for days: look for a new version
    // whenever it is shown again.
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') reg.update().catch(() => {});
    });
  }).catch((e) => console.warn('Attune: offline use is not available here:', e));

  // The first visit's clients.claim() also changes the controller: reload only
  // when the user asked for the update.
  sw.addEventListener('controllerchange', () => {
    if (applying) location.reload();
  });

  // Registered once the app has started and the page is idle, not at once:
  // installing downloads every file of the app (the therapist page's module
  // too), which would compete with the form's own start-up. A page whose app
  // never starts (an old tab whose files an update removed) still registers
  // after a while, so an update reaches it.
  let registered = false;
  const register = () => {
    if (registered) return;
    registered = true;
    start();
  };
  const idle = () => ('requestIdleCallback' in window ? requestIdleCallback(register, { timeout: 2000 }) : setTimeout(register, 100));
  if (window.wasmBindings) idle();
  else addEventListener('TrunkApplicationStarted', idle, { once: true });
  setTimeout(register, 10000);
})();
