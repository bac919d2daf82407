/* Turning what people type into the values the file holds, and back (for editing).
   The web-address rule comes from the page's settings (portal_content/slugs.py). */

/** "Café "Friends" #2" -> "cafe-friends-2", by the same rule as portal_content.slugs.slugify. */
export function slugify(text, rule) {
  const plain = text.normalize('NFKD').replace(/[^\x00-\x7F]/g, '').toLowerCase();
  const trim = (value) => value.replace(/^-+|-+$/g, '');
  return trim(trim(plain.replace(new RegExp(rule.separators, 'g'), '-')).slice(0, rule.max));
}

/** "www.example.org" -> "https://www.example.org"; anything with a scheme stays as typed. */
export function webAddress(text) {
  const value = text.trim();
  if (!value || /^[a-z][a-z0-9+.-]*:/i.test(value)) { return value; }
  return 'https://' + value.replace(/^\/+/, '');
}

const NUMBER = /^-?[0-9]+(\.[0-9]+)?$/;

/** A number typed as text, or the text itself (so the check can explain what is wrong). */
export function number(text) {
  const value = text.trim();
  return NUMBER.test(value) ? Number(value) : value;
}

/** "3" -> 3, "2 to 4" -> {min: 2, max: 4}, "2 or more" -> {min: 2}, "up to 4" -> {max: 4}. */
export function hours(text) {
  const value = text.trim();
  let match = /^([0-9.]+)\s*(?:to|-|–)\s*([0-9.]+)$/i.exec(value);
  if (match && NUMBER.test(match[1]) && NUMBER.test(match[2])) { return { min: Number(match[1]), max: Number(match[2]) }; }
  match = /^([0-9.]+)\s*(?:or more|\+)$/i.exec(value);
  if (match && NUMBER.test(match[1])) { return { min: Number(match[1]) }; }
  match = /^up to\s*([0-9.]+)$/i.exec(value);
  if (match && NUMBER.test(match[1])) { return { max: Number(match[1]) }; }
  return number(value);
}

/** The words `hours` reads back. */
export function hoursText(value) {
  if (value === null || typeof value !== 'object') { return String(value); }
  if (value.min !== undefined && value.max !== undefined) { return value.min + ' to ' + value.max; }
  if (value.min !== undefined) { return value.min + ' or more'; }
  return 'up to ' + value.max;
}

/** One item per non-empty line. */
export function lines(text) {
  return text.split('\n').map((line) => line.trim()).filter(Boolean);
}

/** "YYYY-MM-DD" of a Date, in the person's own time zone. */
export function isoDay(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return date.getFullYear() + '-' + pad(date.getMonth() + 1) + '-' + pad(date.getDate());
}

/** A day plus whole months, clamped to the month's end (as portal_content.validate.add_months). */
export function addMonths(day, months) {
  const [year, month, date] = day.split('-').map(Number);
  const index = month - 1 + months;
  const targetYear = year + Math.floor(index / 12);
  const targetMonth = ((index % 12) + 12) % 12;
  const last = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  return isoDay(new Date(targetYear, targetMonth, Math.min(date, last)));
}
