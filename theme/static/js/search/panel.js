// The filters panel. On small screens it is folded behind a "Filters (2 chosen)" button and
// closes with "Show 12 results" (or Escape); from 48em it is always shown beside the results.

export function setUpPanel({toggle, panel, show, focusAfterShow}) {
  function setOpen(open) {
    toggle.setAttribute('aria-expanded', String(open));
    panel.classList.toggle('search__filters--open', open);
  }
  setOpen(false);
  toggle.hidden = false;
  toggle.addEventListener('click', () => setOpen(toggle.getAttribute('aria-expanded') !== 'true'));
  show.addEventListener('click', () => {
    setOpen(false);
    focusAfterShow.focus();
    focusAfterShow.scrollIntoView({block: 'start'});
  });
  panel.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || toggle.getAttribute('aria-expanded') !== 'true') return;
    setOpen(false);
    toggle.focus();
  });
  return {
    // The button and the close button say how many filters are chosen and results found.
    update({chosen, results}) {
      toggle.querySelector('[data-count]').textContent = chosen ? ` (${chosen} chosen)` : '';
      show.textContent = results === 1 ? 'Show 1 result' : `Show ${results} results`;
    },
  };
}
