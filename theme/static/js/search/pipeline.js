// The extension point of /search/: a step can keep its own parameters in the address, reorder,
// drop or annotate results, and add a removable chip and a phrase to the summary sentence.
// A module registers a step before the page's first search (for example the Near box):
//
//   import {addSearchStep} from './search/pipeline.js';
//   addSearchStep({
//     params: ['near'],                                  // kept in the address with q and filters
//     phrase: (state) => `near ${state.extra.near}`,     // or '' when the step is not in use
//     chips: (state) => [{label: 'Near AB1', remove: (s) => ({...s, extra: {...s.extra, near: ''}})}],
//     apply: async (results, state, {term, query}) => results, // Pagefind results: reorder or filter them
//                             // (term: the words typed, or null; query: what Pagefind was asked, never null)
//     active: (state) => Boolean(state.extra.near),      // a search runs even with no word or filter
//     sorts: ['distance'],                               // ?sort= values the step orders by itself
//   });
//
// Steps run in the order they were added; search.js calls them.

const steps = [];

export function addSearchStep(step) {
  steps.push(step);
  window.dispatchEvent(new CustomEvent('search:steps-changed'));
}

export function searchSteps() {
  return [...steps];
}

export function stepParams() {
  return steps.flatMap((step) => step.params || []);
}

export function stepSorts() {
  return steps.flatMap((step) => step.sorts || []);
}

export function stepsActive(state) {
  return steps.some((step) => step.active?.(state));
}

export function stepPhrases(state) {
  return steps.map((step) => step.phrase?.(state) || '').filter(Boolean);
}

export function stepChips(state) {
  return steps.flatMap((step) => step.chips?.(state) || []);
}

// context: {term, query}: the words typed, and what search.js asked Pagefind for. A step that asks
// Pagefind more should ask with `query`: a search with no term (null) loads every index chunk.
export async function applySteps(results, state, context = {term: null, query: null}) {
  let current = results;
  for (const step of steps) {
    if (step.apply) current = await step.apply(current, state, context);
  }
  return current;
}
