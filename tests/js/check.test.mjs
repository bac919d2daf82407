import { test } from 'node:test';
import assert from 'node:assert/strict';
import { check, crossChecks, isRealDate, slugErrors, unsafeLinks } from '../../theme/static/js/submit/check.js';
import { linkPattern, listing, opportunitySchema, slugRule } from './project.mjs';

const schema = opportunitySchema({ areas: ['calderdale', 'leeds'], schedules: ['weekends', 'flexible'], durations: ['one-off', 'ongoing'] });
const where = (errors) => errors.map((error) => [error.path.join('.'), error.keyword]);

test('a complete listing has no errors', () => {
  assert.deepEqual(check(schema, listing()), []);
});

test('missing answers are reported field by field, inside groups too', () => {
  const data = listing();
  delete data.summary;
  data.commitment = {};
  data.apply = {};
  assert.deepEqual(where(check(schema, data)), [
    ['summary', 'required'], ['commitment.schedule', 'required'], ['commitment.duration', 'required'], ['apply', 'anyOf'],
  ]);
});

test('a place or "from home" is needed (the schema\'s if/else)', () => {
  const data = listing();
  delete data.locations;
  assert.deepEqual(where(check(schema, data)), [['locations', 'required']]);
  assert.deepEqual(check(schema, { ...data, remote: true }), []);
});

test('patterns, lengths and ranges come from the schema', () => {
  const data = listing();
  data.title = '🙂'.repeat(91);  // 91 characters, 182 UTF-16 units: characters are what count
  data.locations[0].postcode = 'LS9 7T';
  data.locations[0].area = 'york';
  data.commitment.hours_per_week = 169;
  data.requirements = { min_age: 1.5 };
  assert.deepEqual(where(check(schema, data)), [
    ['title', 'maxLength'], ['locations.0.postcode', 'pattern'], ['locations.0.area', 'enum'],
    ['commitment.hours_per_week', 'maximum'], ['requirements.min_age', 'type'],
  ]);
  assert.deepEqual(check(schema, { ...listing(), title: '🙂'.repeat(90) }), []);
});

test('hours can be a number or a range, and a range is checked as one', () => {
  assert.deepEqual(check(schema, { ...listing(), commitment: { ...listing().commitment, hours_per_week: { min: 2, max: 4 } } }), []);
  const bad = check(schema, { ...listing(), commitment: { ...listing().commitment, hours_per_week: { max: 0 } } });
  assert.deepEqual(where(bad), [['commitment.hours_per_week.max', 'minimum']]);
  assert.deepEqual(where(check(schema, { ...listing(), commitment: { ...listing().commitment, hours_per_week: 'lots' } })), [['commitment.hours_per_week', 'type']]);
});

test('dates must be real days', () => {
  assert.equal(isRealDate('2028-02-29'), true);
  assert.equal(isRealDate('2027-02-29'), false);
  assert.deepEqual(where(check(schema, { ...listing(), closes: '2027-02-30' })), [['closes', 'format']]);
});

test('rules across fields: dates in order, safe links, sessions that end after they start', () => {
  const config = { markdown_fields: ['description', 'support.notes'], link_pattern: linkPattern };
  const data = {
    ...listing(), closes: '2026-11-19', review_by: '2026-11-19',
    description: 'See [us](https://example.org/a_(b)) or [x](javascript:alert(1))',
    support: { notes: '<a href="http://example.org">x</a>' },
    sessions: [{ start: '2027-03-14T10:00', end: '2027-03-14T09:00' }],
  };
  assert.deepEqual(crossChecks(data, config).map((error) => [error.path.join('.'), error.message, error.values]), [
    ['closes', 'closes_before_posted', {}],
    ['review_by', 'review_before_posted', {}],
    ['description', 'links', { link: 'javascript:alert(1)' }],
    ['support.notes', 'links', { link: 'http://example.org' }],
    ['sessions.0.end', 'session_end', {}],
  ]);
  assert.deepEqual(unsafeLinks('[mail](mailto:a@example.org) [call](tel:0113) <https://x.org>', linkPattern), []);
});

test('the web-address name: present, well formed, not taken (except by the listing being edited)', () => {
  const config = { slug: slugRule, existing: ['ward-companion'] };
  assert.deepEqual(slugErrors('', config).map((error) => error.keyword), ['required']);
  assert.deepEqual(slugErrors('Ward Companion', config).map((error) => error.message), ['slug.pattern']);
  assert.deepEqual(slugErrors('ward--companion', config).map((error) => error.message), ['slug.pattern']);
  assert.deepEqual(slugErrors('ward-companion', config).map((error) => [error.message, error.values]), [['slug.taken', { slug: 'ward-companion' }]]);
  assert.deepEqual(slugErrors('ward-companion', config, 'ward-companion'), []);
  assert.deepEqual(slugErrors('garden-helper', config), []);
});

test('text rules from the schema ("x-text-rules") apply to every text value', async () => {
  const { textRuleErrors } = await import('../../theme/static/js/submit/check.js');
  // The shape portal_content.textrules publishes; no rules (an older schema) means no errors.
  const rules = {
    forbidden: '[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\uD800-\\uDFFF\\uFFFE\\uFFFF]',
    line_breaks: '[\\n\\r]', multi_line: ['description', 'apply.instructions'],
  };
  const data = { ...listing(), title: 'Bad\u0007bell', summary: 'two\nlines', description: 'fine\nhere',
    locations: [{ name: '   ', area: 'leeds' }], apply: { instructions: 'ok\nok' }, tags: ['a\u200bb', 'x\u0085'] };
  assert.deepEqual(textRuleErrors(data, rules).map((error) => [error.path.join('.'), error.message || error.keyword, error.values]), [
    ['title', 'text.forbidden', { character: 'U+0007' }],
    ['summary', 'text.line_break', {}],
    ['locations.0.name', 'required', undefined],
    ['tags.1', 'text.forbidden', { character: 'U+0085' }],
  ]);
  assert.deepEqual(textRuleErrors(data, undefined), []);
});
