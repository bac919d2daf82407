import {test} from 'node:test';
import assert from 'node:assert/strict';
import {isRealMatch, lightStem, matchedWords, queryWords, resultMatches} from '../../theme/static/js/search/match.js';
import {distance, suggest} from '../../theme/static/js/search/suggest.js';

test('query words are split on spaces, lower-cased, without accents or punctuation', () => {
  assert.deepEqual(queryWords('  Café, "Dog"  walking! '), ['cafe', 'dog', 'walking']);
});

test('a light stem takes one ending off, undoubling the last consonant', () => {
  assert.equal(lightStem('gardening'), 'garden');
  assert.equal(lightStem('running'), 'run');
  assert.equal(lightStem('hospitals'), 'hospital');
  assert.equal(lightStem('dog'), 'dog');
  assert.equal(lightStem('bus'), 'bus');
});

test("Pagefind's fallback words are not real matches", () => {
  assert.equal(isRealMatch('do.', 'dog'), false);
  assert.equal(isRealMatch('doing', 'dog'), false);
  assert.equal(isRealMatch('Being', 'befrinding'), false);
});

test('words that share the stem are real matches, in any case and with punctuation', () => {
  assert.equal(isRealMatch('Gardens.', 'gardening'), true);
  assert.equal(isRealMatch('run', 'running'), true);
  assert.equal(isRealMatch('care', 'caring'), true);
  assert.equal(isRealMatch('volunteer.', 'volunteering'), true);
  assert.equal(isRealMatch('gardener,', 'gard'), true);
  assert.equal(isRealMatch('https://example.org/garden-club', 'garden'), true);
});

test('a result matches when one of its matched locations is a real match', () => {
  const data = {content: 'What you do. Walk the dogs in the park', locations: [2]};
  assert.deepEqual(matchedWords(data), ['do.']);
  assert.equal(resultMatches(data, 'dog'), false);
  assert.equal(resultMatches({...data, locations: [2, 5]}, 'dog'), true);
});

test('edit distance counts a swap of neighbours as one edit', () => {
  assert.equal(distance('befrinding', 'befriending'), 1);
  assert.equal(distance('freind', 'friend'), 1);
  assert.equal(distance('kitten', 'sitting'), 3);
});

test('suggests the nearest site word, or nothing when none is close', () => {
  const words = ['befriender', 'befriending', 'driving', 'gardening', 'hospital', 'leeds'];
  assert.equal(suggest('befrinding', words), 'befriending');
  assert.equal(suggest('hosptial', words), 'hospital');
  assert.equal(suggest('xyzzy', words), null);
  assert.equal(suggest('dog', words), null, 'short words are not guessed at');
  assert.equal(suggest('leeds', words), null, 'a word on the list is not a misspelling');
});
