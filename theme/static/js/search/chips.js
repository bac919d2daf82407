// Chosen filters shown above the results as buttons that remove them ("<area> ✕").
import {withoutFilter} from './state.js';

// [{group, value, label, remove(state) → state}] in display order. Pure: tested with `node --test`.
export function chipsFor(state, groups) {
  const chips = [];
  for (const group of groups) {
    const labelOf = Object.fromEntries(group.values.map(([key, label]) => [key, label]));
    for (const value of state.filters[group.name] || []) {
      chips.push({group: group.name, value, label: labelOf[value] || value, remove: (current) => withoutFilter(current, group.name, value)});
    }
  }
  return chips;
}

// Renders chips into `list` (a <ul>); `onRemove(chip, index)` runs when one is pressed.
export function showChips(list, chips, onRemove) {
  list.replaceChildren(...chips.map((chip, index) => {
    const item = document.createElement('li');
    item.className = 'search-chips__item';
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'search-chips__button';
    const hidden = document.createElement('span');
    hidden.className = 'visually-hidden';
    hidden.textContent = 'Remove filter: ';
    const cross = document.createElement('span');
    cross.className = 'search-chips__cross';
    cross.setAttribute('aria-hidden', 'true');
    cross.textContent = '✕';
    button.append(hidden, chip.label, cross);
    button.addEventListener('click', () => onRemove(chip, index));
    item.append(button);
    return item;
  }));
  list.hidden = chips.length === 0;
}
