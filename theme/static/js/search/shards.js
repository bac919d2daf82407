// Pagefind in shards (plugins/portal_search/indexer.py): a large site's index is built in
// several parts, so the build never holds every page at once. /pagefind/ is shard 0 (Pagefind's
// JavaScript and WebAssembly); /pagefind/shards.json lists the others, merged here with
// Pagefind's mergeIndex, each tagged with a synthetic `shard` filter.
//
// Pagefind merges shards by relevance, which is right for a plain search. A sorted search
// ("newest", "closing soonest") is asked shard by shard, each answer already in the chosen
// order, and the lists are merged lazily by the sort value each result's meta carries
// (sort_<key>, portal_content.search_facets): showing ten results loads at most ten fragments
// more than there are shards.

export const SHARD_FILTER = 'shard';

const merging = new WeakMap(); // Pagefind module -> Promise<number of shards>: merged once per page

// Merge the shards listed beside the bundle into the `pagefind` module (once, however often this
// is called); resolves to how many shards there are.
export function mergeShards(pagefind, bundleUrl) {
  if (!merging.has(pagefind)) merging.set(pagefind, mergeOnce(pagefind, bundleUrl));
  return merging.get(pagefind);
}

async function mergeOnce(pagefind, bundleUrl) {
  const response = await fetch(new URL('shards.json', bundleUrl));
  const folders = response.ok ? await response.json() : [];
  if (!folders.length) return 1;
  await pagefind.options({mergeFilter: {[SHARD_FILTER]: '0'}});
  await Promise.all(folders.map((folder, index) => pagefind.mergeIndex(new URL(folder, bundleUrl).href, {
    mergeFilter: {[SHARD_FILTER]: String(index + 1)},
  })));
  return folders.length + 1;
}

// The results of one search over every shard, in the order to show them: relevance, or the sort.
// Returns {results, order}: `order` is null when Pagefind's own order is right, else
// {lists: Map id -> shard number, key, direction} for mergedQueue.
export async function searchShards(pagefind, shards, term, options) {
  const [sort] = Object.entries(options.sort || {});
  if (shards === 1 || !sort) return {results: (await pagefind.search(term, options)).results, order: null};
  const answers = await Promise.all(Array.from({length: shards}, (_, number) => pagefind.search(term, {
    ...options, filters: {...options.filters, [SHARD_FILTER]: {any: [String(number)]}},
  })));
  const shardOf = new Map();
  answers.forEach((answer, number) => answer.results.forEach((result) => shardOf.set(result.id, number)));
  return {results: answers.flatMap((answer) => answer.results), order: {shardOf, key: sort[0], direction: sort[1]}};
}

// Each result's data() loaded at most once (the merge reads a result's sort value, the card its text).
export function remembered(result) {
  let data;
  return {...result, data: () => (data ||= result.data())};
}

// Results still to show, taken `n` at a time.
export function arrayQueue(results) {
  const left = [...results];
  return {
    get length() { return left.length; },
    async take(n) { return left.splice(0, n); },
  };
}

// Several lists, each in sort order, as one queue in sort order. A result without the sort value
// (a page that is not an opportunity) comes after every result that has one, as Pagefind puts it.
export function mergedQueue(results, {shardOf, key, direction}) {
  const lists = new Map();
  for (const result of results) {
    const number = shardOf.get(result.id) ?? 0;
    if (!lists.has(number)) lists.set(number, []);
    lists.get(number).push(result);
  }
  const heads = [...lists.keys()].sort((a, b) => a - b).map((number) => lists.get(number));
  const sign = direction === 'desc' ? -1 : 1;
  const valueOf = async (result) => (await result.data()).meta?.[`sort_${key}`];
  const compare = (a, b) => {
    if (a === b) return 0;
    if (a === undefined) return 1;
    if (b === undefined) return -1;
    return (a < b ? -1 : 1) * sign;
  };
  let length = results.length;
  let queue = Promise.resolve(); // one take at a time: each reads the heads, then moves them
  async function takeNow(n) {
    const taken = [];
    while (taken.length < n && length > 0) {
      const live = heads.filter((list) => list.length);
      const values = await Promise.all(live.map((list) => valueOf(list[0])));
      let best = 0;
      for (let index = 1; index < live.length; index += 1) if (compare(values[index], values[best]) < 0) best = index;
      taken.push(live[best].shift());
      length -= 1;
    }
    return taken;
  }
  return {
    get length() { return length; },
    take(n) {
      const taken = queue.then(() => takeNow(n));
      queue = taken.catch(() => {});
      return taken;
    },
  };
}
