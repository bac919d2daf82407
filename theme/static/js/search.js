// Search page: our own accessible UI on Pagefind's JavaScript API.
// Progressive enhancement: /search/ works without this file (it links to the lists instead);
// this script shows the form, the filters panel and the results, and keeps the query, filters
// and sort in the address (search/state.js). Results go through search/pipeline.js, where
// other modules (the Near box) can reorder or annotate them and add a chip and a phrase.
// Each filter group is a disclosure; Pagefind downloads a group's filter data only when the
// group is open or used, which keeps the first search small on a large site.

import {SORTS, chosenCount, pagefindFilters, queryString, readState} from './search/state.js';
import {queryWords, resultMatches} from './search/match.js';
import {describe} from './search/summary.js';
import {chipsFor, showChips} from './search/chips.js';
import {setUpPanel} from './search/panel.js';
import {card} from './search/results.js';
import {applySteps, stepChips, stepParams, stepPhrases, stepSorts, stepsActive} from './search/pipeline.js';
import {arrayQueue, mergeShards, mergedQueue, remembered, searchShards} from './search/shards.js';
import {addShortlistButtons} from './shortlist/buttons.js';

const siteRoot = new URL('../', document.baseURI); // this page is <site root>/search/
const PAGE_SIZE = 10;
const TYPING_DELAY_MS = 250;
const OTHER_PAGES = {kind: 'other'}; // organisations, principles and help pages (partials/search_page_meta.html)

const ui = {
  search: document.getElementById('search'),
  fallback: document.getElementById('search-fallback'),
  fallbackReason: document.getElementById('search-fallback-reason'),
  form: document.getElementById('search-form'),
  query: document.getElementById('search-q'),
  sort: document.getElementById('search-sort'),
  groups: document.getElementById('search-filter-groups'),
  clear: document.getElementById('search-clear'),
  toggle: document.getElementById('search-filters-toggle'),
  panel: document.getElementById('search-filters'),
  show: document.getElementById('search-show'),
  heading: document.getElementById('search-results-heading'),
  chips: document.getElementById('search-chips'),
  status: document.getElementById('search-status'),
  help: document.getElementById('search-help'),
  suggestion: document.getElementById('search-suggestion'),
  print: document.getElementById('search-print'),
  results: document.getElementById('search-results'),
  more: document.getElementById('search-more'),
};
const groups = JSON.parse(document.getElementById('search-labels').textContent);
// A word on every indexed page: a search with no word asks for it, because Pagefind 1.5 loads
// every chunk of the word index for a search with no term (portal_content/search_facets.py).
const EVERY_PAGE = ui.search.dataset.everyPage || null;
const OPEN_AT_START = new Set(['area']); // groups with a choice in the address open too
// Open opportunities per value, counted by the build: the counts before any search.
const startCounts = Object.fromEntries(
  groups.map((group) => [group.name, Object.fromEntries(group.values.map(([key, , count]) => [key, count]))]),
);
const baseTitle = document.title;

let pagefind;
let panel;
let siteWords; // search/words.json, loaded when a word first matches nothing
let searchNumber = 0; // only the latest search may update the page
let shards = 1; // parts of the index (search/shards.js)
let pending = arrayQueue([]); // results not shown yet
let typing = false; // true while a run of keystrokes edits one history entry
let typingTimer;
const wordChecks = new Map(); // word -> Promise<boolean>: does it really match anything?

function boxes(group) {
  return [...ui.groups.querySelectorAll(`input[type="checkbox"][name="${group}"]`)];
}

// -- State <-> address <-> form ---------------------------------------------------

function stateFromUrl() {
  return readState(window.location.search, groups, stepParams(), stepSorts());
}

function stateFromForm() {
  const filters = {};
  for (const group of groups) {
    const values = boxes(group.name).filter((box) => box.checked).map((box) => box.value);
    if (values.length) filters[group.name] = values;
  }
  return {q: ui.query.value, sort: ui.sort.value, filters, extra: stateFromUrl().extra};
}

function showState(state) {
  ui.query.value = state.q;
  ui.sort.value = state.sort;
  for (const group of groups) {
    const chosen = new Set(state.filters[group.name] || []);
    for (const box of boxes(group.name)) box.checked = chosen.has(box.value);
  }
}

