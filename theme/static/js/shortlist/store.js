// The shortlist: opportunity slugs kept in this browser's local storage (never sent anywhere,
// no cookies) and carried in the /shortlist/ address as ?ids=a,b,c so a list can be shared.
// Pure functions take the storage as an argument: tested with `node --test`.

export const KEY = 'shortlist';
export const MAX_ITEMS = 50;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

// Slugs from "a,b,c" (an address or storage): valid, unique, in order, at most MAX_ITEMS.
export function parseIds(text) {
  const seen = [];
  for (const part of String(text || '').split(',')) {
    const slug = part.trim().toLowerCase();
    if (SLUG.test(slug) && slug.length <= 200 && !seen.includes(slug)) seen.push(slug);
  }
  return seen.slice(0, MAX_ITEMS);
}

export function load(storage) {
  try {
    const saved = JSON.parse(storage.getItem(KEY) || '[]');
    return Array.isArray(saved) ? parseIds(saved.join(',')) : [];
  } catch {
    return []; // storage turned off, full or holding something else
  }
}

export function save(storage, ids) {
  try {
    if (ids.length) storage.setItem(KEY, JSON.stringify(parseIds(ids.join(','))));
    else storage.removeItem(KEY);
    return true;
  } catch {
    return false;
  }
}

export function toggled(ids, slug) {
  return ids.includes(slug) ? ids.filter((id) => id !== slug) : [...ids, slug].slice(0, MAX_ITEMS);
}

// The query string that carries a list: "?ids=a,b,c" (commas kept readable).
export function idsQuery(ids) {
  return ids.length ? `?ids=${ids.join(',')}` : '';
}
