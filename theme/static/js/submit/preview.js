/* The live preview: the listing as a card, as lists on the site show it, with its key facts.
   `card` is pure (tested with node --test); `render` draws it with textContent only, so
   whatever people type is shown as text, never as markup. */

/* Every word comes from `config.wording`: the build's fact labels and phrases
   (plugins/portal_content/wording.json), the same the site's cards say, never a copy. */

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (whole, name) => String(values[name]));
}

function words(list, last) {
  if (list.length <= 1) { return list.join(''); }
  return list.slice(0, -1).join(', ') + ' ' + last + ' ' + list[list.length - 1];
}

function hoursWords(value, phrases) {
  const unit = (n) => (n === 1 ? phrases.hour : phrases.hours);
  if (typeof value === 'number') { return fill(phrases.hours_about, { n: value, unit: unit(value) }); }
  if (!value || typeof value !== 'object') { return ''; }
  if (value.min !== undefined && value.max !== undefined) { return fill(phrases.hours_range, { low: value.min, high: value.max }); }
  if (value.min !== undefined) { return fill(phrases.hours_at_least, { n: value.min, unit: unit(value.min) }); }
  return value.max !== undefined ? fill(phrases.hours_up_to, { n: value.max, unit: unit(value.max) }) : '';
}

function longDate(day, months) {
  const match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(day || '');
  return match ? Number(match[3]) + ' ' + months[Number(match[2]) - 1] + ' ' + match[1] : '';
}

/** {title, organisation, summary, rows: [[key, value]]} for the card, from the data and the site's labels and wording. */
export function card(data, config) {
  const { labels, phrases } = config.wording;
  const label = (vocabulary, key) => ((config.labels[vocabulary] || {})[key]) || key;
  const commitment = data.commitment || {};
  const areas = [...new Set((data.locations || []).map((place) => place && place.area).filter(Boolean))].map((key) => label('areas', key));
  let where = words(areas, phrases.and);
  if (data.remote) { where = where ? fill(phrases.or_from_home, { places: where }) : phrases.remote; }
  const time = [
    hoursWords(commitment.hours_per_week, phrases),
    words((commitment.schedule || []).map((key) => label('schedules', key).toLowerCase()), phrases.or),
    commitment.duration ? label('durations', commitment.duration).toLowerCase() : '',
  ].filter(Boolean).join(', ');
  const rows = [
    [labels.where, where],
    [labels.time, time.charAt(0).toUpperCase() + time.slice(1)],
    [labels.closing, data.closes ? fill(phrases.apply_by, { date: longDate(data.closes, phrases.months) }) : phrases.no_closing_date],
    [labels.activities, (data.activities || []).map((key) => label('activities', key)).join(', ')],
    [labels.dbs_check, label('dbs_checks', (data.requirements || {}).dbs_check || 'none')],
    [labels.languages, (data.languages || []).map((key) => label('languages', key)).join(', ')],
  ].filter(([, value]) => value);
  // A heading is never empty (screen readers announce an empty one): say what will go there.
  const title = (data.title || '').trim() || 'The role’s name';
  return { title, organisation: (config.organisations || {})[data.organisation] || '', summary: data.summary || '', rows };
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) { node.className = className; }
  if (text !== undefined) { node.textContent = text; }
  return node;
}

/** Draw the card into `container` (replacing what was there). */
export function render(container, facts) {
  const list = element('ul', 'card-list');
  const item = element('li', 'card');
  item.append(element('h3', 'card__title', facts.title), element('p', 'card__organisation', facts.organisation), element('p', 'card__summary', facts.summary));
  const rows = element('dl', 'summary-list summary-list--compact');
  facts.rows.forEach(([key, value]) => {
    const row = element('div', 'summary-list__row');
    row.append(element('dt', 'summary-list__key', key), element('dd', 'summary-list__value', value));
    rows.append(row);
  });
  item.append(rows);
  list.append(item);
  container.replaceChildren(list);
}