function remember(state, {replace = false} = {}) {
  const url = window.location.pathname + queryString(state, groups, stepParams());
  if (url === window.location.pathname + window.location.search) return;
  if (replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
}

// -- Filters ----------------------------------------------------------------------

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
  const search = await pagefind.search(term ?? EVERY_PAGE, {filters: {...filters, [name]: {any: values}}});
  return search.filters[name] || {};
}

function showCounts(disclosure, counts) {
  for (const box of boxes(disclosure.dataset.group)) {
    const number = counts[box.value] || 0;
    box.parentElement.querySelector('.search-filter__count').textContent = `(${number})`;
    box.parentElement.classList.toggle('search-filter__option--none', number === 0);
  }
}

// -- Honest words ---------------------------------------------------------------------

// Pagefind answers a word that starts no indexed word with a shorter word it does hold
// ("dog" -> "do"), for every page at once. A few of its results show whether that happened.
function reallyMatches(word) {
  if (!wordChecks.has(word)) {
    wordChecks.set(word, (async () => {
      const search = await pagefind.search(word);
      if (!search.results.length) return false;
      if (resultMatches(await search.results[0].data(), word)) return true; // usually settles it
      const datas = await Promise.all(search.results.slice(1, 3).map((result) => result.data()));
      return datas.some((data) => resultMatches(data, word));
    })());
  }
  return wordChecks.get(word);
}

async function splitWords(query) {
  const words = queryWords(query);
  const real = await Promise.all(words.map(reallyMatches));
  return {words: words.filter((_, index) => real[index]), unmatched: words.filter((_, index) => !real[index])};
}

async function showSuggestion(unmatched, number) {
  // Loaded only when a word matched nothing: most searches never need them.
  siteWords ||= Promise.all([
    fetch(ui.search.dataset.words).then((response) => (response.ok ? response.json() : [])),
    import('./search/suggest.js'),
  ]);
  const [list, {suggest}] = await siteWords.catch(() => [[], {suggest: () => null}]);
  if (number !== searchNumber) return;
  const fixed = unmatched.map((word) => [word, suggest(word, list)]).filter(([, better]) => better);
  ui.suggestion.replaceChildren();
  ui.suggestion.hidden = fixed.length === 0;
  if (!fixed.length) return;
  const replacements = Object.fromEntries(fixed);
  const query = queryWords(ui.query.value).map((word) => replacements[word] || word).join(' ');
  const state = {...stateFromForm(), q: query};
  const link = document.createElement('a');
  link.href = queryString(state, groups, stepParams()) || './';
  link.textContent = fixed.map(([, better]) => better).join(' ');
  link.addEventListener('click', (event) => {
    event.preventDefault();
    settled();
    showState(state);
    changed();
  });
  ui.suggestion.append('Did you mean ', link, '?');
}

// -- Results ---------------------------------------------------------------------------

async function showMore(number, {focus = false} = {}) {
  const batch = await pending.take(PAGE_SIZE);
  const datas = await Promise.all(batch.map((result) => result.data()));
  if (number !== searchNumber) return;
  const cards = datas.map((data) => card(data, siteRoot));
  ui.results.append(...cards);
  addShortlistButtons(ui.results);
  ui.more.hidden = pending.length === 0;
  ui.print.hidden = ui.results.children.length === 0;
  if (focus && cards.length) cards[0].querySelector('a').focus();
}

function searchOptions(state) {
  const options = {filters: pagefindFilters(state)};
  if (SORTS[state.sort]) options.sort = SORTS[state.sort]; // not a step's own order (search/pipeline.js)
  return options;
}

