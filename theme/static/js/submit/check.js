/* Checks a listing with the same JSON Schema the build uses (the subset of keywords our
   schemas use), plus the build's rules across fields (portal_content/validate.py), whose
   patterns and limits come from the page's settings. Pure functions: no page needed. */

export function isObject(value) { return value !== null && typeof value === 'object' && !Array.isArray(value); }

function hasType(type, value) {
  if (Array.isArray(type)) { return type.some((one) => hasType(one, value)); }
  switch (type) {
    case 'string': return typeof value === 'string';
    case 'number': return typeof value === 'number' && Number.isFinite(value);
    case 'integer': return Number.isInteger(value);
    case 'boolean': return typeof value === 'boolean';
    case 'array': return Array.isArray(value);
    case 'object': return isObject(value);
    default: return true;
  }
}

/** A real day in the calendar written YYYY-MM-DD. */
export function isRealDate(text) {
  const match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(text);
  if (!match) { return false; }
  const day = new Date(Date.UTC(+match[1], +match[2] - 1, +match[3]));
  return day.getUTCFullYear() === +match[1] && day.getUTCMonth() === +match[2] - 1 && day.getUTCDate() === +match[3];
}

function valid(node, value) { const errors = []; walk(node, value, [], errors); return errors.length === 0; }

function walk(node, value, path, errors) {
  const fail = (keyword, where = path) => errors.push({ path: where, keyword, node });
  if (node.type && !hasType(node.type, value)) { fail('type'); return; }
  if (node.enum && !node.enum.includes(value)) { fail('enum'); }
  if (node.const !== undefined && node.const !== value) { fail('const'); }
  if (typeof value === 'string') {
    const length = Array.from(value).length;
    if (node.minLength !== undefined && length < node.minLength) { fail('minLength'); }
    if (node.maxLength !== undefined && length > node.maxLength) { fail('maxLength'); }
    if (node.pattern && !new RegExp(node.pattern, 'u').test(value)) { fail('pattern'); }
    if (node.format === 'date' && !isRealDate(value)) { fail('format'); }
  }
  if (typeof value === 'number') {
    if (node.minimum !== undefined && value < node.minimum) { fail('minimum'); }
    if (node.maximum !== undefined && value > node.maximum) { fail('maximum'); }
    if (node.exclusiveMinimum !== undefined && value <= node.exclusiveMinimum) { fail('minimum'); }
    if (node.exclusiveMaximum !== undefined && value >= node.exclusiveMaximum) { fail('maximum'); }
  }
  if (Array.isArray(value)) {
    if (node.minItems !== undefined && value.length < node.minItems) { fail('minItems'); }
    if (node.uniqueItems && new Set(value.map((item) => JSON.stringify(item))).size !== value.length) { fail('uniqueItems'); }
    if (node.items) { value.forEach((item, i) => walk(node.items, item, path.concat(String(i)), errors)); }
  }
  if (isObject(value)) {
    (node.required || []).forEach((name) => { if (value[name] === undefined) { fail('required', path.concat(name)); } });
    Object.keys(node.properties || {}).forEach((name) => {
      if (value[name] !== undefined) { walk(node.properties[name], value[name], path.concat(name), errors); }
    });
    if (node.minProperties !== undefined && Object.keys(value).length < node.minProperties) { fail('minProperties'); }
  }
  if (node.anyOf && !node.anyOf.some((alt) => valid(alt, value))) { fail('anyOf'); }
  if (node.oneOf && node.oneOf.filter((alt) => valid(alt, value)).length !== 1) {
    // Explain with the branch that matches the value's shape (a number, or a min/max range).
    const branch = node.oneOf.find((alt) => hasType(alt.type, value)) || node.oneOf[0];
    const before = errors.length;
    walk(branch, value, path, errors);
    if (errors.length === before) { fail('oneOf'); }
  }
  if (node.if) {
    const branch = valid(node.if, value) ? node.then : node.else;
    if (branch) { walk(branch, value, path, errors); }
  }
}

