/* The three ways to send a finished file: a prefilled GitHub issue, a prefilled email, and
   GitHub's "create new file" page. Links longer than the page's limits (settings in
   portal_submit: issue_url_limit, mailto_limit) are not made; the page offers copy-and-paste. */

/** The issue body that python -m portal_content.from_issue reads: a File: line and a yaml block. */
export function issueBody(path, text, site) {
  return 'Made with the form on ' + site + '.\n\nFile: ' + path + '\n\n```yaml\n' + text + '```\n';
}

function query(params) {
  return Object.entries(params).map(([key, value]) => key + '=' + encodeURIComponent(value)).join('&');
}

/** {href, complete}: complete is false when the listing did not fit, and href opens an empty issue. */
export function issueLink(config, path, text, title) {
  const base = config.repository + '/issues/new?';
  const full = base + query({ title, labels: config.issue_label, body: issueBody(path, text, config.site) });
  if (full.length <= config.issue_url_limit) { return { href: full, complete: true }; }
  return { href: base + query({ title, labels: config.issue_label }), complete: false };
}

/** {href, complete}: an email with the subject, and the file in the body when it fits. */
export function emailLink(config, path, text, title) {
  const base = 'mailto:' + config.contact + '?';
  const body = 'Please add this listing to ' + config.site + '.\n\nFile: ' + path + '\n\n' + text;
  const full = base + query({ subject: title, body });
  if (full.length <= config.mailto_limit) { return { href: full, complete: true }; }
  return { href: base + query({ subject: title, body: 'Please add this listing to ' + config.site + '. File: ' + path + '\n\n(Paste the text of the file here.)\n' }), complete: false };
}

/** {href, complete}: GitHub's "create new file" page with the name and, when it fits, the text. */
export function newFileLink(config, path, text) {
  const base = config.repository + '/new/' + encodeURIComponent(config.branch) + '?filename=' + encodeURIComponent(path).replace(/%2F/g, '/');
  const full = base + '&value=' + encodeURIComponent(text);
  if (full.length <= config.issue_url_limit) { return { href: full, complete: true }; }
  return { href: base, complete: false };
}
