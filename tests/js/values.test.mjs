import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addMonths, hours, hoursText, isoDay, lines, number, slugify, webAddress } from '../../theme/static/js/submit/values.js';
import { matches } from '../../theme/static/js/submit/languages.js';
import { slugRule } from './project.mjs';

test('names for the web address follow portal_content.slugs', () => {
  assert.equal(slugify('Kirkgate "Friends": Café #2', slugRule), 'kirkgate-friends-cafe-2');
  assert.equal(slugify('  --Ward   companion-- ', slugRule), 'ward-companion');
  assert.equal(slugify('Ünïcödé 中文', slugRule), 'unicode');
  const long = slugify('word '.repeat(30), slugRule);
  assert.ok(long.length <= slugRule.max && !long.endsWith('-'));
  assert.match(long, new RegExp(slugRule.pattern));
});

test('web addresses without a scheme get https://', () => {
  assert.equal(webAddress('www.example.org'), 'https://www.example.org');
  assert.equal(webAddress(' example.org/apply '), 'https://example.org/apply');
  assert.equal(webAddress('http://example.org'), 'http://example.org');  // left for the check to refuse
  assert.equal(webAddress('mailto:a@b.org'), 'mailto:a@b.org');
});

test('hours: a number or a range, and back', () => {
  assert.equal(hours('3'), 3);
  assert.equal(hours('2.5'), 2.5);
  assert.deepEqual(hours('2 to 4'), { min: 2, max: 4 });
  assert.deepEqual(hours('2-4'), { min: 2, max: 4 });
  assert.deepEqual(hours('2 or more'), { min: 2 });
  assert.deepEqual(hours('up to 4'), { max: 4 });
  assert.equal(hours('lots'), 'lots');
  for (const value of [3, { min: 2, max: 4 }, { min: 2 }, { max: 4 }]) { assert.deepEqual(hours(hoursText(value)), value); }
});

test('numbers and lines', () => {
  assert.equal(number(' 16 '), 16);
  assert.equal(number('1.5'), 1.5);
  assert.equal(number('sixteen'), 'sixteen');
  assert.deepEqual(lines(' a \n\n b\n'), ['a', 'b']);
});

test('six months on, clamped to the end of the month (as portal_content.validate.add_months)', () => {
  assert.equal(addMonths('2026-11-26', 6), '2027-05-26');
  assert.equal(addMonths('2026-08-31', 6), '2027-02-28');
  assert.equal(addMonths('2027-08-31', 6), '2028-02-29');
  assert.equal(addMonths('2026-12-15', 1), '2027-01-15');
  assert.equal(isoDay(new Date(2027, 0, 5)), '2027-01-05');
});

test('languages are found by name or by code', () => {
  assert.equal(matches('Urdu', 'ur', 'urd'), true);
  assert.equal(matches('Urdu', 'ur', 'UR'), true);
  assert.equal(matches('Urdu', 'ur', 'pol'), false);
  assert.equal(matches('Urdu', 'ur', '  '), true);
});
