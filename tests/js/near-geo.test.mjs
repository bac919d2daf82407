// The Near box's pure geography (theme/static/js/near/geo.js): distances and their words, what
// people type, suggestions, and the rings of points asked of Pagefind. Expected values are worked
// out here or read from the Python side, never from geo.js itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_WITHIN, WITHIN, districtPoint, districtsInReach, milesAway, milesBetween, offsetPoint, parseNear, placePoint, rings, sectorPoint, suggest, unitPoint, within,
} from '../../theme/static/js/near/geo.js';
import { pythonNumber, read } from './project.mjs';

test('distances are great-circle miles, as the build reckons them', () => {
  // One degree of latitude is 69.09 miles on a sphere of radius 3958.7613 miles.
  assert.ok(Math.abs(milesBetween({lat: 53, lon: -1.5}, {lat: 54, lon: -1.5}) - 69.0934) < 0.001);
  assert.equal(milesBetween({lat: 53.8, lon: -1.55}, {lat: 53.8, lon: -1.55}), 0);
  const leedsLondon = milesBetween({lat: 53.7965, lon: -1.5478}, {lat: 51.5072, lon: -0.1276});
  assert.ok(leedsLondon > 168 && leedsLondon < 170, String(leedsLondon));
});

test('distances are worded like the /near/ pages', () => {
  assert.equal(milesAway(2.44), '2.4 miles away');
  assert.equal(milesAway(2.45), '2.5 miles away');
  assert.equal(milesAway(1.04), '1 mile away');
  assert.equal(milesAway(0.04), 'Less than 0.1 miles away');
  assert.equal(milesAway(12), '12 miles away');
});

test('within takes the offered distances only and defaults to the /near/ pages\' radius', () => {
  assert.deepEqual(WITHIN, [1, 3, 5, 10, 25]);
  assert.equal(within('5'), 5);
  assert.equal(within('7'), DEFAULT_WITHIN);
  assert.equal(within(undefined), DEFAULT_WITHIN);
  // The Python side's default for /near/ pages (PORTAL_NEAR_MILES) is the same.
  assert.match(read('plugins/portal_pages/generator.py'), new RegExp(`PORTAL_NEAR_MILES", ${DEFAULT_WITHIN}\\)`));
});

test('what people type becomes a postcode, a district, a place or their own position', () => {
  assert.deepEqual(parseNear('ls97tf'), {kind: 'postcode', district: 'LS9', inward: '7TF', label: 'LS9 7TF'});
  assert.deepEqual(parseNear(' LS9   7TF '), {kind: 'postcode', district: 'LS9', inward: '7TF', label: 'LS9 7TF'});
  assert.deepEqual(parseNear('ec1a 1bb'), {kind: 'postcode', district: 'EC1A', inward: '1BB', label: 'EC1A 1BB'});
  assert.deepEqual(parseNear('ls9'), {kind: 'district', district: 'LS9', label: 'LS9'});
  assert.equal(parseNear('Hebden  Bridge').kind, 'place');
  assert.equal(parseNear('Hebden  Bridge').name, 'Hebden Bridge');
  assert.equal(parseNear('here').kind, 'here');
  assert.equal(parseNear('   '), null);
});

const chunk = {
  // A made-up district: 1 km east is +0.015 degrees of longitude, 1 km north +0.009 of latitude.
  lat: [53.8, 0, 0.009, 0, 0, 0],
  lon: [-1.5, 0.015, 0, 0, 0, 0],
  units: {'7TF': [1000, 2000], '7TG': [3000, 0], '1AB': [-1000, -1000]},
};

test('a postcode is found in its district\'s file; a missing one uses its sector\'s centre', () => {
  const point = unitPoint(chunk, '7TF');
  assert.ok(Math.abs(point.lat - 53.818) < 1e-9 && Math.abs(point.lon - -1.485) < 1e-9);
  assert.equal(unitPoint(chunk, '7ZZ'), null);
  const sector = sectorPoint(chunk, '7ZZ'); // mean of 7TF and 7TG: (2000, 1000)
  assert.ok(Math.abs(sector.lat - 53.809) < 1e-9 && Math.abs(sector.lon - -1.47) < 1e-9);
  const district = sectorPoint(chunk, '9ZZ'); // no sector 9: the district's centre
  assert.deepEqual(district, {lat: 53.8, lon: -1.5});
});

