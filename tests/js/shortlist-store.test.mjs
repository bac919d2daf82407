import {test} from 'node:test';
import assert from 'node:assert/strict';
import {MAX_ITEMS, idsQuery, load, parseIds, save, toggled} from '../../theme/static/js/shortlist/store.js';

function memoryStorage() {
  const items = new Map();
  return {getItem: (key) => items.get(key) ?? null, setItem: (key, value) => items.set(key, String(value)), removeItem: (key) => items.delete(key), items};
}

test('ids from an address: valid slugs only, once each, in order', () => {
  assert.deepEqual(parseIds('b-role, a-role,b-role,../etc,<script>,,A-ROLE'), ['b-role', 'a-role']);
  assert.equal(parseIds(Array.from({length: 80}, (_, i) => `r${i}`).join(',')).length, MAX_ITEMS);
});

test('saved, loaded and cleared in local storage', () => {
  const storage = memoryStorage();
  assert.deepEqual(load(storage), []);
  save(storage, ['one', 'two']);
  assert.deepEqual(load(storage), ['one', 'two']);
  save(storage, []);
  assert.equal(storage.items.size, 0, 'clearing leaves nothing behind');
});

test('broken or blocked storage gives an empty list, never an error', () => {
  const storage = memoryStorage();
  storage.setItem('shortlist', '{not json');
  assert.deepEqual(load(storage), []);
  const blocked = {getItem() { throw new Error('SecurityError'); }, setItem() { throw new Error('QuotaExceeded'); }, removeItem() {}};
  assert.deepEqual(load(blocked), []);
  assert.equal(save(blocked, ['one']), false);
});

test('toggling adds at the end or removes; the address carries the list', () => {
  assert.deepEqual(toggled(['a'], 'b'), ['a', 'b']);
  assert.deepEqual(toggled(['a', 'b'], 'a'), ['b']);
  assert.equal(idsQuery(['a', 'b']), '?ids=a,b');
  assert.equal(idsQuery([]), '');
});
