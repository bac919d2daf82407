/* Writes listing data as YAML in the style of portal_content/yamlwrite.py: one-line strings
   double-quoted (so "no", "0113…" and "# …" stay text), text of several lines as a | block
   unless only quoting keeps it exact, keys in the schema's order. */

import { isObject } from './check.js';

const ESCAPES = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\t': '\\t' };

function unprintable(code) {
  return code < 0x20 || (code >= 0x7F && code <= 0x9F) || (code >= 0xD800 && code <= 0xDFFF) || [0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF].includes(code);
}

/** A double-quoted YAML string that reads back as exactly the same text. */
export function quote(text) {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0);
    if (ESCAPES[char]) { out += ESCAPES[char]; }
    else if (code >= 0xD800 && code <= 0xDFFF) { out += '\\uFFFD'; }
    else if (unprintable(code)) { out += '\\u' + code.toString(16).toUpperCase().padStart(4, '0'); }
    else { out += char; }
  }
  return out + '"';
}

/** Text of several lines as a literal block (|, |- or |+), or null when quoting is safer. */
export function block(text, indent) {
  const body = text.replace(/\n+$/, '');
  const lines = body.split('\n');
  const first = body.replace(/^\n+/, '');
  if (!text.includes('\n') || !first || first[0] === ' ') { return null; }
  if (Array.from(text).some((char) => char !== '\n' && unprintable(char.codePointAt(0)))) { return null; }
  if (lines.some((line) => line !== line.replace(/\s+$/, ''))) { return null; }
  const trailing = text.length - body.length;
  const chomp = trailing === 0 ? '-' : (trailing === 1 ? '' : '+');
  return ['|' + chomp, ...lines.map((line) => (line ? indent + '  ' + line : '')), ...Array(Math.max(trailing - 1, 0)).fill('')];
}

function scalar(value) {
  if (typeof value === 'string') { return quote(value); }
  if (typeof value === 'boolean') { return value ? 'true' : 'false'; }
  return String(value);
}

function orderedKeys(node, value) {
  const known = Object.keys((node && node.properties) || {});
  return known.filter((key) => value[key] !== undefined).concat(Object.keys(value).filter((key) => !known.includes(key)));
}

function mapping(node, value, indent) {
  const out = [];
  orderedKeys(node, value).forEach((key) => {
    const child = (node && node.properties && node.properties[key]) || {};
    const item = value[key];
    if (Array.isArray(item)) {
      out.push(indent + key + ':');
      item.forEach((entry) => {
        if (isObject(entry)) {
          const inner = mapping(child.items, entry, indent + '    ');
          out.push(indent + '  - ' + inner[0].slice(indent.length + 4), ...inner.slice(1));
        } else {
          out.push(indent + '  - ' + scalar(entry));
        }
      });
    } else if (isObject(item)) {
      out.push(indent + key + ':', ...mapping(child, item, indent + '  '));
    } else if (typeof item === 'string' && block(item, indent)) {
      const [first, ...rest] = block(item, indent);
      out.push(indent + key + ': ' + first, ...rest);
    } else {
      out.push(indent + key + ': ' + scalar(item));
    }
  });
  return out;
}

/** The whole file: "# " comment lines from `header`, then the fields. */
export function yamlText(schema, data, header = '') {
  const comments = header ? header.split('\n').map((line) => '# ' + line) : [];
  return comments.concat(mapping(schema, data, '')).join('\n') + '\n';
}
