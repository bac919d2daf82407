/* The "write the file for me" form: checks answers with the same JSON Schema the build
   uses, then writes the YAML file for copying, downloading or creating on GitHub.
   Progressive enhancement: without this script the page offers other ways. Nothing is
   ever sent anywhere by this script. */
(function () {
  'use strict';

  var form = document.getElementById('submit-form');
  var schemaElement = document.getElementById('schema');
  var configElement = document.getElementById('submit-config');
  if (!form || !schemaElement || !configElement || !window.JSON || !Array.from) { return; }

  var schema = JSON.parse(schemaElement.textContent);
  var config = JSON.parse(configElement.textContent);
  var summary = document.getElementById('error-summary');
  var result = document.getElementById('submit-result');
  var originalTitle = document.title;
  var SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  var fieldsByPath = {};
  config.fields.forEach(function (field) { fieldsByPath[field.path] = field; });

  document.getElementById('submit-nojs').hidden = true;
  form.hidden = false;

  /* -- reading the answers ------------------------------------------------ */

  function controls(path) {
    return Array.from(form.querySelectorAll('[data-path]')).filter(function (el) { return el.getAttribute('data-path') === path; });
  }

  function readField(field) {
    var els = controls(field.path);
    if (field.kind === 'checkboxes') {
      var ticked = els.filter(function (el) { return el.checked; }).map(function (el) { return el.value; });
      return ticked.length ? ticked : undefined;
    }
    if (field.kind === 'radios') {
      var chosen = els.filter(function (el) { return el.checked; })[0];
      return chosen ? chosen.value : undefined;
    }
    if (field.kind === 'boolean') { return els[0].checked ? true : undefined; }
    var text = els[0].value.replace(/\r\n?/g, '\n');
    if (!text.trim()) { return undefined; }
    text = text.trim();
    if (field.kind === 'number') { return /^-?[0-9]+(\.[0-9]+)?$/.test(text) ? Number(text) : text; }
    if (field.kind === 'lines') {
      return text.split('\n').map(function (line) { return line.trim(); }).filter(Boolean);
    }
    return text;
  }

  function setPath(target, parts, value) {
    var node = target;
    for (var i = 0; i < parts.length - 1; i++) {
      var key = /^[0-9]+$/.test(parts[i]) ? Number(parts[i]) : parts[i];
      if (node[key] === undefined) { node[key] = /^[0-9]+$/.test(parts[i + 1]) ? [] : {}; }
      node = node[key];
    }
    node[parts[parts.length - 1]] = value;
  }

  function collect() {
    var data = {};
    config.fields.forEach(function (field) {
      if (field.path === '$slug') { return; }
      var value = readField(field);
      if (value !== undefined) { setPath(data, field.path.split('.'), value); }
    });
    addRequiredGroups(schema, data);
    return data;
  }

  /* A required group left empty (commitment, apply) is checked field by field, so every
     missing answer in it gets its own message. */
  function addRequiredGroups(node, value) {
    (node.required || []).forEach(function (name) {
      var child = (node.properties || {})[name];
      if (child && child.type === 'object') {
        if (value[name] === undefined) { value[name] = {}; }
        addRequiredGroups(child, value[name]);
      }
    });
  }

  /* -- the subset of JSON Schema our schemas use ----------------------------- */

  function isObject(value) { return value !== null && typeof value === 'object' && !Array.isArray(value); }

  function hasType(type, value) {
    if (Array.isArray(type)) { return type.some(function (t) { return hasType(t, value); }); }
    switch (type) {
      case 'string': return typeof value === 'string';
      case 'number': return typeof value === 'number' && isFinite(value);
      case 'integer': return typeof value === 'number' && Math.floor(value) === value;
      case 'boolean': return typeof value === 'boolean';
      case 'array': return Array.isArray(value);
      case 'object': return isObject(value);
      default: return true;
    }
  }

  function isRealDate(text) {
    var match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(text);
    if (!match) { return false; }
    var day = new Date(Date.UTC(+match[1], +match[2] - 1, +match[3]));
    return day.getUTCFullYear() === +match[1] && day.getUTCMonth() === +match[2] - 1 && day.getUTCDate() === +match[3];
  }

  function check(node, value, path, errors) {
    function fail(keyword, where) { errors.push({ path: where || path, keyword: keyword, node: node }); }
    if (node.type && !hasType(node.type, value)) { fail('type'); return; }
    if (node.enum && node.enum.indexOf(value) < 0) { fail('enum'); }
    if (node.const !== undefined && node.const !== value) { fail('const'); }
    if (typeof value === 'string') {
      var length = Array.from(value).length;
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
      if (node.items) { value.forEach(function (item, i) { check(node.items, item, path.concat(String(i)), errors); }); }
    }
    if (isObject(value)) {
      (node.required || []).forEach(function (name) {
        if (value[name] === undefined) { fail('required', path.concat(name)); }
      });
      Object.keys(node.properties || {}).forEach(function (name) {
        if (value[name] !== undefined) { check(node.properties[name], value[name], path.concat(name), errors); }
      });
    }
    if (node.anyOf && !node.anyOf.some(function (alt) { return valid(alt, value); })) { fail('anyOf'); }
    if (node.oneOf && node.oneOf.filter(function (alt) { return valid(alt, value); }).length !== 1) {
      // Report why the plain-value branch fails: that is the one the form offers.
      var plain = node.oneOf.filter(function (alt) { return alt.type !== 'object'; })[0];
      if (plain) { check(plain, value, path, errors); } else { fail('oneOf'); }
    }
    if (node['if']) {
      var branch = valid(node['if'], value) ? node.then : node['else'];
      if (branch) { check(branch, value, path, errors); }
    }
  }

  function valid(node, value) { var errors = []; check(node, value, [], errors); return errors.length === 0; }

  /* Rules across fields, as the build checks them (portal_content/validate.py). */
  function crossChecks(data, errors) {
    function fail(path, message) { errors.push({ path: path, keyword: 'custom', message: message }); }
    if (isRealDate(data.posted || '') && isRealDate(data.closes || '') && data.closes < data.posted) {
      fail(['closes'], 'The closing date must be the same as or after the date posted');
    }
    if (isRealDate(data.posted || '') && isRealDate(data.review_by || '') && data.review_by < data.posted) {
      fail(['review_by'], 'The review date must be the same as or after the date posted');
    }
    config.markdown_fields.forEach(function (path) {
      var text = path.split('.').reduce(function (node, key) { return node && node[key]; }, data);
      var bad = typeof text === 'string' ? unsafeLinks(text) : [];
      if (bad.length) { fail(path.split('.'), 'Links must start with https://, mailto: or tel:. Change ' + bad[0]); }
    });
    (Array.isArray(data.sessions) ? data.sessions : []).forEach(function (session, i) {
      if (session && session.start && session.end && session.end <= session.start) {
        fail(['sessions', String(i), 'end'], 'The end of the session must be after its start');
      }
    });
  }

  /* Links in Markdown whose scheme is not https, mailto or tel (portal_content/markup.py). */
  function unsafeLinks(text) {
    var pattern = new RegExp(config.link_pattern, 'gi');
    var found = [];
    var match;
    while ((match = pattern.exec(text)) !== null) {
      var target = match[1] || match[2] || match[3];
      var scheme = /^\s*([a-zA-Z][a-zA-Z0-9+.-]*)\s*:/.exec(target);
      if (scheme && ['https', 'mailto', 'tel'].indexOf(scheme[1].toLowerCase()) < 0) { found.push(target); }
    }
    return found;
  }

  function slugErrors(slug) {
    var field = fieldsByPath.$slug;
    if (!slug) { return [{ path: ['$slug'], keyword: 'custom', message: 'Enter a short name for the web address' }]; }
    if (!SLUG.test(slug)) {
      return [{ path: ['$slug'], keyword: 'custom', message: field.label + ' must only use lowercase letters, numbers and single hyphens, like ward-companion' }];
    }
    if (config.existing.indexOf(slug) >= 0) {
      return [{ path: ['$slug'], keyword: 'custom', message: 'The short name ' + slug + ' is already used. Choose another one' }];
    }
    return [];
  }

  /* -- messages -------------------------------------------------------------- */

  function lowerFirst(text) { return text.charAt(0).toLowerCase() + text.slice(1); }

  /* The control an error belongs to: the field itself, the first (required) field of a
     missing group, or, for an item of a list (languages.1), the list's own control. */
  function fieldFor(path) {
    for (var length = path.length; length > 0; length--) {
      var key = path.slice(0, length).join('.');
      if (fieldsByPath[key]) { return fieldsByPath[key]; }
      var inside = config.fields.filter(function (field) { return field.path.indexOf(key + '.') === 0; });
      if (inside.length) { return inside.filter(function (field) { return field.required; })[0] || inside[0]; }
    }
    return undefined;
  }

  function message(error, field) {
    var label = field.label;
    var node = error.node || {};
    var exact = error.path.join('.') === field.path;
    switch (error.keyword) {
      case 'custom': return error.message;
      case 'required':
      case 'minItems':
      case 'minLength':
        if (!exact && config.required_messages[error.path.join('.')]) { return config.required_messages[error.path.join('.')]; }
        if (field.kind === 'checkboxes') { return 'Select at least one option for ' + lowerFirst(label); }
        if (field.kind === 'radios' || field.kind === 'select') { return 'Select ' + lowerFirst(label); }
        return 'Enter ' + lowerFirst(label);
      case 'anyOf': return 'Give a web address, an email address or a phone number for applying';
      case 'type': return label + ' must be ' + (field.kind === 'number' ? 'a number, like 3' : 'text');
      case 'maxLength': return label + ' must be ' + node.maxLength + ' characters or fewer';
      case 'pattern': return 'Enter ' + (node.description || field.description || lowerFirst(label) + ' in the right format');
      case 'format': return label + ' must be a real date, like 2027-01-31';
      case 'enum': return 'Select ' + lowerFirst(label) + ' from the list';
      case 'minimum':
      case 'maximum': {
        var low = node.minimum !== undefined ? node.minimum : node.exclusiveMinimum;
        var high = node.maximum !== undefined ? node.maximum : node.exclusiveMaximum;
        return label + ' must be a number from ' + low + ' to ' + high;
      }
      default: return 'Check ' + lowerFirst(label);
    }
  }

  /* -- showing errors (GOV.UK error summary and inline messages) ------------------ */

  function describedBy(field) {
    var first = document.getElementById(field.id);
    return field.kind === 'checkboxes' || field.kind === 'radios' ? first.closest('fieldset') : first;
  }

  function clearErrors() {
    config.fields.forEach(function (field) {
      var error = document.getElementById(field.id + '-error');
      error.hidden = true;
      error.textContent = '';
      var group = document.getElementById(field.id).closest('[data-control]');
      group.classList.remove('form-group--error');
      var target = describedBy(field);
      var ids = (target.getAttribute('aria-describedby') || '').split(' ').filter(function (id) { return id && id !== field.id + '-error'; });
      if (ids.length) { target.setAttribute('aria-describedby', ids.join(' ')); } else { target.removeAttribute('aria-describedby'); }
      controls(field.path).forEach(function (el) { el.removeAttribute('aria-invalid'); });
    });
    summary.hidden = true;
    document.title = originalTitle;
  }

  function showErrors(found) {
    var list = summary.querySelector('ul');
    list.textContent = '';
    found.forEach(function (item) {
      var error = document.getElementById(item.field.id + '-error');
      var hidden = document.createElement('span');
      hidden.className = 'visually-hidden';
      hidden.textContent = 'Error: ';
      error.appendChild(hidden);
      error.appendChild(document.createTextNode(item.message));
      error.hidden = false;
      document.getElementById(item.field.id).closest('[data-control]').classList.add('form-group--error');
      var target = describedBy(item.field);
      target.setAttribute('aria-describedby', ((target.getAttribute('aria-describedby') || '') + ' ' + item.field.id + '-error').trim());
      if (item.field.kind !== 'checkboxes' && item.field.kind !== 'radios' && item.field.kind !== 'boolean') {
        controls(item.field.path).forEach(function (el) { el.setAttribute('aria-invalid', 'true'); });
      }
      var link = document.createElement('a');
      link.href = '#' + item.field.id;
      link.textContent = item.message;
      var entry = document.createElement('li');
      entry.appendChild(link);
      list.appendChild(entry);
    });
    summary.hidden = false;
    document.title = 'Error: ' + originalTitle;
    summary.focus();
  }

  summary.addEventListener('click', function (event) {
    var link = event.target.closest('a[href^="#"]');
    if (!link) { return; }
    var input = document.getElementById(link.getAttribute('href').slice(1));
    if (!input) { return; }
    event.preventDefault();
    var legend = input.closest('fieldset') && input.closest('fieldset').querySelector('legend');
    var label = form.querySelector('label[for="' + input.id + '"]');
    (legend || label || input).scrollIntoView();
    input.focus({ preventScroll: true });
  });

  /* -- writing the YAML ------------------------------------------------------ */

  function hex4(code) { return ('000' + code.toString(16).toUpperCase()).slice(-4); }

  /* Always a double-quoted YAML string: it parses back to exactly the same text. */
  function yamlString(text) {
    var out = '"';
    Array.from(text).forEach(function (ch) {
      var code = ch.codePointAt(0);
      if (ch === '"') { out += '\\"'; }
      else if (ch === '\\') { out += '\\\\'; }
      else if (ch === '\n') { out += '\\n'; }
      else if (ch === '\t') { out += '\\t'; }
      else if (code >= 0xD800 && code <= 0xDFFF) { out += '\\uFFFD'; }
      else if (code < 0x20 || (code >= 0x7F && code <= 0x9F) || code === 0x2028 || code === 0x2029 || code === 0xFEFF || code === 0xFFFE || code === 0xFFFF) {
        out += '\\u' + hex4(code);
      }
      else { out += ch; }
    });
    return out + '"';
  }

  function scalar(value) {
    if (typeof value === 'string') { return yamlString(value); }
    if (typeof value === 'boolean') { return value ? 'true' : 'false'; }
    return String(value);
  }

  function orderedKeys(node, value) {
    var known = Object.keys((node && node.properties) || {});
    return known.filter(function (key) { return value[key] !== undefined; })
      .concat(Object.keys(value).filter(function (key) { return known.indexOf(key) < 0; }));
  }

  function yamlMapping(node, value, indent) {
    var lines = [];
    orderedKeys(node, value).forEach(function (key) {
      var child = (node && node.properties && node.properties[key]) || {};
      var item = value[key];
      if (Array.isArray(item)) {
        lines.push(indent + key + ':');
        item.forEach(function (entry) {
          if (isObject(entry)) {
            var inner = yamlMapping(child.items, entry, indent + '    ');
            lines.push(indent + '  - ' + inner[0].slice(indent.length + 4));
            lines.push.apply(lines, inner.slice(1));
          } else {
            lines.push(indent + '  - ' + scalar(entry));
          }
        });
      } else if (isObject(item)) {
        lines.push(indent + key + ':');
        lines.push.apply(lines, yamlMapping(child, item, indent + '  '));
      } else {
        lines.push(indent + key + ': ' + scalar(item));
      }
    });
    return lines;
  }

  function filePath(data, slug) {
    return config.folder + (config.kind === 'opportunity' ? data.organisation + '/' : '') + slug + '.yaml';
  }

  function githubLink(path, text) {
    return config.repository + '/new/' + encodeURIComponent(config.branch) +
      '?filename=' + encodeURIComponent(path).replace(/%2F/g, '/') + '&value=' + encodeURIComponent(text);
  }

  function showResult(data, slug) {
    var path = filePath(data, slug);
    var text = '# ' + path + '\n# Made with the form on ' + config.site + '. Lines starting with # are notes.\n' +
      yamlMapping(schema, data, '').join('\n') + '\n';
    document.getElementById('submit-path').textContent = path;
    document.getElementById('submit-yaml').value = text;
    var github = document.getElementById('submit-github');
    if (github) { github.href = githubLink(path, text); }
    document.getElementById('submit-status').textContent = '';
    result.hidden = false;
    result.setAttribute('data-slug', slug);
    document.getElementById('submit-result-title').focus();
  }

  /* -- copy and download -------------------------------------------------------- */

  function say(text) { document.getElementById('submit-status').textContent = text; }

  document.getElementById('submit-copy').addEventListener('click', function () {
    var box = document.getElementById('submit-yaml');
    function fallback() {
      box.focus();
      box.select();
      var copied = false;
      try { copied = document.execCommand('copy'); } catch (e) { copied = false; }
      say(copied ? 'The text is copied.' : 'Could not copy. The text is selected: press Ctrl+C (or Cmd+C) to copy it.');
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(box.value).then(function () { say('The text is copied.'); }, fallback);
    } else {
      fallback();
    }
  });

  document.getElementById('submit-download').addEventListener('click', function () {
    var blob = new Blob([document.getElementById('submit-yaml').value], { type: 'application/yaml' });
    var link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = result.getAttribute('data-slug') + '.yaml';
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    say('The file is downloading.');
  });

  /* -- "Add another place" (lists of groups) ------------------------------------------- */

  function addAnother(button) {
    var listPath = button.getAttribute('data-add-another');
    var template = form.querySelector('fieldset[data-group="' + listPath + '"]');
    var index = form.querySelectorAll('fieldset[data-group^="' + listPath + '"]').length;
    var fromPath = listPath + '.0.';
    var toPath = listPath + '.' + index + '.';
    var fromId = template.id + '-0-';
    var toId = template.id + '-' + index + '-';
    var copy = template.cloneNode(true);
    copy.id = template.id + '-' + index;
    copy.setAttribute('data-group', listPath + '.' + index);
    copy.querySelector('legend').textContent = button.getAttribute('data-item-label') + ' ' + (index + 1);
    var hint = copy.querySelector('#' + template.id + '-hint');
    if (hint) { hint.remove(); }
    [copy].concat(Array.from(copy.querySelectorAll('*'))).forEach(function (el) {
      Array.from(el.attributes).forEach(function (attribute) {
        var value = attribute.value.split(fromId).join(toId).split(fromPath).join(toPath);
        if (value !== attribute.value) { el.setAttribute(attribute.name, value); }
      });
      if (el.matches('input[type=checkbox], input[type=radio]')) { el.checked = false; }
      else if (el.matches('input, textarea')) { el.value = ''; }
      else if (el.matches('select')) { el.selectedIndex = 0; }
      el.removeAttribute('aria-invalid');
      if (el.classList.contains('form-group--error')) { el.classList.remove('form-group--error'); }
      if (el.classList.contains('form-error-message')) { el.hidden = true; el.textContent = ''; }
    });
    var last = -1;
    config.fields.forEach(function (field, i) { if (field.path.indexOf(listPath + '.') === 0) { last = i; } });
    var added = config.fields.filter(function (field) { return field.path.indexOf(fromPath) === 0; }).map(function (field) {
      var copyField = {};
      Object.keys(field).forEach(function (key) { copyField[key] = field[key]; });
      copyField.path = field.path.split(fromPath).join(toPath);
      copyField.id = field.id.split(fromId).join(toId);
      fieldsByPath[copyField.path] = copyField;
      return copyField;
    });
    config.fields.splice.apply(config.fields, [last + 1, 0].concat(added));
    button.parentNode.insertBefore(copy, button);
    copy.querySelector('input, select, textarea').focus();
  }

  Array.from(form.querySelectorAll('[data-add-another]')).forEach(function (button) {
    button.hidden = false;
    button.addEventListener('click', function () { addAnother(button); });
  });

  /* -- the form ---------------------------------------------------------------- */

  var slugInput = document.getElementById(fieldsByPath.$slug.id);
  var titleInput = document.getElementById((fieldsByPath.title || fieldsByPath.name || {}).id || '');
  var slugTyped = false;
  slugInput.addEventListener('input', function () { slugTyped = slugInput.value !== ''; });
  if (titleInput) {
    titleInput.addEventListener('input', function () {
      if (!slugTyped) {
        slugInput.value = titleInput.value.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60).replace(/-+$/, '');
      }
    });
  }
  var posted = fieldsByPath.posted && document.getElementById(fieldsByPath.posted.id);
  if (posted && !posted.value) {
    var today = new Date();
    posted.value = today.getFullYear() + '-' + ('0' + (today.getMonth() + 1)).slice(-2) + '-' + ('0' + today.getDate()).slice(-2);
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    clearErrors();
    result.hidden = true;
    var data = collect();
    var slug = slugInput.value.trim();
    var errors = slugErrors(slug);
    check(schema, data, [], errors);
    crossChecks(data, errors);
    var seen = {};
    var found = [];
    errors.forEach(function (error) {
      var field = fieldFor(error.path);
      if (!field || seen[field.path]) { return; }
      seen[field.path] = true;
      found.push({ field: field, message: message(error, field), order: config.fields.indexOf(field) });
    });
    found.sort(function (a, b) { return a.order - b.order; });
    if (found.length) { showErrors(found); } else { showResult(data, slug); }
  });
}());
