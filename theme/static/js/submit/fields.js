/* Reading the form's controls into listing data, and putting data back into them (editing).
   Each control carries data-path: where its value goes in the file ("locations.0.name"). */

import { isObject } from './check.js';
import { hours, hoursText, lines, number, webAddress } from './values.js';

export function controls(form, path) {
  return Array.from(form.querySelectorAll('[data-path]')).filter((el) => el.getAttribute('data-path') === path);
}

export function getPath(data, path) {
  return path.split('.').reduce((node, key) => (node === undefined || node === null ? undefined : node[key]), data);
}

function setPath(target, parts, value) {
  let node = target;
  for (let i = 0; i < parts.length - 1; i++) {
    const key = /^[0-9]+$/.test(parts[i]) ? Number(parts[i]) : parts[i];
    if (node[key] === undefined) { node[key] = /^[0-9]+$/.test(parts[i + 1]) ? [] : {}; }
    node = node[key];
  }
  node[parts[parts.length - 1]] = value;
}

function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }

/** One control's value as the file holds it, or undefined when it is left empty. */
export function readField(form, field, original) {
  const els = controls(form, field.path);
  const before = original === undefined ? undefined : getPath(original, field.path);
  if (field.kind === 'checkboxes' || field.kind === 'languages') {
    const ticked = els.filter((el) => el.checked).map((el) => el.value);
    if (!ticked.length) { return undefined; }
    // An edited listing keeps its own order when the same choices are ticked.
    return Array.isArray(before) && same([...before].sort(), [...ticked].sort()) ? before : ticked;
  }
  if (field.kind === 'radios') {
    const chosen = els.find((el) => el.checked);
    return chosen ? chosen.value : undefined;
  }
  if (field.kind === 'boolean') { return els[0].checked ? true : (before === false ? false : undefined); }
  const typed = els[0].value.replace(/\r\n?/g, '\n');
  if (!typed.trim()) { return undefined; }
  let value = typed.trim();
  if (field.kind === 'number') { value = number(value); }
  else if (field.kind === 'hours') { value = hours(value); }
  else if (field.kind === 'lines') { value = lines(value); }
  else if (field.url) { value = webAddress(value); }
  // Text that only differs from the listing being edited by spaces at its ends stays as it was.
  if (typeof before === 'string' && typeof value === 'string' && before.trim() === value) { return before; }
  return same(before, value) ? before : value;
}

/* A required group left empty (commitment, apply) is checked field by field, so every
   missing answer in it gets its own message. */
function addRequiredGroups(node, value) {
  (node.required || []).forEach((name) => {
    const child = (node.properties || {})[name];
    if (child && child.type === 'object') {
      if (value[name] === undefined) { value[name] = {}; }
      addRequiredGroups(child, value[name]);
    }
  });
}

/** Every answer as listing data (the web-address name is not part of the file). */
export function collect(form, fields, schema, original) {
  const data = {};
  fields.forEach((field) => {
    if (field.path === '$slug') { return; }
    const value = readField(form, field, original);
    if (value !== undefined) { setPath(data, field.path.split('.'), value); }
  });
  addRequiredGroups(schema, data);
  return data;
}

function addChoice(form, field, value) {
  const first = controls(form, field.path)[0];
  const choice = first.closest('.form-choice').cloneNode(true);
  const input = choice.querySelector('input');
  input.id = field.id + '-' + value.replace(/[^A-Za-z0-9-]/g, '');
  input.value = value;
  choice.querySelector('label').htmlFor = input.id;
  choice.querySelector('label').textContent = value;
  first.closest('.form-choices').append(choice);
  return input;
}

/** Put one value into its control(s). */
export function writeField(form, field, value) {
  const els = controls(form, field.path);
  if (!els.length || value === undefined || value === null) { return; }
  if (field.kind === 'checkboxes' || field.kind === 'languages' || field.kind === 'radios') {
    const wanted = Array.isArray(value) ? value.map(String) : [String(value)];
    els.forEach((el) => { el.checked = wanted.includes(el.value); });
    wanted.filter((item) => !els.some((el) => el.value === item)).forEach((item) => {
      if (field.kind !== 'radios') { addChoice(form, field, item).checked = true; }
    });
  } else if (field.kind === 'boolean') {
    els[0].checked = value === true;
  } else if (field.kind === 'hours') {
    els[0].value = hoursText(value);
  } else if (field.kind === 'lines') {
    els[0].value = Array.isArray(value) ? value.join('\n') : String(value);
  } else if (!isObject(value)) {
    els[0].value = String(value);
  }
}
