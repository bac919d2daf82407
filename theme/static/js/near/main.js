// The Near box on /search/ (issue 13), as a step in search.js's pipeline (../search/pipeline.js):
// ?near=<postcode, district, town or "here">&within=<miles>&home=no. This file is small on
// purpose: the box's workings (box.js, geo.js, combobox.js) load only when someone uses the box
// or opens a near-search, so the first search downloads no more than before.

import {addSearchStep} from '../search/pipeline.js';

const WITHIN = [1, 3, 5, 10, 25];
const box = document.getElementById('near');
let loading;
let ready = false; // box.js loaded and listening

function load() {
  loading ||= import('./box.js').then((module) => {
    module.start();
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

addSearchStep({
  params: ['near', 'within', 'home'],
  active: (state) => Boolean(state.extra.near),
  apply: async (results, state, context) => {
    if (!state.extra.near && !loading) return results; // never used: nothing to load
    const module = await load();
    const found = await module.apply(results, state, context);
    shownLabel = await label(state);
    return found;
  },
  phrase: (state) => (state.extra.near ? `within ${miles(reach(state))} of ${shownLabel || state.extra.near}` : ''),
  chips: (state) => (state.extra.near ? [{
    label: `Within ${miles(reach(state))} of ${shownLabel || state.extra.near}`,
    remove: (current) => ({...current, extra: {...current.extra, near: '', within: '', home: ''}}),
  }] : []),
});

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
