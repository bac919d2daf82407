// The search's state lives in the address (?q=…&area=…&sort=…), so a search can be shared,
// bookmarked, reloaded and left with Back. Pure functions: no DOM, tested with `node --test`.

export const SORTS = {newest: {posted: 'desc'}, closing: {closes: 'asc'}};

// groups: [{name, values: [[key, label, count], …]}]; extraParams: names owned by pipeline steps;
// extraSorts: orders a step makes itself (the Near box's "distance"), not Pagefind.
export function readState(search, groups, extraParams = [], extraSorts = []) {
  const params = new URLSearchParams(search);
  const filters = {};
  for (const group of groups) {
    const known = new Set(group.values.map(([key]) => key));
    const values = [...new Set(params.getAll(group.name))].filter((value) => known.has(value));
    if (values.length) filters[group.name] = values;
  }
  const extra = {};
  for (const name of extraParams) {
    const value = params.get(name);
    if (value) extra[name] = value;
  }
  const sort = params.get('sort');
  return {q: params.get('q') || '', sort: sort in SORTS || extraSorts.includes(sort) ? sort : '', filters, extra};
}

export function queryString(state, groups, extraParams = []) {
  const params = new URLSearchParams();
  if (state.q.trim()) params.append('q', state.q.trim());
  for (const group of groups) {
    for (const value of state.filters[group.name] || []) params.append(group.name, value);
  }
  for (const name of extraParams) {
    if (state.extra?.[name]) params.append(name, state.extra[name]);
  }
  if (state.sort) params.append('sort', state.sort);
  const query = params.toString();
  return query ? `?${query}` : '';
}

export function chosenCount(state) {
  return Object.values(state.filters).flat().length;
}

// A copy of the state without one chosen value (what a chip's ✕ does).
export function withoutFilter(state, group, value) {
  const filters = {...state.filters};
  const left = (filters[group] || []).filter((chosen) => chosen !== value);
  if (left.length) filters[group] = left;
  else delete filters[group];
  return {...state, filters};
}

export function pagefindFilters(state) {
  const filters = {};
  for (const [group, values] of Object.entries(state.filters)) filters[group] = {any: values};
  return filters;
}
