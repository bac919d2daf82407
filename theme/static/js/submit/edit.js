/* Editing a published listing: /submit/?edit=<slug> reads it from the open data
   (/api/opportunities.json, whose records keep every field as the file has it) and puts it
   in the form; "Still recruiting" moves its review date six months on. */

import { addMonths } from './values.js';

/** The file's own fields from an open-data record (the record adds url, areas and others). */
export function fromRecord(record, schema) {
  const data = {};
  Object.keys(schema.properties).forEach((key) => {
    if (record[key] !== undefined) { data[key] = JSON.parse(JSON.stringify(record[key])); }
  });
  return data;
}

/** The data with review_by six months after `today` (YYYY-MM-DD). */
export function stillRecruiting(data, today) {
  return { ...data, review_by: addMonths(today, 6) };
}

/** Where the file lives: as the site says for files kept elsewhere, else the form's own place. */
export function filePath(config, data, slug) {
  if (config.paths && config.paths[slug]) { return config.paths[slug]; }
  return config.folder + (config.kind === 'opportunity' ? data.organisation + '/' : '') + slug + '.yaml';
}

/** Fetch the open data (its address resolved against the page, so any sub-path works) and find one listing. */
export async function loadRecord(address, slug) {
  const response = await fetch(new URL(address, document.baseURI));
  if (!response.ok) { throw new Error('The listings could not be loaded (' + response.status + ')'); }
  const records = await response.json();
  const list = Array.isArray(records) ? records : (records.opportunities || records.items || []);
  return list.find((record) => record.slug === slug) || null;
}
