// The Near box on /search/ (issue 13), as a step in search.js's pipeline (../search/pipeline.js):
// ?near=<postcode, district, town or "here">&within=<miles>&home=no, and "Nearest first" in the
// "Sort by" list while a place is set (&sort=distance). This file is small on
// purpose: the box's workings (box.js, geo.js, combobox.js) load only when someone uses the box
// or opens a near-search, so the first search downloads no more than before.

import {addSearchStep} from '../search/pipeline.js';

const WITHIN = [1, 3, 5, 10, 25];
const box = document.getElementById('near');
const sortList = document.getElementById('search-sort');
const DISTANCE = 'distance';
const nearest = new Option('Nearest first', DISTANCE);
let loading;
let ready = false; // box.js loaded and listening

function load() {
  loading ||= import('./box.js').then((module) => {
    module.start({offerNearest});
    ready = true;
    return module;
  });
  return loading;
}

const reach = (state) => (WITHIN.includes(Number(state.extra.within)) ? Number(state.extra.within) : 10);
const miles = (value) => (value === 1 ? '1 mile' : `${value} miles`);

async function label(state) {
  const module = loading ? await loading : null;
  return module?.lastLabel || (state.extra.near === 'here' ? 'your location' : state.extra.near);
}

let shownLabel = '';

// "Nearest first" is offered only while a place is set, straight after "Best match".
function offerNearest(offered) {
  if (offered && !nearest.isConnected) sortList.add(nearest, 1);
  if (!offered && nearest.isConnected) nearest.remove();
}

function showSort(state) {
  offerNearest(Boolean(state.extra.near));
  if (state.extra.near && state.sort === DISTANCE) sortList.value = DISTANCE;
}

addSearchStep({
  params: ['near', 'within', 'home'],
  sorts: [DISTANCE],
  active: (state) => Boolean(state.extra.near),
  apply: async (results, state, context) => {
    showSort(state);
    if (!state.extra.near && !loading) return results; // never used: nothing to load
    const module = await load();
    const found = await module.apply(results, state, context);
    shownLabel = await label(state);
    return found;
  },
  phrase: (state) => (state.extra.near ? `within ${miles(reach(state))} of ${shownLabel || state.extra.near}` : ''),
  chips: (state) => (state.extra.near ? [{
    label: `Within ${miles(reach(state))} of ${shownLabel || state.extra.near}`,
    remove: (current) => ({...current, sort: current.sort === DISTANCE ? '' : current.sort, extra: {...current.extra, near: '', within: '', home: ''}}),
  }] : []),
});

// Before search.js shows the address's state, so ?near=…&sort=distance selects "Nearest first".
offerNearest(Boolean(new URLSearchParams(window.location.search).get('near')));
box.addEventListener('focusin', load, {once: true});
box.addEventListener('pointerdown', load, {once: true});
// A button pressed before box.js was listening: press it again once it is.
box.addEventListener('click', async (event) => {
  const button = event.target.closest('button');
  if (ready || !button) return;
  await load();
  button.click();
});
box.hidden = false;
