// The project's own schema and rules, read from the files the Python side uses (never copied here).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
export const read = (path) => readFileSync(root + path, 'utf-8');

/** The opportunity schema with a few vocabularies filled in, as portal_content.schema.site_schema does. */
export function opportunitySchema(enums = {}) {
  const schema = JSON.parse(read('plugins/portal_content/schemas/opportunity.schema.json'));
  const fillIn = (node) => {
    if (node && typeof node === 'object') {
      if (node['x-vocabulary'] && enums[node['x-vocabulary']]) { node.enum = enums[node['x-vocabulary']]; }
      Object.values(node).forEach(fillIn);
    }
  };
  fillIn(schema);
  return schema;
}

/** A raw-string regular expression assigned in a Python module: NAME = re.compile(r"...") */
export function pythonPattern(path, name) {
  const match = new RegExp(name + ' = re\\.compile\\(r"((?:[^"\\\\]|\\\\.)*)"').exec(read(path));
  if (!match) { throw new Error(name + ' not found in ' + path); }
  return match[1];
}

export function pythonNumber(path, name) {
  return Number(new RegExp('^' + name + ' = ([0-9]+)', 'm').exec(read(path))[1]);
}

export const slugRule = {
  pattern: pythonPattern('plugins/portal_content/slugs.py', 'SLUG_PATTERN'),
  separators: pythonPattern('plugins/portal_content/slugs.py', 'SLUG_SEPARATORS'),
  max: pythonNumber('plugins/portal_content/slugs.py', 'SLUG_MAX_LENGTH'),
};

export const linkPattern = pythonPattern('plugins/portal_content/markup.py', 'LINK_PATTERN');

/** The model's fact labels and phrases, as the build publishes them to the form (config.wording). */
export const wording = JSON.parse(read('plugins/portal_content/wording.json'));

/** A valid listing, as a coordinator would fill it in. */
export function listing() {
  return {
    title: 'Garden helper',
    organisation: 'hebble-growers',
    summary: 'Help keep the garden tidy.',
    description: 'You will weed and water.',
    activities: ['gardening-and-environment'],
    settings: ['outdoors'],
    locations: [{ name: 'Hebble Hall', postcode: 'HX7 8AD', area: 'calderdale' }],
    commitment: { hours_per_week: 2, schedule: ['weekends'], duration: 'ongoing' },
    apply: { email: 'seeds@example.org.uk' },
    posted: '2026-11-20',
  };
}
