import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fill, message } from '../../theme/static/js/submit/messages.js';

// The shape of portal_submit's MESSAGES; the words here are only for the test.
const messages = {
  required: 'Enter {noun}', 'required.choice': 'Select {noun}', 'required.checkboxes': 'Select at least one option for {noun}',
  number: 'Enter {noun} as a number, for example {example}', whole: 'Enter {noun} as a whole number, for example {example}',
  range: '{Noun} must be a number from {low} to {high}', maxLength: '{Noun} must be {max} characters or fewer',
  pattern: 'Enter {description}', date: 'Enter a real date for {noun}', enum: 'Select {noun} from the list',
  default: 'Check {noun}', anyOf: 'Enter a web address, an email address or a phone number for applying',
  links: 'Links must start with https://, mailto: or tel:. Change {link}', 'slug.taken': 'The web address name {slug} is already used',
  fields: { organisation: 'Select your organisation', 'locations.0.area': 'Select the area the place is in' },
};
const age = { path: 'requirements.min_age', kind: 'number', noun: 'the youngest age', example: '16', description: 'the youngest age accepted' };

test('blanks are filled, {Noun} starts with a capital, unknown blanks stay', () => {
  assert.equal(fill('{Noun} and {noun} and {nope}', { noun: 'the age' }), 'The age and the age and {nope}');
});

test('numbers: "Enter the youngest age as a number, for example 16"', () => {
  assert.equal(message({ path: ['requirements', 'min_age'], keyword: 'type', node: { type: 'integer' } }, age, messages),
    'Enter the youngest age as a whole number, for example 16');
  assert.equal(message({ path: ['requirements', 'min_age'], keyword: 'type', node: { type: 'number' } }, age, messages),
    'Enter the youngest age as a number, for example 16');
  assert.equal(message({ path: ['requirements', 'min_age'], keyword: 'maximum', node: { minimum: 0, maximum: 99 } }, age, messages),
    'The youngest age must be a number from 0 to 99');
});

test('required answers name the question, by the kind of control, or the field\'s own words', () => {
  const pick = { path: 'activities', kind: 'checkboxes', noun: 'the kinds of volunteering' };
  assert.equal(message({ path: ['activities'], keyword: 'required' }, pick, messages), 'Select at least one option for the kinds of volunteering');
  assert.equal(message({ path: ['organisation'], keyword: 'required' }, { path: 'organisation', kind: 'select', noun: 'the organisation' }, messages), 'Select your organisation');
  const area = { path: 'locations.2.area', kind: 'radios', noun: 'the area' };
  assert.equal(message({ path: ['locations', '2', 'area'], keyword: 'required' }, area, messages), 'Select the area the place is in');
  assert.equal(message({ path: ['title'], keyword: 'minLength' }, { path: 'title', kind: 'text', noun: 'the name of the role' }, messages), 'Enter the name of the role');
});

test('formats use the schema\'s own description; custom rules use their values', () => {
  const postcode = { path: 'locations.0.postcode', kind: 'text', noun: 'the postcode' };
  assert.equal(message({ path: ['locations', '0', 'postcode'], keyword: 'pattern', node: { description: 'a UK postcode like LS9 7TF' } }, postcode, messages),
    'Enter a UK postcode like LS9 7TF');
  assert.equal(message({ path: ['description'], keyword: 'custom', message: 'links', values: { link: 'javascript:x' } }, { path: 'description', noun: 'x' }, messages),
    'Links must start with https://, mailto: or tel:. Change javascript:x');
  assert.equal(message({ path: ['title'], keyword: 'maxLength', node: { maxLength: 90 } }, { path: 'title', noun: 'the name of the role' }, messages),
    'The name of the role must be 90 characters or fewer');
});
