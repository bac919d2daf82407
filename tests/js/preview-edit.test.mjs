import { test } from 'node:test';
import assert from 'node:assert/strict';
import { card } from '../../theme/static/js/submit/preview.js';
import { filePath, fromRecord, stillRecruiting } from '../../theme/static/js/submit/edit.js';
import { listing, opportunitySchema, wording } from './project.mjs';

const config = {
  kind: 'opportunity', folder: 'content/opportunities/', paths: { 'old-place': 'content/opportunities/old-place.yaml' },
  organisations: { 'hebble-growers': 'Hebble Growers Community Gardens' },
  labels: {
    areas: { calderdale: 'Calderdale', leeds: 'Leeds' }, schedules: { weekends: 'Weekends', flexible: 'Flexible times' },
    durations: { ongoing: 'Ongoing' }, activities: { 'gardening-and-environment': 'Gardening and environment' },
    dbs_checks: { none: 'No DBS check needed', basic: 'Basic DBS check' }, languages: { en: 'English', ur: 'Urdu' },
  },
  wording,
};

test('the preview card shows the words people read, not the codes', () => {
  const data = { ...listing(), remote: true, closes: '2027-01-31', languages: ['en', 'ur'], requirements: { dbs_check: 'basic' } };
  data.commitment.schedule = ['weekends', 'flexible'];
  assert.deepEqual(card(data, config), {
    title: 'Garden helper',
    organisation: 'Hebble Growers Community Gardens',
    summary: 'Help keep the garden tidy.',
    rows: [
      ['Where', 'Calderdale, or from home'],
      ['Time', 'About 2 hours a week, weekends or flexible times, ongoing'],
      ['Closing date', 'Apply by 31 January 2027'],
      ['Kind of volunteering', 'Gardening and environment'],
      ['Criminal record check', 'Basic DBS check'],
      ['Languages', 'English, Urdu'],
    ],
  });
  assert.deepEqual(card({}, config).rows, [['Closing date', 'No closing date'], ['Criminal record check', 'No DBS check needed']]);
  assert.equal(card({}, config).title, 'The role’s name');
  assert.equal(card({ title: '   ' }, config).title, 'The role’s name');
});

test('the preview says hours, places and dates in the words the site\'s cards use', () => {
  const time = (hours) => card({ commitment: { hours_per_week: hours } }, config).rows.find(([key]) => key === 'Time')?.[1];
  assert.equal(time(1), 'About 1 hour a week');
  assert.equal(time(2.5), 'About 2.5 hours a week');
  assert.equal(time({ min: 1 }), 'At least 1 hour a week');
  assert.equal(time({ min: 2, max: 4 }), '2 to 4 hours a week');
  assert.equal(time({ max: 6 }), 'Up to 6 hours a week');
  assert.equal(time(undefined), undefined);
  const where = (data) => card(data, config).rows.find(([key]) => key === 'Where')?.[1];
  assert.equal(where({ remote: true }), 'From home or online');
  assert.equal(where({ locations: [{ area: 'leeds' }, { area: 'calderdale' }, { area: 'leeds' }] }), 'Leeds and Calderdale');
  assert.equal(card({ closes: '2027-12-01' }, config).rows[0][1], 'Apply by 1 December 2027');
});

test('a region that rewords the site rewords the preview: nothing is written into preview.js', () => {
  const welsh = JSON.parse(JSON.stringify(wording));
  welsh.labels.where = 'Ble';
  welsh.phrases.remote = 'O gartref neu ar-lein';
  welsh.phrases.months[0] = 'Ionawr';
  welsh.phrases.apply_by = 'Gwnewch gais erbyn {date}';
  const rows = card({ remote: true, closes: '2027-01-05' }, { ...config, wording: welsh }).rows;
  assert.deepEqual(rows.slice(0, 2), [['Ble', 'O gartref neu ar-lein'], ['Closing date', 'Gwnewch gais erbyn 5 Ionawr 2027']]);
});

test('an open-data record becomes the file\'s own fields', () => {
  const record = { ...listing(), slug: 'garden-helper', url: 'https://x/opportunities/garden-helper/', is_open: true, areas: ['calderdale'],
    description_html: '<p>x</p>', organisation_details: { slug: 'hebble-growers' } };
  assert.deepEqual(fromRecord(record, opportunitySchema()), listing());
});

test('"Still recruiting" sets the review date six months on', () => {
  assert.deepEqual(stillRecruiting(listing(), '2026-11-26'), { ...listing(), review_by: '2027-05-26' });
});

test('the file path: the organisation\'s folder, or where the site says the file already is', () => {
  assert.equal(filePath(config, listing(), 'garden-helper'), 'content/opportunities/hebble-growers/garden-helper.yaml');
  assert.equal(filePath(config, listing(), 'old-place'), 'content/opportunities/old-place.yaml');
  assert.equal(filePath({ ...config, kind: 'organisation', folder: 'content/organisations/' }, {}, 'acme'), 'content/organisations/acme.yaml');
});
