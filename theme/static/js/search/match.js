// Honest matching. Pagefind matches words that START with a query word; when no indexed word
// does, it falls back to the longest indexed word that the query word starts with ("dog" finds
// "do", "befrinding" finds "be"), so a word that appears nowhere still shows results. A result
// really matches a word when one of its matched words shares at least the word's stem with it.
// Pure functions: tested with `node --test`.

const SUFFIXES = ['ations', 'ation', 'ings', 'ing', 'ers', 'ies', 'ied', 'ed', 'er', 'es', 'ly', 's'];
const MIN_STEM = 3;

export function normalise(text) {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/’/g, "'");
}

// The words of a query as Pagefind splits them (on spaces), normalised, without punctuation.
export function queryWords(query) {
  return normalise(query).split(/\s+/).map((word) => word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')).filter(Boolean);
}

// A light English stem: at most one common ending off ("running" → "run"), never shorter than
// three letters. Pagefind's own (Snowball) stem can be shorter, so a result is checked on
// several of its matched words.
export function lightStem(word) {
  for (const suffix of SUFFIXES) {
    if (word.endsWith(suffix) && word.length - suffix.length >= MIN_STEM) {
      const stem = word.slice(0, -suffix.length);
      const doubled = /([b-df-hj-km-np-rtv-z])\1$/.test(stem) && !/(ll|ss|zz)$/.test(stem);
      return doubled && stem.length > MIN_STEM ? stem.slice(0, -1) : stem;
    }
  }
  return word;
}

function commonPrefix(a, b) {
  let length = 0;
  while (length < a.length && length < b.length && a[length] === b[length]) length += 1;
  return length;
}

// Does a word of the page (as written: "Gardens." or a URL) really match the query word?
export function isRealMatch(pageWord, queryWord) {
  const stem = Math.min(lightStem(queryWord).length, queryWord.length);
  return normalise(pageWord).split(/[^\p{L}\p{N}']+/u).some((part) => commonPrefix(part, queryWord) >= stem);
}

// Pagefind result data: `content` split on white space, `locations` index its matched words.
export function matchedWords(data) {
  const words = (data.content || '').split(/[\r\n\s]+/g);
  return (data.locations || []).map((index) => words[index]).filter(Boolean);
}

export function resultMatches(data, queryWord) {
  return matchedWords(data).some((word) => isRealMatch(word, queryWord));
}
