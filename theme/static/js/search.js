// Search page: our own accessible UI on Pagefind's JavaScript API.
// Progressive enhancement: /search/ works without this file (it links to the lists
// instead); this script shows the form and the filters, and keeps the query, filters
// and sort in the URL so a search can be shared, bookmarked, reloaded and left with Back.
// Each filter group is a disclosure; Pagefind downloads a group's filter data only when
// the group is open or used, which keeps the first search small on a large site.

const siteRoot = new URL('../', document.baseURI); // this page is <site root>/search/
const PAGE_SIZE = 10;
const TYPING_DELAY_MS = 250;
const SORTS = {newest: {posted: 'desc'}, closing: {closes: 'asc'}};

const ui = {
  search: document.getElementById('search'),
  fallback: document.getElementById('search-fallback'),
  fallbackReason: document.getElementById('search-fallback-reason'),
  form: document.getElementById('search-form'),
  query: document.getElementById('search-q'),
  sort: document.getElementById('search-sort'),
  groups: document.getElementById('search-filter-groups'),
  clear: document.getElementById('search-clear'),
  status: document.getElementById('search-status'),
  results: document.getElementById('search-results'),
  more: document.getElementById('search-more'),
};
const groups = JSON.parse(document.getElementById('search-labels').textContent);
const OPEN_AT_START = new Set(['area']); // groups with a choice in the URL open too
// Open opportunities per value, counted by the build: the counts before any search.
const startCounts = Object.fromEntries(
  groups.map((group) => [group.name, Object.fromEntries(group.values.map(([key, , count]) => [key, count]))]),
);
const baseTitle = document.title;

let pagefind;
let searchNumber = 0; // only the latest search may update the page
let pending = []; // results not shown yet
let typing = false; // true while a run of keystrokes edits one history entry
let typingTimer;

function boxes(group) {
  return [...ui.groups.querySelectorAll(`input[type="checkbox"][name="${group}"]`)];
}

// -- State <-> URL <-> form ---------------------------------------------------------

function stateFromUrl() {
  const params = new URLSearchParams(window.location.search);
  const filters = {};
  for (const group of groups) {
    const known = new Set(boxes(group.name).map((box) => box.value));
    const values = params.getAll(group.name).filter((value) => known.has(value));
    if (values.length) filters[group.name] = values;
  }
  const sort = params.get('sort');
  return {q: params.get('q') || '', sort: sort in SORTS ? sort : '', filters};
}

function stateFromForm() {
  const filters = {};
  for (const group of groups) {
    const values = boxes(group.name).filter((box) => box.checked).map((box) => box.value);
    if (values.length) filters[group.name] = values;
  }
  return {q: ui.query.value, sort: ui.sort.value, filters};
}

function showState(state) {
  ui.query.value = state.q;
  ui.sort.value = state.sort;
  for (const group of groups) {
    const chosen = new Set(state.filters[group.name] || []);
    for (const box of boxes(group.name)) box.checked = chosen.has(box.value);
  }
}

function urlFor(state) {
  const params = new URLSearchParams();
  if (state.q.trim()) params.append('q', state.q.trim());
  for (const group of groups) {
    for (const value of state.filters[group.name] || []) params.append(group.name, value);
  }
  if (state.sort) params.append('sort', state.sort);
  const query = params.toString();
  return window.location.pathname + (query ? `?${query}` : '');
}

