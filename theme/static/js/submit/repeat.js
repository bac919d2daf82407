/* "Add another place" and "Add another session": copy the first item's fieldset with fresh
   ids and data-paths (locations.0.name -> locations.1.name), and add its fields to the list. */

/** Add one item to the list behind `button`; returns the new fieldset. */
export function addAnother(form, fields, button) {
  const listPath = button.getAttribute('data-add-another');
  const template = form.querySelector('fieldset[data-group="' + listPath + '"]');
  const index = form.querySelectorAll('fieldset[data-group^="' + listPath + '"]').length;
  const [fromPath, toPath] = [listPath + '.0.', listPath + '.' + index + '.'];
  const [fromId, toId] = [template.id + '-0-', template.id + '-' + index + '-'];
  const copy = template.cloneNode(true);
  copy.id = template.id + '-' + index;
  copy.setAttribute('data-group', listPath + '.' + index);
  copy.querySelector('legend').textContent = button.getAttribute('data-item-label') + ' ' + (index + 1);
  const hint = copy.querySelector('#' + template.id + '-hint');
  if (hint) { hint.remove(); }
  [copy, ...copy.querySelectorAll('*')].forEach((el) => {
    Array.from(el.attributes).forEach((attribute) => {
      const value = attribute.value.split(fromId).join(toId).split(fromPath).join(toPath);
      if (value !== attribute.value) { el.setAttribute(attribute.name, value); }
    });
    if (el.matches('input[type=checkbox], input[type=radio]')) { el.checked = false; }
    else if (el.matches('input, textarea')) { el.value = ''; }
    else if (el.matches('select')) { el.selectedIndex = 0; }
    el.removeAttribute('aria-invalid');
    el.classList.remove('form-group--error');
    if (el.classList.contains('form-error-message')) { el.hidden = true; el.textContent = ''; }
  });
  let last = -1;
  fields.forEach((field, i) => { if (field.path.startsWith(listPath + '.')) { last = i; } });
  const added = fields.filter((field) => field.path.startsWith(fromPath))
    .map((field) => ({ ...field, path: field.path.split(fromPath).join(toPath), id: field.id.split(fromId).join(toId) }));
  fields.splice(last + 1, 0, ...added);
  button.before(copy);
  return copy;
}
