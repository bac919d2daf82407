import {test} from 'node:test';
import assert from 'node:assert/strict';
import {describe, filterPhrases} from '../../theme/static/js/search/summary.js';

const groups = [
  {name: 'area', legend: 'Area', values: [['leeds', 'Leeds', 5], ['wakefield', 'Wakefield', 2]]},
  {name: 'schedule', legend: 'Time of week', values: [['weekends', 'Weekends', 3], ['weekday-evenings', 'Weekday evenings', 1]]},
  {name: 'dbs-check', legend: 'DBS check', values: [['none', 'No DBS check needed', 4]]},
  {name: 'suitable-for', legend: 'Suitable for', values: [['students', 'Students', 2]]},
];
const state = (q, filters = {}) => ({q, sort: '', filters, extra: {}});

test('the sentence names every chosen filter in plain English', () => {
  const chosen = state('', {area: ['leeds'], schedule: ['weekends'], 'dbs-check': ['none']});
  assert.equal(describe({opportunities: 12, state: chosen, groups}), '12 opportunities in Leeds, at weekends, no DBS check.');
});

test('several values of a group read as alternatives; groups without a phrase use their legend', () => {
  const chosen = state('', {area: ['leeds', 'wakefield'], schedule: ['weekends', 'weekday-evenings'], 'suitable-for': ['students']});
  assert.deepEqual(filterPhrases(chosen, groups), ['in Leeds or Wakefield', 'at weekends or on weekday evenings', 'suitable for: Students']);
});

test('a word, one result and other pages', () => {
  assert.equal(describe({opportunities: 1, others: 2, state: state('garden'), groups, words: ['garden']}), '1 opportunity matches “garden” (and 2 other pages).');
});

test('a word that matches nothing says so', () => {
  assert.equal(describe({opportunities: 0, state: state('dog'), groups, unmatched: ['dog']}), 'No opportunities match “dog”.');
  assert.equal(
    describe({opportunities: 3, state: state('dog walking'), groups, words: ['walking'], unmatched: ['dog']}),
    'No opportunities match “dog”. Instead: 3 opportunities match “walking”.',
  );
});

test('phrases from pipeline steps join the sentence; an empty search asks for a word', () => {
  assert.equal(describe({opportunities: 2, state: state(''), groups, extraPhrases: ['near LS9']}), '2 opportunities near LS9.');
  assert.equal(describe({opportunities: 0, state: state(''), groups}), 'Type a word or choose a filter to see opportunities.');
});