/** Every schema error as {path: [...keys], keyword, node}; none when the data is valid. */
export function check(schema, data) {
  const errors = [];
  walk(schema, data, [], errors);
  return errors;
}

/** Links in formatted text whose scheme is not https, mailto or tel (portal_content/markup.py). */
export function unsafeLinks(text, linkPattern) {
  const pattern = new RegExp(linkPattern, 'gi');
  const found = [];
  for (const match of text.matchAll(pattern)) {
    const target = match[1] || match[2] || match[3];
    const scheme = /^\s*([a-zA-Z][a-zA-Z0-9+.-]*)\s*:/.exec(target);
    if (scheme && !['https', 'mailto', 'tel'].includes(scheme[1].toLowerCase())) { found.push(target); }
  }
  return found;
}

/** The build's rules across fields: dates in order, safe links, sessions that end after they start. */
export function crossChecks(data, config) {
  const errors = [];
  const fail = (path, message, values = {}) => errors.push({ path, keyword: 'custom', message, values });
  if (isRealDate(data.posted || '') && isRealDate(data.closes || '') && data.closes < data.posted) {
    fail(['closes'], 'closes_before_posted');
  }
  if (isRealDate(data.posted || '') && isRealDate(data.review_by || '') && data.review_by < data.posted) {
    fail(['review_by'], 'review_before_posted');
  }
  config.markdown_fields.forEach((dotted) => {
    const text = dotted.split('.').reduce((node, key) => (node ? node[key] : undefined), data);
    const bad = typeof text === 'string' ? unsafeLinks(text, config.link_pattern) : [];
    if (bad.length) { fail(dotted.split('.'), 'links', { link: bad[0] }); }
  });
  (Array.isArray(data.sessions) ? data.sessions : []).forEach((session, i) => {
    if (session && session.start && session.end && session.end <= session.start) {
      fail(['sessions', String(i), 'end'], 'session_end');
    }
  });
  return errors;
}

/** The web-address name: present, well-formed and not used by another listing. */
export function slugErrors(slug, config, editing = '') {
  const fail = (message, values = {}) => [{ path: ['$slug'], keyword: 'custom', message, values }];
  if (!slug) { return [{ path: ['$slug'], keyword: 'required' }]; }
  if (!new RegExp(config.slug.pattern).test(slug)) { return fail('slug.pattern'); }
  if (slug !== editing && config.existing.includes(slug)) { return fail('slug.taken', { slug }); }
  return [];
}

/** Rules for every text value (schema "x-text-rules", from portal_content): no control characters,
    one line unless the field may have several, not only spaces. None when the schema has no rules. */
export function textRuleErrors(data, rules) {
  if (!rules) { return []; }
  const forbidden = new RegExp(rules.forbidden, 'u');
  const lineBreak = new RegExp(rules.line_breaks, 'u');
  const errors = [];
  const visit = (value, path) => {
    if (Array.isArray(value)) { value.forEach((item, i) => visit(item, path.concat(String(i)))); return; }
    if (isObject(value)) { Object.keys(value).forEach((key) => visit(value[key], path.concat(key))); return; }
    if (typeof value !== 'string') { return; }
    const field = path.filter((part) => !/^[0-9]+$/.test(part)).join('.');
    const bad = forbidden.exec(value);
    if (bad) {
      const code = bad[0].codePointAt(0).toString(16).toUpperCase().padStart(4, '0');
      errors.push({ path, keyword: 'custom', message: 'text.forbidden', values: { character: 'U+' + code } });
    } else if (!rules.multi_line.includes(field) && lineBreak.test(value)) {
      errors.push({ path, keyword: 'custom', message: 'text.line_break', values: {} });
    } else if (value.length && !value.trim()) {
      errors.push({ path, keyword: 'required' });
    }
  };
  visit(data, []);
  return errors;
}