const places = {
  districts: [['LS9', 53.8, -1.51], ['LS10', 53.76, -1.53], ['BD21', 53.86, -1.91]],
  places: [['Leeds', 53.79, -1.54], ['Keighley', 53.86, -1.9], ['Hebden Bridge', 53.74, -2.01], ['Bridge End', 53.7, -1.6], ['Ilkley', 53.92, -1.82]],
};

test('districts and places are found whatever the case or accents', () => {
  assert.deepEqual(districtPoint(places, 'LS9'), {lat: 53.8, lon: -1.51});
  assert.equal(districtPoint(places, 'LS99'), null);
  assert.equal(placePoint(places, 'keighley').name, 'Keighley');
  assert.equal(placePoint(places, 'KÉIGHLEY').name, 'Keighley');
  assert.equal(placePoint(places, 'Nowhere'), null);
});

test('suggestions: districts first, then names that start with the text, then names with a word that does', () => {
  assert.deepEqual(suggest(places, 'ls').map((s) => s.value), []);
  assert.deepEqual(suggest(places, 'ls1').map((s) => s.value), ['LS10']);
  assert.deepEqual(suggest(places, 'LS').length, 0);
  assert.deepEqual(suggest(places, 'bri').map((s) => s.value), ['Bridge End', 'Hebden Bridge']);
  assert.deepEqual(suggest(places, 'k').map((s) => s.value), ['Keighley']);
  assert.equal(suggest(places, 'bd2')[0].label, 'BD21 (postcode district)');
  assert.deepEqual(suggest(places, ''), []);
});

test('rings group the points within reach by the tenth of a mile they round to, nearest first', () => {
  const origin = {lat: 53.8, lon: -1.5};
  const north = (miles) => ({lat: 53.8 + miles / 69.0934, lon: -1.5});
  const places = [
    {filter: 'near-ls9', value: 'a', point: north(0.3)},
    {filter: 'near-ls8', value: 'b', point: north(0.31)},
    {filter: 'near-ls9', value: 'c', point: north(0.29)},
    {filter: 'near-ls8', value: 'd', point: north(2.5)},
    {filter: 'near-ls8', value: 'e', point: north(30)},
  ];
  const found = rings(places, origin, 25);
  assert.deepEqual(found.map((ring) => ring.tenths), [3, 25]);
  assert.deepEqual(found[0].filters, {'near-ls8': ['b'], 'near-ls9': ['a', 'c']});
  assert.deepEqual(found[1].filters, {'near-ls8': ['d']});
  assert.deepEqual(rings(places, origin, 1).map((ring) => ring.tenths), [3]);
});

test('a near filter value is ten-thousandths of a degree from its district\'s anchor', () => {
  assert.deepEqual(offsetPoint('69 -104', [5380, -151]), {lat: 53.8069, lon: -1.5204});
  assert.deepEqual(offsetPoint('-61 7', [5382, -151]), {lat: 53.8139, lon: -1.5093});
  assert.equal(offsetPoint('yes', [5380, -151]), null);
  assert.equal(offsetPoint('1.5 2', [5380, -151]), null);
  assert.equal(offsetPoint('1', [5380, -151]), null);
  // The Python side writes the same: round(lat * 10000) - anchor * 100, anchor = round(centre * 100).
  const source = read('plugins/portal_content/search_facets.py');
  assert.match(source, /round\(point\.lat \* 10000\) - anchor\[0\] \* 100/);
  assert.match(source, /round\(centre\.lat \* 100\)/);
  assert.ok(pythonNumber('plugins/portal_search/near.py', 'STEP') > 0);
});

test('only districts that may hold a place within reach are asked about', () => {
  const origin = {lat: 53.8, lon: -1.5};
  // Anchors 1 mile, 4 miles and 20 miles north; the second reaches 1 mile out.
  const north = (miles) => Math.round((53.8 + miles / 69.0934) * 100);
  const held = {districts: {ls1: [north(0), -150, 0.4], ls2: [north(4.6), -150, 1.2], ls3: [north(20), -150, 2]}, home: false};
  const anchorMiles = (district) => milesBetween(origin, {lat: held.districts[district][0] / 100, lon: -1.5});
  assert.ok(anchorMiles('ls2') > 4 && anchorMiles('ls2') - 1.2 < 5);
  assert.deepEqual(districtsInReach(held, origin, 5), ['ls1', 'ls2']);
  assert.deepEqual(districtsInReach(held, origin, 1), ['ls1']);
  assert.deepEqual(districtsInReach(held, origin, 25), ['ls1', 'ls2', 'ls3']);
});
