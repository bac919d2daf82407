import {test} from 'node:test';
import assert from 'node:assert/strict';
import {arrayQueue, mergedQueue, remembered, searchShards} from '../../theme/static/js/search/shards.js';

// A Pagefind result whose fragment says when it was posted; counts how often its data is loaded.
function result(id, posted, loads) {
  return {id, score: 1, data: async () => {
    loads.push(id);
    return {url: `/${id}/`, meta: posted ? {sort_posted: posted} : {}};
  }};
}

test('sorted lists of several shards come out as one sorted list, loading few fragments', async () => {
  const loads = [];
  const lists = [
    [['a1', '2026-11-20'], ['a2', '2026-10-01'], ['a3', '2026-01-05'], ['other', null]],
    [['b1', '2026-11-21'], ['b2', '2026-09-30']],
    [['c1', '2026-10-02'], ['c2', '2026-10-01']],
  ];
  const shardOf = new Map();
  const results = lists.flatMap((list, number) => list.map(([id, posted]) => {
    shardOf.set(id, number);
    return remembered(result(id, posted, loads));
  }));
  const queue = mergedQueue(results, {shardOf, key: 'posted', direction: 'desc'});
  assert.equal(queue.length, 8);
  const first = await queue.take(3);
  assert.deepEqual(first.map((r) => r.id), ['b1', 'a1', 'c1']);
  assert.ok(loads.length <= 3 + 2, `loaded ${loads.length} fragments for three results from three shards`);
  assert.equal(queue.length, 5);
  const rest = await queue.take(10);
  assert.deepEqual(rest.map((r) => r.id), ['a2', 'c2', 'b2', 'a3', 'other']);
  assert.equal(queue.length, 0);
  assert.equal(new Set(loads).size, loads.length, 'each fragment is loaded once');
});

test('closing soonest: ascending, pages without the value last, ties by shard', async () => {
  const shardOf = new Map([['x', 1], ['y', 0], ['z', 1], ['none', 0]]);
  const make = (id, closes) => remembered({id, data: async () => ({meta: closes ? {sort_closes: closes} : {}})});
  const results = [make('y', '2027-01-01'), make('none', null), make('z', '2026-12-01'), make('x', '2027-01-01')];
  const queue = mergedQueue(results, {shardOf, key: 'closes', direction: 'asc'});
  const [a, b] = await Promise.all([queue.take(2), queue.take(2)]); // two takes at once stay in order
  assert.deepEqual([...a, ...b].map((r) => r.id), ['z', 'y', 'x', 'none']);
});

test('an array queue hands results out in their order', async () => {
  const queue = arrayQueue([1, 2, 3]);
  assert.deepEqual(await queue.take(2), [1, 2]);
  assert.equal(queue.length, 1);
  assert.deepEqual(await queue.take(2), [3]);
});

test('one shard, or no sort: a single Pagefind search in its own order', async () => {
  const asked = [];
  const pagefind = {search: async (term, options) => {
    asked.push(options.filters);
    const number = options.filters.shard?.any[0];
    return {results: number === undefined ? [{id: 'p'}] : [{id: `s${number}`}]};
  }};
  assert.deepEqual(await searchShards(pagefind, 1, 'x', {filters: {}, sort: {posted: 'desc'}}), {results: [{id: 'p'}], order: null});
  assert.deepEqual(await searchShards(pagefind, 3, 'x', {filters: {}}), {results: [{id: 'p'}], order: null});
  const sorted = await searchShards(pagefind, 3, 'x', {filters: {area: {any: ['leeds']}}, sort: {posted: 'desc'}});
  assert.deepEqual(sorted.results.map((r) => r.id), ['s0', 's1', 's2']);
  assert.deepEqual([...sorted.order.shardOf], [['s0', 0], ['s1', 1], ['s2', 2]]);
  assert.equal(sorted.order.key, 'posted');
  assert.equal(sorted.order.direction, 'desc');
  assert.deepEqual(asked.at(-1), {area: {any: ['leeds']}, shard: {any: ['2']}}, 'the chosen filters stay, with the shard');
});
