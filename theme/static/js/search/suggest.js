// "Did you mean …?": the nearest of the site's own words (search/words.json, made at build
// time) to a word that matched nothing. Pure functions: tested with `node --test`.

// Edit distance counting a swap of neighbouring letters as one edit ("freind" → "friend").
export function distance(a, b) {
  const rows = [];
  for (let i = 0; i <= a.length; i += 1) rows.push([i, ...new Array(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j += 1) rows[0][j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
    }
  }
  return rows[a.length][b.length];
}

// Short words allow one edit, longer ones two, very long ones three.
export function allowedEdits(word) {
  if (word.length < 4) return 0;
  if (word.length < 7) return 1;
  return word.length < 12 ? 2 : 3;
}

// The closest word within the allowed edits; ties go to the word sharing the longer beginning,
// then to the one that comes first alphabetically (the list is sorted). null when none is close.
export function suggest(word, words) {
  const limit = allowedEdits(word);
  let best = null;
  let bestScore = [Infinity, 0];
  for (const candidate of words) {
    if (candidate === word || Math.abs(candidate.length - word.length) > limit) continue;
    const edits = distance(word, candidate);
    if (edits > limit) continue;
    let shared = 0;
    while (shared < word.length && word[shared] === candidate[shared]) shared += 1;
    if (edits < bestScore[0] || (edits === bestScore[0] && shared > bestScore[1])) {
      best = candidate;
      bestScore = [edits, shared];
    }
  }
  return best;
}
