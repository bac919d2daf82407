/* Showing and clearing errors with the GOV.UK error summary and inline messages. */

import { controls } from './fields.js';

function describedBy(field) {
  const first = document.getElementById(field.id);
  return ['checkboxes', 'radios', 'languages'].includes(field.kind) ? first.closest('fieldset') : first;
}

export function clearErrors(form, fields, summary, title) {
  fields.forEach((field) => {
    const error = document.getElementById(field.id + '-error');
    if (!error) { return; }
    error.hidden = true;
    error.textContent = '';
    document.getElementById(field.id).closest('[data-control]').classList.remove('form-group--error');
    const target = describedBy(field);
    const ids = (target.getAttribute('aria-describedby') || '').split(' ').filter((id) => id && id !== field.id + '-error');
    if (ids.length) { target.setAttribute('aria-describedby', ids.join(' ')); } else { target.removeAttribute('aria-describedby'); }
    controls(form, field.path).forEach((el) => el.removeAttribute('aria-invalid'));
  });
  summary.hidden = true;
  document.title = title;
}

/** `found`: [{field, message}] in page order. */
export function showErrors(form, found, summary, title) {
  const list = summary.querySelector('ul');
  list.textContent = '';
  found.forEach(({ field, message }) => {
    const error = document.getElementById(field.id + '-error');
    const hidden = document.createElement('span');
    hidden.className = 'visually-hidden';
    hidden.textContent = 'Error: ';
    error.replaceChildren(hidden, document.createTextNode(message));
    error.hidden = false;
    document.getElementById(field.id).closest('[data-control]').classList.add('form-group--error');
    const target = describedBy(field);
    target.setAttribute('aria-describedby', ((target.getAttribute('aria-describedby') || '') + ' ' + field.id + '-error').trim());
    if (!['checkboxes', 'radios', 'boolean', 'languages'].includes(field.kind)) {
      controls(form, field.path).forEach((el) => el.setAttribute('aria-invalid', 'true'));
    }
    const details = document.getElementById(field.id).closest('details');
    if (details) { details.open = true; }
    const link = document.createElement('a');
    link.href = '#' + field.id;
    link.textContent = message;
    const entry = document.createElement('li');
    entry.append(link);
    list.append(entry);
  });
  summary.hidden = false;
  document.title = 'Error: ' + title;
  summary.focus();
}

/** Links in the summary move focus to the field and show its label or legend. */
export function followSummaryLinks(form, summary) {
  summary.addEventListener('click', (event) => {
    const link = event.target.closest('a[href^="#"]');
    const input = link && document.getElementById(link.getAttribute('href').slice(1));
    if (!input) { return; }
    event.preventDefault();
    const legend = input.closest('fieldset') && input.closest('fieldset').querySelector('legend');
    const label = form.querySelector('label[for="' + input.id + '"]');
    (legend || label || input).scrollIntoView();
    input.focus({ preventScroll: true });
  });
}