function remember(state, {replace = false} = {}) {
  const url = urlFor(state);
  if (url === window.location.pathname + window.location.search) return;
  if (replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
}

// -- Filters ---------------------------------------------------------------------

function buildFilters() {
  for (const group of groups) {
    if (!group.values.length) continue;
    const disclosure = document.createElement('details');
    disclosure.className = 'search-filter';
    disclosure.dataset.group = group.name;
    const summary = document.createElement('summary');
    summary.className = 'search-filter__summary';
    summary.textContent = group.legend;
    const fieldset = document.createElement('fieldset');
    fieldset.className = 'search-filter__fieldset';
    const legend = document.createElement('legend');
    legend.className = 'visually-hidden';
    legend.textContent = group.legend;
    const list = document.createElement('ul');
    list.className = 'search-filter__options';
    for (const [key, label] of group.values) {
      const id = `filter-${group.name}-${key}`;
      const item = document.createElement('li');
      item.className = 'search-filter__option';
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.id = id;
      box.name = group.name;
      box.value = key;
      const text = document.createElement('label');
      text.htmlFor = id;
      text.textContent = `${label} `;
      const count = document.createElement('span');
      count.className = 'search-filter__count';
      text.append(count);
      item.append(box, text);
      list.append(item);
    }
    fieldset.append(legend, list);
    disclosure.append(summary, fieldset);
    ui.groups.append(disclosure);
  }
}

function disclosures() {
  return [...ui.groups.querySelectorAll('details.search-filter')];
}

// How many results each value of an open group would give, with the other groups' choices
// (choices within a group are alternatives, so a group's own choices are left out).
async function groupCounts(term, filters, disclosure) {
  const name = disclosure.dataset.group;
  if (!term && !Object.keys(filters).length) return startCounts[name]; // nothing to ask Pagefind
  const values = boxes(name).map((box) => box.value);
  const search = await pagefind.search(term, {filters: {...filters, [name]: {any: values}}});
  return search.filters[name] || {};
}

function showCounts(disclosure, counts) {
  for (const box of boxes(disclosure.dataset.group)) {
    const number = counts[box.value] || 0;
    box.parentElement.querySelector('.search-filter__count').textContent = `(${number})`;
    box.parentElement.classList.toggle('search-filter__option--none', number === 0);
  }
}

// -- Results ---------------------------------------------------------------------

// A result's address from the index, only if it is a page of this site: never javascript:, data: or another host.
function siteAddress(value) {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value.replace(/^\//, ''), siteRoot);
    return url.origin === siteRoot.origin && url.href.startsWith(siteRoot.href) ? url.href : null;
  } catch {
    return null;
  }
}

// The same markup as the lists' opportunity card (theme/templates/macros/opportunity_card.html).
function card(data) {
  const meta = data.meta || {};
  const item = document.createElement('li');
  item.className = 'card';
  const heading = document.createElement('h3');
  heading.className = 'card__title';
  const link = document.createElement('a');
  link.className = 'card__link';
  link.href = siteAddress(meta.url) || siteAddress(data.url) || siteRoot.href;
  link.textContent = meta.title || data.url;
  heading.append(link);
  item.append(heading);
  if (meta.organisation) item.append(paragraph('card__organisation', meta.organisation));
  item.append(paragraph('card__summary', meta.summary || data.plain_excerpt || ''));
  const rows = [['Where', meta.where], ['Time', meta.time], ['Closing date', meta.closes]].filter(([, value]) => value);
  if (rows.length) {
    const list = document.createElement('dl');
    list.className = 'summary-list summary-list--compact';
    for (const [key, value] of rows) {
      const row = document.createElement('div');
      row.className = 'summary-list__row';
      const dt = document.createElement('dt');
      dt.className = 'summary-list__key';
      dt.textContent = key;
      const dd = document.createElement('dd');
      dd.className = 'summary-list__value';
      dd.textContent = value;
      row.append(dt, dd);
      list.append(row);
    }
    item.append(list);
  }
  return item;
}

function paragraph(className, text) {
  const element = document.createElement('p');
  element.className = className;
  element.textContent = text;
  return element;
}

async function showMore(number, {focus = false} = {}) {
  const batch = pending.splice(0, PAGE_SIZE);
  const datas = await Promise.all(batch.map((result) => result.data()));
  if (number !== searchNumber) return;
  const cards = datas.map(card);
  ui.results.append(...cards);
  ui.more.hidden = pending.length === 0;
  if (focus && cards.length) cards[0].querySelector('a').focus();
}

function describe(total, state) {
  const chosen = Object.values(state.filters).flat().length;
  const word = state.q.trim();
  if (!word && !chosen) return 'Type a word or choose a filter to see opportunities.';
  const found = total === 0 ? 'No results' : total === 1 ? '1 result' : `${total} results`;
  const parts = [found];
  if (word) parts.push(`for “${word}”`);
  if (chosen) parts.push(`with ${chosen === 1 ? '1 filter' : `${chosen} filters`}`);
  const advice = total === 0 ? '. Try another word or fewer filters.' : '';
  return parts.join(' ') + advice;
}

function pagefindFilters(state) {
  const filters = {};
  for (const [group, values] of Object.entries(state.filters)) filters[group] = {any: values};
  return filters;
}

async function run(state) {
  const number = ++searchNumber;
  const term = state.q.trim() || null;
  const filters = pagefindFilters(state);
  const options = {filters};
  if (state.sort) options.sort = SORTS[state.sort];

  const open = disclosures().filter((disclosure) => disclosure.open);
  const [search, ...counts] = await Promise.all([
    term || Object.keys(filters).length ? pagefind.search(term, options) : null,
    ...open.map((disclosure) => groupCounts(term, filters, disclosure)),
  ]);
  if (number !== searchNumber) return;
  pending = search ? search.results : [];
  ui.results.replaceChildren();
  open.forEach((disclosure, index) => showCounts(disclosure, counts[index]));
  ui.status.textContent = describe(pending.length, state);
  document.title = state.q.trim() ? `${state.q.trim()} – ${baseTitle}` : baseTitle;
  await showMore(number);
  if (number === searchNumber) ui.results.dataset.search = String(number); // this search is on screen
}

// A group opened later gets its counts for the search on screen.
async function opened(disclosure) {
  if (!disclosure.open) return;
  const number = searchNumber;
  const state = stateFromForm();
  const counts = await groupCounts(state.q.trim() || null, pagefindFilters(state), disclosure);
  if (number === searchNumber) showCounts(disclosure, counts);
}

// -- Wiring ----------------------------------------------------------------------

function changed({replace = false} = {}) {
  const state = stateFromForm();
  remember(state, {replace});
  return run(state).catch(broken);
}

function onTyping() {
  clearTimeout(typingTimer);
  typingTimer = setTimeout(() => {
    changed({replace: typing}); // the first keystroke of a run makes a new history entry
    typing = true;
  }, TYPING_DELAY_MS);
}

function settled() {
  clearTimeout(typingTimer);
  typing = false;
}

function broken(error) {
  ui.status.textContent = 'Sorry, search is not working at the moment. Try again, or use the links at the end of this page.';
  ui.fallback.hidden = false;
  ui.fallbackReason.textContent = 'You can still find every opportunity:';
  throw error;
}

function failed() {
  ui.search.hidden = true;
  ui.fallback.hidden = false;
  ui.fallbackReason.textContent = 'Search is not working at the moment. You can still find every opportunity:';
}

async function start() {
  try {
    pagefind = await import(new URL('pagefind/pagefind.js', siteRoot).href);
    await pagefind.init();
    buildFilters();
  } catch (error) {
    failed();
    throw error;
  }
  const state = stateFromUrl();
  showState(state);
  for (const disclosure of disclosures()) {
    disclosure.open = OPEN_AT_START.has(disclosure.dataset.group) || disclosure.dataset.group in state.filters;
    disclosure.addEventListener('toggle', () => opened(disclosure).catch(broken));
  }
  ui.fallback.hidden = true;
  ui.search.hidden = false;

  ui.query.addEventListener('input', onTyping);
  ui.form.addEventListener('submit', (event) => {
    event.preventDefault();
    const wasTyping = typing;
    settled();
    changed({replace: wasTyping});
  });
  ui.groups.addEventListener('change', () => {
    settled();
    changed();
  });
  ui.sort.addEventListener('change', () => {
    settled();
    changed();
  });
  ui.clear.addEventListener('click', () => {
    settled();
    for (const box of ui.groups.querySelectorAll('input[type="checkbox"]')) box.checked = false;
    changed();
  });
  ui.more.addEventListener('click', () => showMore(searchNumber, {focus: true}));
  window.addEventListener('popstate', () => {
    settled();
    const restored = stateFromUrl();
    showState(restored);
    run(restored).catch(broken);
  });
  await run(state).catch(broken);
}

start();
