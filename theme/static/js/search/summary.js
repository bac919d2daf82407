// The plain-English sentence above the results: "12 opportunities in <area> at weekends, no DBS
// check". Pure functions: tested with `node --test`.

function or(words) {
  if (words.length < 2) return words.join('');
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

function lower(label) {
  return label.charAt(0).toLowerCase() + label.slice(1);
}

const SCHEDULE = {
  'weekday-daytime': 'on weekday daytimes', 'weekday-evenings': 'on weekday evenings', weekends: 'at weekends', flexible: 'at flexible times',
};
const SETTING = {
  hospital: 'in a hospital', 'general-practice': 'in a GP practice', community: 'in the community', 'home-visits': 'on home visits',
  'ambulance-service': 'with the ambulance service', 'care-home': 'in a care home', hospice: 'in a hospice',
  'mental-health-service': 'in a mental health service', online: 'online', outdoors: 'outdoors', events: 'at events',
};

// One phrase per chosen group; `labels` are the chosen values' labels, `keys` their keys.
const PHRASES = {
  area: ({labels}) => `in ${or(labels)}`,
  activity: ({labels}) => `in ${or(labels.map(lower))}`,
  setting: ({keys, labels}) => or(keys.map((key, index) => SETTING[key] || `in ${lower(labels[index])}`)),
  schedule: ({keys, labels}) => or(keys.map((key, index) => SCHEDULE[key] || lower(labels[index]))),
  'dbs-check': ({keys, labels}) => or(keys.map((key, index) => (key === 'none' ? 'no DBS check' : `${lower(labels[index])}`))),
  remote: ({keys}) => or(keys.map((key) => (key === 'yes' ? 'that can be done remotely' : 'in person'))),
  expenses: ({keys}) => or(keys.map((key) => (key === 'yes' ? 'with expenses paid' : 'without expenses paid'))),
};

export function filterPhrases(state, groups) {
  const phrases = [];
  for (const group of groups) {
    const keys = state.filters[group.name];
    if (!keys?.length) continue;
    const labelOf = Object.fromEntries(group.values.map(([key, label]) => [key, label]));
    const labels = keys.map((key) => labelOf[key] || key);
    const phrase = PHRASES[group.name];
    phrases.push(phrase ? phrase({keys, labels}) : `${lower(group.legend)}: ${or(labels)}`);
  }
  return phrases;
}

function plural(count, one, many) {
  return `${count} ${count === 1 ? one : many}`;
}

// opportunities/others: results shown; words: the words searched for; unmatched: words that
// matched nothing (left out of the search); extraPhrases: from pipeline steps ("near AB1").
export function describe({opportunities, others = 0, state, groups, words = [], unmatched = [], extraPhrases = []}) {
  const phrases = [...filterPhrases(state, groups), ...extraPhrases];
  if (!state.q.trim() && !phrases.length) return 'Type a word or choose a filter to see opportunities.';
  const quoted = (list) => list.map((word) => `“${word}”`).join(' ');
  const missing = unmatched.length ? `No opportunities match ${quoted(unmatched)}.` : '';
  if (missing && !words.length && !phrases.length) return missing;
  let sentence = opportunities === 0 ? 'No opportunities' : plural(opportunities, 'opportunity', 'opportunities');
  if (words.length) sentence += ` ${opportunities === 1 ? 'matches' : 'match'} ${quoted(words)}`;
  if (phrases.length) sentence += `${words.length ? ',' : ''} ${phrases.join(', ')}`;
  if (others) sentence += ` (and ${plural(others, 'other page', 'other pages')})`;
  return missing ? `${missing} Instead: ${lower(sentence)}.` : `${sentence}.`;
}
