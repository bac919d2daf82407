// /shortlist/: shows the opportunities named in the address (?ids=a,b,c), or else the ones kept
// on this device, each as the handout its opportunity page carries (<template class=
// "handout-template">), so the list looks the same wherever the address is opened and prints
// as an A4 handout. The address always names the list on screen, so it can be copied as it is.
import {idsQuery, load, parseIds, save} from './store.js';
import {mailtoHref, smsHref} from './share.js';
import {addShortlistButtons} from './buttons.js';

const ui = {
  root: document.getElementById('shortlist'),
  fallback: document.getElementById('shortlist-fallback'),
  shared: document.getElementById('shortlist-shared'),
  keep: document.getElementById('shortlist-keep'),
  status: document.getElementById('shortlist-status'),
  share: document.getElementById('shortlist-share'),
  link: document.getElementById('shortlist-link'),
  copy: document.getElementById('shortlist-copy'),
  email: document.getElementById('shortlist-email'),
  sms: document.getElementById('shortlist-sms'),
  print: document.getElementById('shortlist-print'),
  large: document.getElementById('shortlist-large'),
  items: document.getElementById('shortlist-items'),
  empty: document.getElementById('shortlist-empty'),
  clearRow: document.getElementById('shortlist-clear-row'),
  clear: document.getElementById('shortlist-clear'),
};
const siteRoot = new URL('../', document.baseURI); // this page is <site root>/shortlist/
const store = (() => {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
})();

let shown = []; // slugs on screen, in order
let drawing = 0;

function fromAddress() {
  const params = new URLSearchParams(window.location.search);
  return params.has('ids') ? parseIds(params.get('ids')) : null;
}

function listUrl(ids) {
  return new URL(idsQuery(ids) || './', document.baseURI).href;
}

// One opportunity's handout, from its page (or a short note when it cannot be found).
async function handout(slug) {
  const item = document.createElement('li');
  item.className = 'handout-list__item';
  item.dataset.shortlist = slug;
  try {
    const response = await fetch(new URL(`opportunities/${slug}/`, siteRoot));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const page = new DOMParser().parseFromString(await response.text(), 'text/html');
    const template = page.querySelector('template.handout-template');
    if (!template) throw new Error('no handout');
    const article = document.importNode(template.content, true);
    for (const link of article.querySelectorAll('a[data-path]')) link.href = new URL(link.dataset.path, siteRoot).href;
    item.append(article);
  } catch {
    const note = document.createElement('p');
    note.className = 'handout handout--missing';
    note.textContent = `We could not find the opportunity “${slug}”. It may have been taken down.`;
    item.append(note);
  }
  return item;
}

async function draw(ids) {
  const number = ++drawing;
  shown = ids;
  const items = await Promise.all(ids.map(handout));
  if (number !== drawing) return;
  ui.items.replaceChildren(...items);
  addShortlistButtons(ui.items);
  const url = listUrl(ids);
  if (ids.length && window.location.href !== url) window.history.replaceState(null, '', url);
  ui.link.value = url;
  const found = [...ui.items.querySelectorAll('.handout')].filter((article) => article.dataset.slug).map((article) => ({
    title: article.querySelector('.handout__title').textContent.trim(),
    organisation: article.querySelector('.handout__organisation').textContent.trim(),
    url: article.querySelector('.handout__link').href,
  }));
  ui.email.href = mailtoHref(found, url);
  ui.sms.href = smsHref(url);
  ui.share.hidden = ids.length === 0;
  ui.clearRow.hidden = ids.length === 0 || !isLocal(ids);
  ui.empty.hidden = ids.length > 0;
  ui.shared.hidden = ids.length === 0 || isLocal(ids) || !store;
  ui.items.dataset.ready = String(number); // for tests: this list is on screen
}

function isLocal(ids) {
  const local = store ? load(store) : [];
  return local.length === ids.length && local.every((slug, index) => slug === ids[index]);
}

function say(text) {
  ui.status.textContent = text;
}

async function copyLink() {
  try {
    await navigator.clipboard.writeText(ui.link.value);
  } catch {
    ui.link.select(); // the clipboard is not available here: select the link for Ctrl+C
    say('Select the link above and copy it.');
    return;
  }
  say('Link copied. Paste it into an email, a text message or a note.');
}

function start() {
  ui.fallback.hidden = true;
  ui.root.hidden = false;
  const named = fromAddress();
  draw(named ?? (store ? load(store) : []));

  ui.copy.addEventListener('click', () => copyLink());
  ui.link.addEventListener('focus', () => ui.link.select());
  ui.print.addEventListener('click', () => window.print());
  ui.large.addEventListener('change', () => ui.items.classList.toggle('handout-list--large', ui.large.checked));
  ui.keep.addEventListener('click', () => {
    if (save(store, shown)) {
      say('This list is now kept on this device.');
      draw(shown);
    }
  });
  ui.clear.addEventListener('click', () => {
    save(store, []);
    window.history.replaceState(null, '', listUrl([]));
    say('Your shortlist is cleared.');
    draw([]);
  });
  // "Remove from shortlist" on a handout: the list on screen is this device's, so follow it.
  window.addEventListener('shortlist:changed', () => {
    if (store && isLocal(shown) === false && ui.shared.hidden) draw(load(store));
  });
}

start();
