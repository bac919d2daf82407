/* The listing form's page wiring: checks answers with the build's schema and rules, shows a
   live preview, writes the file, and offers the three ways to send it. /submit/?edit=<slug>
   loads a published listing. Progressive enhancement: without this script the page offers
   the other ways. The page itself sends nothing; the links open GitHub or an email. */

import { check, crossChecks, slugErrors, textRuleErrors } from './check.js';
import { fromRecord, filePath, loadRecord, stillRecruiting } from './edit.js';
import { clearErrors, followSummaryLinks, showErrors } from './errors.js';
import { collect, writeField, getPath } from './fields.js';
import { setUpLanguageSearch } from './languages.js';
import { message } from './messages.js';
import { card, render } from './preview.js';
import { addAnother } from './repeat.js';
import { emailLink, issueLink, newFileLink } from './send.js';
import { isoDay, slugify } from './values.js';
import { yamlText } from './yaml.js';

const form = document.getElementById('submit-form');
const schemaElement = document.getElementById('schema');
const configElement = document.getElementById('submit-config');

if (form && schemaElement && configElement) { start(JSON.parse(schemaElement.textContent), JSON.parse(configElement.textContent)); }

function start(schema, config) {
  const fields = config.fields;  // grows as places and sessions are added
  const byPath = (path) => fields.find((field) => field.path === path);
  const summary = document.getElementById('error-summary');
  const result = document.getElementById('submit-result');
  const preview = document.getElementById('submit-preview');
  const title = document.title;
  const state = { editing: '', original: undefined };

  document.getElementById('submit-nojs').hidden = true;
  form.hidden = false;
  followSummaryLinks(form, summary);
  setUpLanguageSearch(form);

  const buttons = Array.from(form.querySelectorAll('[data-add-another]'));
  buttons.forEach((button) => {
    button.hidden = false;
    button.addEventListener('click', () => addAnother(form, fields, button).querySelector('input, select, textarea').focus());
  });

  // The web-address name follows the role's name until someone types their own.
  const slugInput = document.getElementById(byPath('$slug').id);
  const nameInput = document.getElementById((byPath('title') || byPath('name')).id);
  let slugTyped = false;
  slugInput.addEventListener('input', () => { slugTyped = slugInput.value !== ''; });
  nameInput.addEventListener('input', () => { if (!slugTyped) { slugInput.value = slugify(nameInput.value, config.slug); } });

  const posted = byPath('posted') && document.getElementById(byPath('posted').id);
  if (posted && !posted.value) { posted.value = isoDay(new Date()); }

  const data = () => collect(form, fields, schema, state.original);
  let pending = false;
  const refresh = () => {
    if (!preview || pending) { return; }
    pending = true;
    requestAnimationFrame(() => { pending = false; render(preview, card(data(), config)); });
  };
  form.addEventListener('input', refresh);
  form.addEventListener('change', refresh);
  refresh();

  function fieldFor(path) {
    for (let length = path.length; length > 0; length--) {
      const key = path.slice(0, length).join('.');
      const exact = byPath(key);
      if (exact) { return exact; }
      const inside = fields.filter((field) => field.path.startsWith(key + '.'));
      if (inside.length) { return inside.find((field) => field.required) || inside[0]; }
    }
    return undefined;
  }

  function showResult(values, slug) {
    const path = filePath(config, values, slug);
    const text = yamlText(schema, values, path + '\nMade with the form on ' + config.site + '. Lines starting with # are notes.');
    const what = values.title || values.name || slug;
    const subject = (config.kind === 'organisation' ? 'Add an organisation: ' : (state.editing ? 'Update listing: ' : 'List an opportunity: ')) + what;
    document.getElementById('submit-path').textContent = path;
    document.getElementById('submit-yaml').value = text;
    const ways = [
      ['submit-issue', 'submit-issue-fallback', () => issueLink(config, path, text, subject)],
      ['submit-email', 'submit-email-fallback', () => emailLink(config, path, text, subject)],
      ['submit-github', 'submit-github-fallback', () => newFileLink(config, path, text)],
    ];
    ways.forEach(([linkId, fallbackId, make]) => {
      const link = document.getElementById(linkId);
      if (!link) { return; }
      const made = make();
      link.href = made.href;
      document.getElementById(fallbackId).hidden = made.complete;
      if (linkId === 'submit-issue') {
        document.getElementById('submit-issue-way').hidden = !made.complete;
        document.getElementById('submit-issue-blank').href = made.href;
      }
    });
    const githubPath = document.getElementById('submit-github-path');
    if (githubPath) { githubPath.textContent = path; }
    document.getElementById('submit-status').textContent = '';
    result.hidden = false;
    result.setAttribute('data-slug', slug);
    document.getElementById('submit-result-title').focus();
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors(form, fields, summary, title);
    result.hidden = true;
    const values = data();
    const slug = slugInput.value.trim();
    const errors = [...slugErrors(slug, config, state.editing), ...textRuleErrors(values, schema['x-text-rules']), ...check(schema, values), ...crossChecks(values, config)];
    const seen = new Set();
    const found = [];
    errors.forEach((error) => {
      const field = fieldFor(error.path);
      if (!field || seen.has(field.path)) { return; }
      seen.add(field.path);
      found.push({ field, message: message(error, field, config.messages), order: fields.indexOf(field) });
    });
    found.sort((a, b) => a.order - b.order);
    if (found.length) { showErrors(form, found, summary, title); } else { showResult(values, slug); }
  });

  setUpCopyAndDownload(result);
  const params = new URLSearchParams(window.location.search);
  if (params.get('edit') && config.kind === 'opportunity') {
    startEditing(params.get('edit'), params.get('confirm') === '1');
  }

  async function startEditing(slug, confirm) {
    const banner = document.getElementById('submit-edit');
    const status = document.getElementById('submit-edit-status');
    banner.hidden = false;
    status.textContent = 'Loading the listing…';
    let record = null;
    try {
      record = await loadRecord(form.getAttribute('data-open-data'), slug);
    } catch (error) {
      status.textContent = error.message + '. Reload the page to try again.';
      return;
    }
    if (!record) {
      status.textContent = 'We could not find an open listing called ' + slug + '. It may have closed. You can still fill in the form.';
      return;
    }
    state.original = fromRecord(record, schema);
    state.editing = slug;
    fill(state.original);
    slugInput.value = slug;
    slugTyped = true;
    status.textContent = 'The form shows “' + (state.original.title || slug) + '” as it is now. Change what you need, then press “Check your answers”.';
    refresh();
    document.getElementById('submit-edit-actions').hidden = false;
    document.getElementById('submit-still-recruiting').addEventListener('click', confirmStillRecruiting);
    if (confirm) { confirmStillRecruiting(); }
  }

  function confirmStillRecruiting() {
    const review = byPath('review_by');
    writeField(form, review, stillRecruiting({}, isoDay(new Date())).review_by);
    form.requestSubmit();
  }

  function fill(values) {
    buttons.forEach((button) => {
      const items = getPath(values, button.getAttribute('data-add-another'));
      for (let i = 1; Array.isArray(items) && i < items.length; i++) { addAnother(form, fields, button); }
    });
    fields.forEach((field) => writeField(form, field, getPath(values, field.path)));
  }
}

function setUpCopyAndDownload(result) {
  const say = (text) => { document.getElementById('submit-status').textContent = text; };
  const box = document.getElementById('submit-yaml');
  document.getElementById('submit-copy').addEventListener('click', () => {
    const fallback = () => {
      box.focus();
      box.select();
      let copied = false;
      try { copied = document.execCommand('copy'); } catch (error) { copied = false; }
      say(copied ? 'The text is copied.' : 'Could not copy. The text is selected: press Ctrl+C (or Cmd+C) to copy it.');
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(box.value).then(() => say('The text is copied.'), fallback);
    } else {
      fallback();
    }
  });
  document.getElementById('submit-download').addEventListener('click', () => {
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([box.value], { type: 'application/yaml' }));
    link.download = result.getAttribute('data-slug') + '.yaml';
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    say('The file is downloading.');
  });
}
