// Pure geography for the Near box: distances, their wording, and turning what someone typed
// (a postcode, a district, a town) into a point. No DOM, no network: tested with `node --test`.
// The build does the same sums in Python (portal_content/places.py and nearby.py).

const EARTH_RADIUS_MILES = 3958.7613; // mean radius, 6371.0088 km, as the build's haversine
const POSTCODE = /^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$/;
const DISTRICT = /^[A-Z]{1,2}[0-9][A-Z0-9]?$/;
export const WITHIN = [1, 3, 5, 10, 25];
export const DEFAULT_WITHIN = 10;
export const HERE = 'here'; // ?near=here: the browser's own position, never put in the address

const radians = (degrees) => (degrees * Math.PI) / 180;

export function milesBetween(a, b) {
  const h = Math.sin(radians(b.lat - a.lat) / 2) ** 2
    + Math.cos(radians(a.lat)) * Math.cos(radians(b.lat)) * Math.sin(radians(b.lon - a.lon) / 2) ** 2;
  return 2 * EARTH_RADIUS_MILES * Math.asin(Math.sqrt(h));
}

// Tenths of a mile, as people read them: the same words as the /near/ pages.
export function tenths(miles) {
  return Math.round(miles * 10 + 1e-9);
}

export function milesAway(miles) {
  const value = tenths(miles) / 10;
  if (value < 0.1) return 'Less than 0.1 miles away';
  if (value === 1) return '1 mile away';
  return `${value} miles away`;
}

export function within(value) {
  const number = Number(value);
  return WITHIN.includes(number) ? number : DEFAULT_WITHIN;
}

// 'ls97tf' -> {kind: 'postcode', district: 'LS9', inward: '7TF', label: 'LS9 7TF'};
// 'ls9' -> {kind: 'district', …}; 'Hebden Bridge' -> {kind: 'place', name: …}.
export function parseNear(text) {
  const squeezed = String(text || '').trim().toUpperCase().replace(/\s+/g, ' ');
  if (!squeezed) return null;
  if (squeezed === HERE.toUpperCase()) return {kind: 'here', label: 'your location'};
  const compact = squeezed.replace(/ /g, '');
  const postcode = compact.match(/^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$/);
  if (postcode) return {kind: 'postcode', district: postcode[1], inward: postcode[2], label: `${postcode[1]} ${postcode[2]}`};
  if (DISTRICT.test(compact)) return {kind: 'district', district: compact, label: compact};
  return {kind: 'place', name: String(text).trim().replace(/\s+/g, ' '), label: String(text).trim().replace(/\s+/g, ' ')};
}

export function isPostcode(text) {
  return POSTCODE.test(String(text || '').trim().toUpperCase());
}

// One district's postcode file: grid offsets in metres from its centre and a quadratic in
// kilometres for latitude and longitude (see plugins/portal_search/near.py).
export function unitPoint(chunk, inward) {
  const offset = chunk.units[inward];
  if (!offset) return null;
  return gridPoint(chunk, offset[0], offset[1]);
}

function gridPoint(chunk, east, north) {
  const x = east / 1000;
  const y = north / 1000;
  const value = (c) => c[0] + c[1] * x + c[2] * y + c[3] * x * x + c[4] * x * y + c[5] * y * y;
  return {lat: value(chunk.lat), lon: value(chunk.lon)};
}

// A postcode the data lacks: the centre of its sector ('LS9 7'), else of its district.
export function sectorPoint(chunk, inward) {
  const offsets = Object.entries(chunk.units).filter(([code]) => code[0] === inward[0]).map(([, offset]) => offset);
  if (!offsets.length) return gridPoint(chunk, 0, 0);
  const mean = (index) => offsets.reduce((sum, offset) => sum + offset[index], 0) / offsets.length;
  return gridPoint(chunk, mean(0), mean(1));
}

export function districtPoint(places, district) {
  const found = places.districts.find(([name]) => name === district);
  return found ? {lat: found[1], lon: found[2]} : null;
}

const fold = (text) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

export function placePoint(places, name) {
  const wanted = fold(name);
  const found = places.places.find(([place]) => fold(place) === wanted);
  return found ? {name: found[0], lat: found[1], lon: found[2]} : null;
}

// Suggestions while typing: districts that start with the text, then places whose name (or a
// word of it) starts with it; places come biggest first, as the build sorts them.
export function suggest(places, text, limit = 8) {
  const typed = fold(String(text || '').trim());
  if (!typed) return [];
  const found = [];
  const upper = typed.toUpperCase().replace(/\s+/g, '');
  if (/^[A-Z]{1,2}[0-9]/.test(upper)) {
    for (const [district] of places.districts) {
      if (district.startsWith(upper.slice(0, district.length)) && upper.startsWith(district.slice(0, upper.length))) {
        found.push({value: district, label: `${district} (postcode district)`});
      }
    }
  }
  const starts = [];
  const words = [];
  for (const [name] of places.places) {
    const folded = fold(name);
    if (folded.startsWith(typed)) starts.push({value: name, label: name});
    else if (folded.split(/[\s-]+/).some((word) => word.startsWith(typed))) words.push({value: name, label: name});
  }
  return [...found, ...starts, ...words].slice(0, limit);
}

// /search/near/reach.json names each postcode district holding an opportunity's place: the anchor
// of its Pagefind filter ("near-ls9") in hundredths of a degree and the miles from the anchor to
// its farthest place. Only the districts that may hold a place within reach are asked about.
export function districtsInReach(reachData, origin, reach) {
  return Object.entries(reachData.districts)
    .filter(([, [lat, lon, radius]]) => milesBetween(origin, {lat: lat / 100, lon: lon / 100}) - radius <= reach + 1e-9)
    .map(([district]) => district)
    .sort();
}

// A near filter's value: "-12 35" is ten-thousandths of a degree north and east of the anchor.
export function offsetPoint(value, anchor) {
  const parts = String(value).split(' ');
  if (parts.length !== 2 || !parts.every((part) => /^-?[0-9]+$/.test(part))) return null;
  return {lat: (anchor[0] * 100 + Number(parts[0])) / 10000, lon: (anchor[1] * 100 + Number(parts[1])) / 10000};
}

// The points within reach, in rings of the tenth of a mile their distance rounds to: each ring
// is one Pagefind question ("which pages are at these points?"), nearest ring first.
// places: [{filter: 'near-ls9', value: '-12 35', point}], from the districts in reach.
export function rings(places, origin, reach) {
  const byTenth = new Map();
  for (const {filter, value, point} of places) {
    const miles = milesBetween(origin, point);
    if (miles > reach) continue;
    const key = tenths(miles);
    if (!byTenth.has(key)) byTenth.set(key, {});
    const ring = byTenth.get(key);
    (ring[filter] ||= []).push(value);
  }
  return [...byTenth.entries()].sort((a, b) => a[0] - b[0]).map(([key, filters]) => ({
    tenths: key,
    filters: Object.fromEntries(Object.keys(filters).sort().map((name) => [name, filters[name].sort()])),
  }));
}
