// The Near box's workings, loaded by main.js the first time the box or a near-search is used:
// a postcode, a postcode district, a town or "Use my location", within 1 to 25 miles, nearest
// first, with "2.4 miles away" or "From home" on each card. Its state is in the address
// (?near=LS9&within=5, ?near=here for the browser's position, which is never put in the address
// nor sent anywhere); apply() narrows and orders the results search.js got from Pagefind.
//
// Where opportunities are is one Pagefind filter per postcode district (near-ls9: "-12 35" per
// place, offsets from the district's anchor) and near-home for remote roles; a near-search loads
// only the districts within reach (search/near/reach.json says which), so what it downloads grows
// with the opportunities nearby, not with the site. Place names and postcodes come from small
// files in search/near/ (places.json, then one postcode sector's postcodes, ls9-7.json, when a
// whole postcode is typed).

import {combobox} from './combobox.js';
import {
  HERE, districtPoint, districtsInReach, milesAway, offsetPoint, parseNear, placePoint, rings, sectorPoint, suggest, unitPoint, within,
} from './geo.js';

const box = document.getElementById('near');
const ui = {
  query: document.getElementById('near-q'),
  list: document.getElementById('near-options'),
  status: document.getElementById('near-options-status'),
  within: document.getElementById('near-within'),
  home: document.getElementById('near-home'),
  here: document.getElementById('near-here'),
  go: document.getElementById('near-go'),
  clear: document.getElementById('near-clear'),
  sort: document.getElementById('search-sort'),
  message: document.getElementById('near-message'),
};
const form = box.closest('form');
const placesUrl = new URL(box.dataset.places, document.baseURI);
const reachUrl = new URL(box.dataset.reach, document.baseURI);
const chunkBase = new URL(box.dataset.chunks, document.baseURI);
const pagefindUrl = new URL(box.dataset.pagefind, document.baseURI);

let placesData;
let reachData;
const chunks = new Map();
let herePoint = null; // the browser's position: kept in this page's memory only
const NOT_SHARED = 'Your browser did not share your location. Enter a postcode or a town instead.';

function getJson(url) {
  return fetch(url).then((response) => {
    if (response.status === 404) return null;
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    return response.json();
  });
}

function places() {
  placesData ||= getJson(placesUrl);
  return placesData;
}

function reachable() {
  reachData ||= getJson(reachUrl);
  return reachData;
}

function sectorChunk(district, inward) {
  const name = `${district.toLowerCase()}-${inward[0]}`;
  if (!chunks.has(name)) chunks.set(name, getJson(new URL(`${name}.json`, chunkBase)));
  return chunks.get(name);
}

function position() {
  return new Promise((resolve, reject) => {
    if (!navigator.geolocation) reject(new Error('no geolocation'));
    else navigator.geolocation.getCurrentPosition((found) => resolve({lat: found.coords.latitude, lon: found.coords.longitude}), reject, {maximumAge: 600000, timeout: 20000});
  });
}

// What was typed, as a point and the words for it, or a problem to show.
export async function locate(text) {
  const parsed = parseNear(text);
  if (!parsed) return {problem: 'Enter a postcode, a postcode district or a town.'};
  if (parsed.kind === 'here') {
    try {
      herePoint ||= await position();
    } catch {
      return {problem: NOT_SHARED};
    }
    return {point: herePoint, label: 'your location'};
  }
  if (parsed.kind === 'postcode') {
    const chunk = await sectorChunk(parsed.district, parsed.inward);
    if (chunk) return {point: unitPoint(chunk, parsed.inward) || sectorPoint(chunk, parsed.inward), label: parsed.label};
    // No such sector: the district's centre, as the build does for a postcode it does not know.
    const point = districtPoint(await places(), parsed.district);
    if (!point) return {problem: `We could not find the postcode ${parsed.label}. Check it, or enter just the first part, like ${parsed.district}.`};
    return {point, label: parsed.label};
  }
  const data = await places();
  if (parsed.kind === 'district') {
    const point = districtPoint(data, parsed.district);
    return point ? {point, label: parsed.district} : {problem: `We could not find the postcode district ${parsed.district}. Check it, or enter a town.`};
  }
  const place = placePoint(data, parsed.name) || placePoint(data, suggest(data, parsed.name, 1)[0]?.value || '');
  if (!place) return {problem: `We could not find “${parsed.name}”. Try a postcode, the first half of a postcode, or a nearby town.`};
  return {point: place, label: place.name};
}

function reachOf(state) {
  return within(state.extra.within);
}

export let lastLabel = '';

