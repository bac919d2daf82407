// An accessible combobox (WAI-ARIA 1.2 "list autocomplete"): suggestions as you type, chosen by
// keyboard (Down/Up to move, Enter to choose, Escape to close) or pointer. The input keeps
// focus; the active option is announced through aria-activedescendant.

export function combobox({input, list, status, source, choose}) {
  let options = [];
  let active = -1;

  function close() {
    list.hidden = true;
    list.replaceChildren();
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    options = [];
    active = -1;
  }

  function highlight(index) {
    active = index;
    [...list.children].forEach((item, position) => item.setAttribute('aria-selected', String(position === index)));
    if (index >= 0) input.setAttribute('aria-activedescendant', list.children[index].id);
    else input.removeAttribute('aria-activedescendant');
  }

  function pick(index) {
    const option = options[index];
    close();
    if (!option) return;
    input.value = option.value;
    choose(option.value);
  }

  async function update() {
    const found = await source(input.value);
    if (document.activeElement !== input) return;
    options = found;
    list.replaceChildren(...found.map((option, index) => {
      const item = document.createElement('li');
      item.id = `${list.id}-${index}`;
      item.setAttribute('role', 'option');
      item.setAttribute('aria-selected', 'false');
      item.className = 'near__option';
      item.textContent = option.label;
      item.addEventListener('mousedown', (event) => event.preventDefault()); // keep focus in the input
      item.addEventListener('click', () => pick(index));
      return item;
    }));
    active = -1;
    const open = found.length > 0;
    list.hidden = !open;
    input.setAttribute('aria-expanded', String(open));
    input.removeAttribute('aria-activedescendant');
    status.textContent = open ? `${found.length} ${found.length === 1 ? 'suggestion' : 'suggestions'}. Use the up and down arrows to choose.` : '';
  }

  input.addEventListener('input', () => update());
  input.addEventListener('blur', () => close());
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (list.hidden) {
        update();
        return;
      }
      event.preventDefault();
      const next = active + (event.key === 'ArrowDown' ? 1 : -1);
      highlight(next >= options.length ? 0 : next < 0 ? options.length - 1 : next);
    } else if (event.key === 'Enter' && active >= 0) {
      event.preventDefault();
      pick(active);
    } else if (event.key === 'Escape' && !list.hidden) {
      event.preventDefault();
      close();
    }
  });
  // Typed before this module was loaded (main.js loads it on first focus): suggest for it now.
  if (document.activeElement === input && input.value.trim()) update();
  return {close};
}
