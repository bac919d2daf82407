/* The language list's search box: typing "urd" leaves Urdu (and anything already ticked). */

/** Does a language (its name and code) match what was typed? Pure, for tests. */
export function matches(name, code, typed) {
  const query = typed.trim().toLocaleLowerCase();
  return !query || name.toLocaleLowerCase().includes(query) || code.toLowerCase() === query;
}

export function setUpLanguageSearch(form) {
  form.querySelectorAll('input[type=search][aria-controls]').forEach((search) => {
    const choices = document.getElementById(search.getAttribute('aria-controls'));
    const count = document.getElementById(search.id.replace(/-search$/, '-count'));
    search.addEventListener('input', () => {
      let shown = 0;
      choices.querySelectorAll('.form-choice').forEach((choice) => {
        const input = choice.querySelector('input');
        const visible = input.checked || matches(choice.querySelector('label').textContent, input.value, search.value);
        choice.hidden = !visible;
        shown += visible ? 1 : 0;
      });
      count.textContent = search.value.trim() ? (shown === 1 ? '1 language shown' : shown + ' languages shown') : '';
    });
    // Enter in the search box ticks the only match instead of sending the form.
    search.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter') { return; }
      event.preventDefault();
      const visible = Array.from(choices.querySelectorAll('.form-choice:not([hidden]) input')).filter((input) => !input.checked);
      if (visible.length === 1) { visible[0].checked = true; visible[0].focus(); }
    });
  });
}