async function run(state) {
  const number = ++searchNumber;
  const {words, unmatched} = state.q.trim() ? await splitWords(state.q) : {words: [], unmatched: []};
  if (number !== searchNumber) return;
  const term = words.join(' ') || null;
  const options = searchOptions(state);
  const filtered = Object.keys(options.filters).length > 0;
  const asked = Boolean(term) || filtered || stepsActive(state);

  const open = disclosures().filter((disclosure) => disclosure.open);
  const [search, others, ...counts] = await Promise.all([
    asked ? searchShards(pagefind, shards, term ?? EVERY_PAGE, options) : null,
    // Pages that are not opportunities only ever match a word (they have no filter values).
    term && !filtered ? pagefind.search(term, {filters: OTHER_PAGES}) : null,
    ...open.map((disclosure) => groupCounts(term, options.filters, disclosure)),
  ]);
  if (number !== searchNumber) return;
  const otherIds = new Set((others ? others.results : []).map((result) => result.id));
  let results = search ? search.results.map(remembered) : [];
  // Opportunities first, then organisations, principles and help pages, each in rank order.
  results = [...results.filter((result) => !otherIds.has(result.id)), ...results.filter((result) => otherIds.has(result.id))];
  // term: the words typed (null if none); query: what to ask Pagefind with (never null).
  results = await applySteps(results, state, {term, query: term ?? EVERY_PAGE});
  if (number !== searchNumber) return;
  const otherCount = results.filter((result) => otherIds.has(result.id)).length;

  pending = search?.order ? mergedQueue(results, search.order) : arrayQueue(results);
  ui.results.replaceChildren();
  open.forEach((disclosure, index) => showCounts(disclosure, counts[index]));
  ui.status.textContent = describe({
    opportunities: results.length - otherCount, others: otherCount, state, groups, words, unmatched, extraPhrases: stepPhrases(state),
  });
  const nothing = (Boolean(state.q.trim()) || asked) && results.length === 0;
  ui.sort.closest('.search__tools').hidden = results.length === 0; // nothing to sort
  ui.help.hidden = !nothing && unmatched.length === 0;
  ui.suggestion.hidden = true;
  if (unmatched.length) showSuggestion(unmatched, number);
  showChosen(state);
  panel.update({chosen: chosenCount(state), results: results.length});
  document.title = state.q.trim() ? `${state.q.trim()} – ${baseTitle}` : baseTitle;
  await showMore(number);
  if (number === searchNumber) ui.results.dataset.search = String(number); // this search is on screen
}

function showChosen(state) {
  const chips = [...chipsFor(state, groups), ...stepChips(state)];
  showChips(ui.chips, chips, (chip, index) => {
    settled();
    const next = chip.remove(stateFromForm());
    showState(next);
    remember(next);
    run(next).then(() => {
      // Focus goes to the chip that took this one's place, or to the results heading.
      const buttons = ui.chips.querySelectorAll('button');
      (buttons[Math.min(index, buttons.length - 1)] || ui.heading).focus();
    }).catch(broken);
  });
}

// A group opened later gets its counts for the search on screen.
async function opened(disclosure) {
  if (!disclosure.open) return;
  const number = searchNumber;
  const state = stateFromForm();
  const {words} = state.q.trim() ? await splitWords(state.q) : {words: []};
  const counts = await groupCounts(words.join(' ') || null, pagefindFilters(state), disclosure);
  if (number === searchNumber) showCounts(disclosure, counts);
}

// After pressing Search on a small or zoomed screen, scroll so the results start at the top.
function resultsInView() {
  const first = ui.results.querySelector('li h3') || ui.status;
  if (first.getBoundingClientRect().bottom > window.innerHeight) ui.heading.scrollIntoView({block: 'start'});
}

// Printing shows every result, not only the first page of them.
async function printAll() {
  while (pending.length) await showMore(searchNumber);
  window.print();
}

// -- Wiring ------------------------------------------------------------------------------

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
    shards = await mergeShards(pagefind, new URL('pagefind/', siteRoot));
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
  panel = setUpPanel({toggle: ui.toggle, panel: ui.panel, show: ui.show, focusAfterShow: ui.heading});
  ui.fallback.hidden = true;
  ui.search.hidden = false;

  ui.query.addEventListener('input', onTyping);
  ui.form.addEventListener('submit', (event) => {
    event.preventDefault();
    const wasTyping = typing;
    settled();
    // On a phone the results, not the keyboard, should fill the screen after Search.
    if (document.activeElement === ui.query) ui.query.blur();
    changed({replace: wasTyping}).then(resultsInView);
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
  ui.print.addEventListener('click', () => printAll().catch(broken));
  window.addEventListener('popstate', () => {
    settled();
    const restored = stateFromUrl();
    showState(restored);
    run(restored).catch(broken);
  });
  await run(state).catch(broken);
}

// Module scripts run before DOMContentLoaded: waiting for it lets every module that adds a
// pipeline step (search/pipeline.js) do so before the first search.
if (document.readyState === 'complete') start();
else window.addEventListener('DOMContentLoaded', () => start(), {once: true});
