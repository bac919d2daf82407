/* The live preview: the listing as a card, as lists on the site show it, with its key facts.
   `card` is pure (tested with node --test); `render` draws it with textContent only, so
   whatever people type is shown as text, never as markup. */

function words(list, last) {
  if (list.length <= 1) { return list.join(''); }
  return list.slice(0, -1).join(', ') + ' ' + last + ' ' + list[list.length - 1];
}

function hoursWords(value) {
  if (value === undefined || value === null || value === '') { return ''; }
  if (typeof value === 'number') { return 'About ' + value + (value === 1 ? ' hour' : ' hours') + ' a week'; }
  if (typeof value !== 'object') { return ''; }
  if (value.min !== undefined && value.max !== undefined) { return value.min + ' to ' + value.max + ' hours a week'; }
  if (value.min !== undefined) { return 'At least ' + value.min + ' hours a week'; }
  return value.max !== undefined ? 'Up to ' + value.max + ' hours a week' : '';
}

function longDate(day) {
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(day || '');
  return match ? Number(match[3]) + ' ' + months[Number(match[2]) - 1] + ' ' + match[1] : '';
}

/** {title, organisation, summary, rows: [[key, value]]} for the card, from the data and the site's labels. */
export function card(data, config) {
  const label = (vocabulary, key) => ((config.labels[vocabulary] || {})[key]) || key;
  const commitment = data.commitment || {};
  const areas = [...new Set((data.locations || []).map((place) => place && place.area).filter(Boolean))].map((key) => label('areas', key));
  let where = words(areas, 'and');
  if (data.remote) { where = where ? where + ', or from home' : 'From home or online'; }
  const time = [
    hoursWords(commitment.hours_per_week),
    words((commitment.schedule || []).map((key) => label('schedules', key).toLowerCase()), 'or'),
    commitment.duration ? label('durations', commitment.duration).toLowerCase() : '',
  ].filter(Boolean).join(', ');
  const rows = [
    ['Where', where],
    ['Time', time.charAt(0).toUpperCase() + time.slice(1)],
    ['Closing date', data.closes ? 'Apply by ' + longDate(data.closes) : 'No closing date'],
    ['Kinds of volunteering', (data.activities || []).map((key) => label('activities', key)).join(', ')],
    ['Criminal record check', label('dbs_checks', (data.requirements || {}).dbs_check || 'none')],
    ['Languages', (data.languages || []).map((key) => label('languages', key)).join(', ')],
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