// The step: keep only results within reach (and remote ones, unless left out), each with its
// distance, nearest first when "Nearest first" is chosen (or "Best match" with no words to match).
// Pagefind is asked with the same query as the search on screen (no term would load the whole index).
export async function apply(results, state, {term = null, query = term} = {}) {
  showState(state);
  if (!state.extra.near) return results;
  const found = await locate(state.extra.near);
  if (found.problem) {
    ui.message.textContent = found.problem;
    return [];
  }
  lastLabel = found.label;
  ui.message.textContent = '';
  const reach = reachOf(state);
  const [pagefind, held] = await Promise.all([import(pagefindUrl.href), reachable()]);
  const wanted = new Set(results.map((result) => result.id));
  // The districts in reach: their filters' values (one small file each), then the points within reach.
  const districts = districtsInReach(held, found.point, reach);
  const everyValue = districts.length ? await pagefind.search(query, {filters: Object.fromEntries(districts.map((district) => [`near-${district}`, {any: []}]))}) : null;
  const places = districts.flatMap((district) => Object.keys(everyValue.totalFilters[`near-${district}`] || {})
    .map((value) => ({filter: `near-${district}`, value, point: offsetPoint(value, held.districts[district])})))
    .filter((place) => place.point);
  const distance = new Map();
  const asked = await Promise.all(rings(places, found.point, reach).map(async (ring) => {
    const any = Object.entries(ring.filters).map(([filter, values]) => ({[filter]: {any: values}}));
    const search = await pagefind.search(query, {filters: {any}});
    return {ring, ids: search.results.map((result) => result.id)};
  }));
  for (const {ring, ids} of asked) {
    for (const id of ids) if (wanted.has(id) && !distance.has(id)) distance.set(id, ring.tenths);
  }
  const fromHome = new Set();
  if (state.extra.home !== 'no' && held.home) {
    const remote = await pagefind.search(query, {filters: {'near-home': 'yes'}});
    for (const result of remote.results) if (wanted.has(result.id) && !distance.has(result.id)) fromHome.add(result.id);
  }
  let kept = results.filter((result) => distance.has(result.id) || fromHome.has(result.id));
  if (state.sort === 'distance' || (!state.sort && !term)) {
    const order = (result) => (distance.has(result.id) ? distance.get(result.id) : Infinity);
    kept = kept.map((result, index) => [result, index]).sort((a, b) => order(a[0]) - order(b[0]) || a[1] - b[1]).map(([result]) => result);
  }
  return kept.map((result) => {
    const words = distance.has(result.id) ? milesAway(distance.get(result.id) / 10) : 'From home';
    return {id: result.id, score: result.score, data: async () => {
      const data = await result.data();
      return {...data, meta: {...data.meta, distance: words}};
    }};
  });
}

function showState(state) {
  const near = state.extra.near || '';
  if (document.activeElement !== ui.query) ui.query.value = near === HERE ? '' : near;
  ui.within.value = String(reachOf(state));
  ui.home.checked = state.extra.home !== 'no';
  ui.clear.hidden = !near;
  if (!near) ui.message.textContent = '';
}

// Put the Near box's choices in the address, then let search.js run the search from it.
function search(near) {
  const params = new URLSearchParams(window.location.search);
  for (const name of ['near', 'within', 'home', 'sort']) params.delete(name);
  if (near) {
    params.set('near', near);
    params.set('within', ui.within.value);
    if (!ui.home.checked) params.set('home', 'no');
  }
  // A place shows nearest first unless another order was chosen; without one, "Nearest first" goes.
  hooks.offerNearest(Boolean(near));
  if (near && !ui.sort.value) ui.sort.value = 'distance';
  if (!near && ui.sort.value === 'distance') ui.sort.value = '';
  if (ui.sort.value) params.set('sort', ui.sort.value); // last, as search.js writes it
  const query = params.toString();
  window.history.pushState(null, '', window.location.pathname + (query ? `?${query}` : ''));
  form.requestSubmit();
}

let hooks;

// hooks.offerNearest(on): add or remove "Nearest first" in the "Sort by" list (main.js owns it).
export function start(given) {
  hooks = given;
  combobox({
    input: ui.query, list: ui.list, status: ui.status,
    source: async (text) => suggest(await places(), text),
    choose: (value) => search(value),
  });
  ui.go.addEventListener('click', () => search(ui.query.value.trim()));
  ui.query.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.defaultPrevented) { // the combobox handles Enter on a suggestion
      event.preventDefault();
      search(ui.query.value.trim());
    }
  });
  ui.here.addEventListener('click', async () => {
    ui.message.textContent = 'Finding your location…';
    try {
      herePoint = await position();
    } catch {
      ui.message.textContent = NOT_SHARED;
      return;
    }
    ui.query.value = '';
    search(HERE);
  });
  for (const control of [ui.within, ui.home]) {
    control.addEventListener('change', (event) => {
      event.stopPropagation(); // not a filter group change: search.js would read the form without us
      const near = new URLSearchParams(window.location.search).get('near');
      if (near) search(near);
    });
  }
  ui.clear.addEventListener('click', () => {
    ui.query.value = '';
    search('');
  });
}
