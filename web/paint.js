// Runs before the first paint of index.html, the app's start address.
//
// First: while the device is handed over for a round (client mode's marker
// is domain::handover's ROUND_MARKER), the round runs on the therapist page,
// so this page goes there at once and draws nothing: a tablet relaunched
// mid-round (or a new tab, or Back) never shows a blank form the person
// whose turn it is could mark. Also when the page comes back from the
// back/forward cache, where it does not run again.
//
// Then: whether the static rating screen in index.html (#paint) is what the
// app will show once its wasm has loaded: the plain form with the default
// SRS. Client mode, presentation mode, a draft of another scale (the ORS),
// a draft for a client when some clients rate in another language
// (attune.words), a header in the therapist page's language (attune.page.frame)
// and a link to another screen each look different, so the page stays
// blank until the app draws them instead of showing the wrong heading for a
// moment. Anything unexpected (storage blocked, a draft that is not JSON)
// also leaves it blank: the app decides. The keys are those of
// src/storage.rs; the scale id is the SRS definition's, written in by
// scripts/postbuild.mjs.
(() => {
  const round = () => {
    try {
      if (localStorage.getItem('attune.locked') !== 'round') return false;
    } catch {
      return false;
    }
    location.replace('therapist.html');
    return true;
  };
  addEventListener('pageshow', (e) => e.persisted && round());
  let plain = false;
  try {
    const draft = JSON.parse(localStorage.getItem('attune.draft') ?? 'null');
    const words = localStorage.getItem('attune.words');
    plain = !round()
      && localStorage.getItem('attune.locked') === null
      && sessionStorage.getItem('attune.present') === null
      && (draft === null || draft.scale_id === '__ATTUNE_SRS_ID__')
      // A client who rates in their own language, or the device's wording
      // for every client (a "c<tab>*<tab>" line): the app draws the words.
      && (words === null || (!(draft && draft.client_id) && !words.includes('\nc\t*\t')))
      && (location.hash === '' || location.hash === '#/')
      // The therapist's header in the therapist page's language.
      && localStorage.getItem('attune.page.frame') === null;
  } catch {
    plain = false;
  }
  if (!plain) document.documentElement.classList.add('no-paint');
  // The page's loader, the next script in the head, starts the module this
  // decision names while the rest of the page is parsed (scripts/postbuild.mjs,
  // 1b); without it, the full module.
  window.attunePaint = plain;
})();
