/* Plain-English error messages. The words are the site's (portal_submit/form.py MESSAGES,
   passed in the page's settings); this module only picks one and fills in its blanks. */

function capitalise(text) { return text.charAt(0).toUpperCase() + text.slice(1); }

/** "{Noun} must be {max} characters or fewer" with the blanks filled in. */
export function fill(template, values) {
  return template.replace(/\{([A-Za-z_]+)\}/g, (whole, name) => {
    if (name === 'Noun') { return capitalise(String(values.noun)); }
    return values[name] !== undefined ? String(values[name]) : whole;
  });
}

function requiredKey(field) {
  if (field.kind === 'checkboxes' || field.kind === 'languages') { return 'required.checkboxes'; }
  if (field.kind === 'radios' || field.kind === 'select') { return 'required.choice'; }
  return 'required';
}

/** The message for one error ({path, keyword, node, message?, values?}) on the control `field`. */
export function message(error, field, messages) {
  const node = error.node || {};
  const values = {
    noun: field.noun, example: field.example, description: node.description || field.description,
    max: node.maxLength,
    low: node.minimum !== undefined ? node.minimum : node.exclusiveMinimum,
    high: node.maximum !== undefined ? node.maximum : node.exclusiveMaximum,
    ...(error.values || {}),
  };
  // Per-field words are written for the first item of a list (locations.0.area) and fit every item.
  const general = (path) => path.replace(/\.[0-9]+(?=\.)/g, '.0');
  const own = (messages.fields || {})[general(error.path.join('.'))] || (messages.fields || {})[general(field.path)];
  const numeric = field.kind === 'number' || field.kind === 'hours';
  switch (error.keyword) {
    case 'custom': return fill(messages[error.message], values);
    case 'required':
    case 'minItems':
    case 'minLength':
      return fill(own || messages[requiredKey(field)], values);
    case 'type':
      if (numeric) { return fill(node.type === 'integer' ? messages.whole : messages.number, values); }
      return fill(messages.default, values);
    case 'minimum':
    case 'maximum':
      return fill(values.low !== undefined && values.high !== undefined ? messages.range : messages.number, values);
    case 'maxLength': return fill(messages.maxLength, values);
    case 'pattern': return fill(values.description ? messages.pattern : messages.default, values);
    case 'format': return fill(messages.date, values);
    case 'enum': return fill(messages.enum, values);
    case 'anyOf': return fill(messages.anyOf, values);
    case 'oneOf': return fill(messages.number, values);
    default: return fill(messages.default, values);
  }
}
