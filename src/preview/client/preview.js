// The preview page's script (served as /preview.js; no build step, no inline script).
// The server says on /events when a build is done; this fetches the PDF and draws its pages
// with pdf.js: a canvas per page and pdf.js's text layer over it, so the page's text is in the
// document (to select, copy, find, and for the tests). Everything shown from the server is set
// as text (textContent), never as HTML: an error message quotes the data file.
/* global document, window, fetch, EventSource, IntersectionObserver, setTimeout, clearTimeout */
import * as pdfjs from '/pdfjs/pdf.mjs';

pdfjs.GlobalWorkerOptions.workerSrc = '/pdfjs/pdf.worker.mjs';
/** One worker for every edition the page shows. */
const worker = new pdfjs.PDFWorker({ name: 'voorbeeld' });

/** A4 at 100 %: one PDF point is 96/72 CSS pixels; smaller when the window is narrower. */
const FULL_SCALE = 96 / 72;
const GAP = 32;

const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** Build number of the PDF on screen, and of the newest one the server has. */
let shownBuild = 0;
let wantedBuild = 0;
let loading = false;
/** @type {{ doc: any, pages: any[], observer: IntersectionObserver, data: Uint8Array, scale: number } | null} */
let current = null;
/** The server's last word: a build may fail while the previous good one is being drawn. */
let lastStatus = null;

// --- What the server says ----------------------------------------------------------------------

const events = new EventSource('/events');
events.addEventListener('status', (e) => update(JSON.parse(/** @type {MessageEvent} */ (e).data)));
events.addEventListener('error', () => {
  $('status').textContent = 'geen verbinding met de voorbeeldserver; opnieuw proberen…';
  document.body.dataset.verbinding = 'weg';
});
events.addEventListener('open', () => {
  document.body.dataset.verbinding = 'open';
});

function update(s) {
  lastStatus = s;
  const name = `${s.publication} ${s.year}`;
  document.title = `Voorbeeld – ${name}`;
  $('titel').textContent = `Voorbeeld ${name}`;
  document.body.dataset.bouwen = s.building ? 'ja' : 'nee';

  const fout = $('fout');
  if (s.ok === false) {
    $('fouttekst').textContent = s.error ?? '';
    fout.hidden = false;
    document.body.dataset.state = 'fout';
  } else {
    fout.hidden = true;
    $('fouttekst').textContent = '';
    // The good pages come back when the new PDF is drawn (show), not before.
    if (s.ok && s.pdf === shownBuild) document.body.dataset.state = 'klaar';
  }

  const w = $('waarschuwingen');
  w.hidden = !s.warningCount || s.ok === false;
  $('waarschuwingen-kop').textContent =
    `${s.warningCount} ${s.warningCount === 1 ? 'waarschuwing' : 'waarschuwingen'}`;
  $('waarschuwingen-tekst').textContent = s.warnings ?? '';

  $('pdf').hidden = !s.pdf;
  $('status').textContent = statusText(s);
  if (s.ok && s.pdf) void load(s.pdf);
}

function statusText(s) {
  const parts = [];
  if (s.ok === true) parts.push(`build ${s.build}`, `${s.pages} pagina's`, `${s.ms} ms`);
  if (s.ok === false) parts.push(`build ${s.build} mislukt`);
  if (s.building) parts.push('bouwen…');
  if (!parts.length) parts.push('wachten op de eerste build…');
  return parts.join(' · ');
}

// --- Fetching and drawing ------------------------------------------------------------------

/** Show the newest PDF; builds that finish while one is drawn are caught up with afterwards. */
async function load(build) {
  wantedBuild = Math.max(wantedBuild, build);
  if (loading) return;
  loading = true;
  try {
    while (wantedBuild > shownBuild) {
      const response = await fetch('/report.pdf', { cache: 'no-store' });
      if (!response.ok) break;
      const got = Number(response.headers.get('X-Build')) || wantedBuild;
      const data = new Uint8Array(await response.arrayBuffer());
      await show(data);
      shownBuild = got;
      document.body.dataset.build = String(got);
    }
  } catch (e) {
    $('status').textContent = `het voorbeeld kon de PDF niet tonen: ${e?.message ?? e}`;
  } finally {
    loading = false;
  }
}

