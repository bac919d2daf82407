import { test } from 'node:test';
import assert from 'node:assert/strict';
import { block, quote, yamlText } from '../../theme/static/js/submit/yaml.js';
import { listing, opportunitySchema } from './project.mjs';

test('one-line text is always double-quoted, with escapes only where YAML needs them', () => {
  assert.equal(quote('no'), '"no"');
  assert.equal(quote('He said "hi": #1 \\ ok'), '"He said \\"hi\\": #1 \\\\ ok"');
  assert.equal(quote('tab\tand\u0001'), '"tab\\tand\\u0001"');
  assert.equal(quote('Café 🙂'), '"Café 🙂"');
});

test('text of several lines is a | block unless only quoting keeps it exact', () => {
  assert.deepEqual(block('a\nb', ''), ['|-', '  a', '  b']);
  assert.deepEqual(block('a\n\nb\n', '  '), ['|', '    a', '', '    b']);
  assert.deepEqual(block('a\n\n', ''), ['|+', '  a', '']);
  assert.equal(block('one line', ''), null);
  assert.equal(block(' leading space\nx', ''), null);
  assert.equal(block('trailing space \nx', ''), null);
  assert.equal(block('a tab\there\nx', ''), null);
});

test('the file follows the schema\'s order and the templates\' list style', () => {
  const data = listing();
  const shuffled = Object.fromEntries(Object.entries(data).reverse());
  const text = yamlText(opportunitySchema(), { ...shuffled, description: 'Line one\nLine two\n' }, 'content/opportunities/x.yaml');
  assert.equal(text, [
    '# content/opportunities/x.yaml',
    'title: "Garden helper"',
    'organisation: "hebble-growers"',
    'summary: "Help keep the garden tidy."',
    'description: |',
    '  Line one',
    '  Line two',
    'activities:',
    '  - "gardening-and-environment"',
    'settings:',
    '  - "outdoors"',
    'locations:',
    '  - name: "Hebble Hall"',
    '    postcode: "HX7 8AD"',
    '    area: "calderdale"',
    'commitment:',
    '  hours_per_week: 2',
    '  schedule:',
    '    - "weekends"',
    '  duration: "ongoing"',
    'apply:',
    '  email: "seeds@example.org.uk"',
    'posted: "2026-11-20"',
    '',
  ].join('\n'));
});
