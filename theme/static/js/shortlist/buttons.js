// "Add to shortlist" buttons on opportunity cards and pages (elements with data-shortlist="<slug>"),
// and the "Your shortlist (3)" link in the menu. JavaScript only: without it there are no buttons.
import {load, save, toggled} from './store.js';

const CHANGED = 'shortlist:changed';

function storage() {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function current() {
  const store = storage();
  return store ? load(store) : [];
}

function label(button, listed) {
  button.textContent = listed ? 'Remove from shortlist' : 'Add to shortlist';
  button.classList.toggle('shortlist-button--listed', listed);
}

function refresh(root = document) {
  const ids = current();
  for (const button of root.querySelectorAll('.shortlist-button')) label(button, ids.includes(button.dataset.slug));
  for (const link of document.querySelectorAll('[data-shortlist-link]')) {
    link.hidden = ids.length === 0;
    const count = link.querySelector('[data-shortlist-count]');
    if (count) count.textContent = String(ids.length);
  }
}

function announce(holder, text) {
  let status = holder.querySelector('.shortlist-status');
  if (!status) {
    status = document.createElement('span');
    status.className = 'shortlist-status';
    status.setAttribute('role', 'status');
    holder.append(status);
  }
  status.textContent = text;
}

export function addShortlistButtons(root = document) {
  const store = storage();
  // No shortlist without local storage, or on a site built without /shortlist/ (no menu link).
  if (!store || !document.querySelector('[data-shortlist-link]')) return;
  for (const holder of root.querySelectorAll('[data-shortlist]')) {
    if (holder.querySelector(':scope > .shortlist-button')) continue;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'shortlist-button';
    button.dataset.slug = holder.dataset.shortlist;
    button.addEventListener('click', () => {
      const ids = toggled(current(), button.dataset.slug);
      save(store, ids);
      const listed = ids.includes(button.dataset.slug);
      announce(holder, listed ? `Added. Your shortlist has ${ids.length}.` : 'Removed from your shortlist.');
      window.dispatchEvent(new CustomEvent(CHANGED));
    });
    holder.append(button);
  }
  refresh(root);
}

window.addEventListener(CHANGED, () => refresh());
window.addEventListener('storage', (event) => {
  if (event.key === null || event.key === 'shortlist') refresh();
});
addShortlistButtons();
