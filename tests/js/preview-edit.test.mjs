import { test } from 'node:test';
import assert from 'node:assert/strict';
import { card } from '../../theme/static/js/submit/preview.js';
import { filePath, fromRecord, stillRecruiting } from '../../theme/static/js/submit/edit.js';
import { listing, opportunitySchema } from './project.mjs';

const config = {
  kind: 'opportunity', folder: 'content/opportunities/', paths: { 'old-place': 'content/opportunities/old-place.yaml' },
  organisations: { 'hebble-growers': 'Hebble Growers Community Gardens' },
  labels: {
    areas: { calderdale: 'Calderdale', leeds: 'Leeds' }, schedules: { weekends: 'Weekends', flexible: 'Flexible times' },
    durations: { ongoing: 'Ongoing' }, activities: { 'gardening-and-environment': 'Gardening and environment' },
    dbs_checks: { none: 'No DBS check needed', basic: 'Basic DBS check' }, languages: { en: 'English', ur: 'Urdu' },
  },
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
      ['Kinds of volunteering', 'Gardening and environment'],
      ['Criminal record check', 'Basic DBS check'],
      ['Languages', 'English, Urdu'],
    ],
  });
  assert.deepEqual(card({}, config).rows, [['Closing date', 'No closing date'], ['Criminal record check', 'No DBS check needed']]);
  assert.equal(card({}, config).title, 'The role’s name');
  assert.equal(card({ title: '   ' }, config).title, 'The role’s name');
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
