import {test} from 'node:test';
import assert from 'node:assert/strict';
import {chosenCount, pagefindFilters, queryString, readState, withoutFilter} from '../../theme/static/js/search/state.js';
import {chipsFor} from '../../theme/static/js/search/chips.js';

const groups = [
  {name: 'area', legend: 'Area', values: [['leeds', 'Leeds', 5], ['wakefield', 'Wakefield', 2]]},
  {name: 'schedule', legend: 'Time of week', values: [['weekends', 'Weekends', 3]]},
];

test('reads the word, known filter values and sort from the address', () => {
  const state = readState('?q=garden&area=leeds&area=nowhere&area=leeds&schedule=weekends&sort=closing', groups);
  assert.deepEqual(state, {q: 'garden', sort: 'closing', filters: {area: ['leeds'], schedule: ['weekends']}, extra: {}});
});

test('an unknown sort is ignored and steps keep their own parameters', () => {
  const state = readState('?sort=cheapest&near=ls9&other=1', groups, ['near']);
  assert.equal(state.sort, '');
  assert.deepEqual(state.extra, {near: 'ls9'});
});

test('a step\'s own sort order (the Near box\'s distance) is kept only when a step offers it', () => {
  assert.equal(readState('?near=ls9&sort=distance', groups, ['near'], ['distance']).sort, 'distance');
  assert.equal(readState('?near=ls9&sort=distance', groups, ['near']).sort, '');
  const state = readState('?near=ls9&sort=distance', groups, ['near'], ['distance']);
  assert.equal(queryString(state, groups, ['near']), '?near=ls9&sort=distance');
});

test('writing the address back gives the same state (groups in display order)', () => {
  const state = {q: ' garden ', sort: 'newest', filters: {schedule: ['weekends'], area: ['wakefield', 'leeds']}, extra: {near: 'ls9'}};
  const written = queryString(state, groups, ['near']);
  assert.equal(written, '?q=garden&area=wakefield&area=leeds&schedule=weekends&near=ls9&sort=newest');
  assert.deepEqual(readState(written, groups, ['near']), {...state, q: 'garden'});
  assert.equal(queryString({q: '', sort: '', filters: {}, extra: {}}, groups), '');
});

test('removing a filter leaves the rest; the last value removes the group', () => {
  const state = {q: '', sort: '', filters: {area: ['leeds', 'wakefield'], schedule: ['weekends']}, extra: {}};
  assert.deepEqual(withoutFilter(state, 'area', 'leeds').filters, {area: ['wakefield'], schedule: ['weekends']});
  assert.deepEqual(withoutFilter(state, 'schedule', 'weekends').filters, {area: ['leeds', 'wakefield']});
  assert.equal(chosenCount(state), 3);
  assert.deepEqual(state.filters.area, ['leeds', 'wakefield'], 'the original is unchanged');
});

test('Pagefind gets "any of" each group', () => {
  assert.deepEqual(pagefindFilters({filters: {area: ['leeds', 'wakefield']}}), {area: {any: ['leeds', 'wakefield']}});
});

test('chips name each chosen value by its label and remove only it', () => {
  const state = {q: 'x', sort: '', filters: {area: ['wakefield'], schedule: ['weekends']}, extra: {}};
  const chips = chipsFor(state, groups);
  assert.deepEqual(chips.map((chip) => chip.label), ['Wakefield', 'Weekends']);
  assert.deepEqual(chips[1].remove(state).filters, {area: ['wakefield']});
});
