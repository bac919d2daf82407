import {test} from 'node:test';
import assert from 'node:assert/strict';
import {siteAddress} from '../../theme/static/js/search/results.js';

const root = new URL('https://example.org/portal/');

test('an address from the index opens only inside the site', () => {
  assert.equal(siteAddress('/opportunities/ward-companion/', root), 'https://example.org/portal/opportunities/ward-companion/');
  assert.equal(siteAddress('opportunities/x/', root), 'https://example.org/portal/opportunities/x/');
});

test('javascript:, data:, other hosts and non-text are refused', () => {
  for (const value of ['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,hi', 'https://evil.example/', '//evil.example/x',
    'https://example.org/elsewhere/', null, 42]) {
    assert.equal(siteAddress(value, root), null, String(value));
  }
});
