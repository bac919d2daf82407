// Result cards: the same markup as the lists' opportunity card
// (theme/templates/macros/opportunity_card.html), plus a label for pages that are not
// opportunities and, for printing, the DBS check and how to apply spelled out.

function paragraph(className, text) {
  const element = document.createElement('p');
  element.className = className;
  element.textContent = text;
  return element;
}

function summaryList(rows, className) {
  const list = document.createElement('dl');
  list.className = `summary-list summary-list--compact ${className}`.trim();
  for (const [key, value] of rows) {
    const row = document.createElement('div');
    row.className = 'summary-list__row';
    const dt = document.createElement('dt');
    dt.className = 'summary-list__key';
    dt.textContent = key;
    const dd = document.createElement('dd');
    dd.className = 'summary-list__value';
    dd.textContent = value;
    row.append(dt, dd);
    list.append(row);
  }
  return list;
}

// How to apply, in words a printed page can carry: "Phone 0113 …", "Email …", "Online: https://…".
export function applyRows(meta) {
  return [
    ['Phone', meta.apply_phone], ['Email', meta.apply_email], ['Apply online', meta.apply_url],
  ].filter(([, value]) => value);
}

// A result's address from the index, only if it is a page of this site: never javascript:, data: or another host.
export function siteAddress(value, siteRoot) {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value.replace(/^\//, ''), siteRoot);
    return url.origin === siteRoot.origin && url.href.startsWith(siteRoot.href) ? url.href : null;
  } catch {
    return null;
  }
}

export function card(data, siteRoot) {
  const meta = data.meta || {};
  const item = document.createElement('li');
  item.className = 'card';
  const heading = document.createElement('h3');
  heading.className = 'card__title';
  const link = document.createElement('a');
  link.className = 'card__link';
  link.href = siteAddress(meta.url, siteRoot) || siteAddress(data.url, siteRoot) || siteRoot.href;
  link.textContent = meta.title || data.url;
  heading.append(link);
  if (meta.kind) {
    const kind = paragraph('card__kind', '');
    const tag = document.createElement('strong');
    tag.className = 'tag';
    tag.textContent = meta.kind;
    kind.append(tag);
    item.append(kind);
  }
  item.append(heading);
  if (meta.distance) item.append(paragraph('card__distance', meta.distance)); // from the Near box (near/main.js)
  if (meta.organisation) item.append(paragraph('card__organisation', meta.organisation));
  item.append(paragraph('card__summary', meta.summary || data.plain_excerpt || ''));
  const rows = [['Where', meta.where], ['Time', meta.time], ['Closing date', meta.closes]].filter(([, value]) => value);
  if (rows.length) item.append(summaryList(rows, ''));
  if (meta.slug) {
    item.dataset.shortlist = meta.slug;
    const printed = [['DBS check', meta.dbs], ...applyRows(meta), ['More details', link.href]].filter(([, value]) => value);
    item.append(summaryList(printed, 'print-only'));
  }
  return item;
}