function pageScale() {
  const room = document.documentElement.clientWidth - GAP;
  return Math.max(0.25, Math.min(FULL_SCALE, room / 595.28));
}

/**
 * Draw an edition beside the one on screen (invisible, at the same place), the pages in view
 * first; then swap, keeping the scroll position. The other pages get their text at once and
 * their drawing when they come near the view.
 */
async function show(data) {
  const scale = pageScale();
  // pdf.js takes the buffer over to its worker: keep a copy for a redraw at another size.
  const doc = await pdfjs.getDocument({
    data: data.slice(),
    worker,
    isEvalSupported: false,
    enableXfa: false,
    verbosity: 0,
  }).promise;
  const old = $('paginas');
  const container = document.createElement('main');
  container.className = 'klaarzetten';
  container.setAttribute('aria-label', "Pagina's van het verslag");
  container.style.top = `${old.offsetTop}px`;

  const pages = await Promise.all(
    Array.from({ length: doc.numPages }, async (_, i) => {
      const page = await doc.getPage(i + 1);
      const viewport = page.getViewport({ scale });
      const div = document.createElement('div');
      div.className = 'pagina';
      div.dataset.pagina = String(i + 1);
      div.style.width = `${Math.floor(viewport.width)}px`;
      div.style.height = `${Math.floor(viewport.height)}px`;
      div.style.setProperty('--total-scale-factor', String(scale));
      return { page, viewport, div, drawing: null, texting: null };
    }),
  );
  for (const p of pages) container.append(p.div);
  old.after(container);

  const inView = pages.filter((p) => {
    const r = p.div.getBoundingClientRect();
    return r.bottom > 0 && r.top < window.innerHeight;
  });
  const first = inView.length ? inView : pages.slice(-1);
  await Promise.all(first.map((p) => Promise.all([draw(p), text(p)])));

  const y = window.scrollY;
  old.remove();
  container.className = '';
  container.style.top = '';
  container.id = 'paginas';
  window.scrollTo(0, y);
  document.body.dataset.state = lastStatus?.ok === false ? 'fout' : 'klaar';

  if (current) {
    current.observer.disconnect();
    void current.doc.destroy();
  }
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        const p = pages.find((q) => q.div === entry.target);
        if (entry.isIntersecting && p) void draw(p).catch(ignore);
      }
    },
    { rootMargin: '100% 0px' },
  );
  for (const p of pages) observer.observe(p.div);
  current = { doc, pages, observer, data, scale };
  // Every page's text, so that find and copy see the whole report (in the background).
  void (async () => {
    for (const p of pages) {
      if (current?.doc !== doc) return;
      await text(p).catch(ignore);
    }
  })();
}

function ignore() {
  // A drawing of an edition that was replaced meanwhile; nothing to show.
}

function draw(p) {
  p.drawing ??= (async () => {
    const ratio = window.devicePixelRatio || 1;
    const canvas = document.createElement('canvas');
    canvas.width = Math.floor(p.viewport.width * ratio);
    canvas.height = Math.floor(p.viewport.height * ratio);
    const canvasContext = canvas.getContext('2d');
    await p.page.render({
      canvasContext,
      viewport: p.viewport,
      transform: ratio === 1 ? null : [ratio, 0, 0, ratio, 0, 0],
    }).promise;
    p.div.prepend(canvas);
  })();
  return p.drawing;
}

function text(p) {
  p.texting ??= (async () => {
    const layer = document.createElement('div');
    layer.className = 'textLayer';
    const textLayer = new pdfjs.TextLayer({
      textContentSource: p.page.streamTextContent(),
      container: layer,
      viewport: p.viewport,
    });
    await textLayer.render();
    p.div.append(layer);
  })();
  return p.texting;
}

// A narrower or wider window: the same edition again at the new size.
let resizing;
window.addEventListener('resize', () => {
  clearTimeout(resizing);
  resizing = setTimeout(() => {
    if (current && Math.abs(pageScale() - current.scale) > 0.01 && !loading) {
      loading = true;
      show(current.data)
        .catch(ignore)
        .finally(() => {
          loading = false;
        });
    }
  }, 200);
});
