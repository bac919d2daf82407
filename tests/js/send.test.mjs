import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emailLink, issueBody, issueLink, newFileLink } from '../../theme/static/js/submit/send.js';

const config = {
  repository: 'https://github.com/example-ics/volunteer-portal', branch: 'main', site: 'Volunteer West Yorkshire',
  contact: 'volunteering@example.org.uk', issue_label: 'new-listing', issue_url_limit: 6000, mailto_limit: 2000,
};
const path = 'content/opportunities/hebble-growers/garden-helper.yaml';
const text = 'title: "Garden helper & more"\nsummary: "50% #1 ?x=y"\n';

test('the issue link carries the title, the label and the body from_issue reads', () => {
  const made = issueLink(config, path, text, 'List an opportunity: Garden helper');
  assert.equal(made.complete, true);
  const url = new URL(made.href);
  assert.equal(url.origin + url.pathname, 'https://github.com/example-ics/volunteer-portal/issues/new');
  assert.equal(url.searchParams.get('title'), 'List an opportunity: Garden helper');
  assert.equal(url.searchParams.get('labels'), 'new-listing');
  assert.equal(url.searchParams.get('body'), issueBody(path, text, config.site));
  assert.equal(url.searchParams.get('body'), `Made with the form on Volunteer West Yorkshire.\n\nFile: ${path}\n\n\`\`\`yaml\n${text}\`\`\`\n`);
});

test('a listing too long for a link falls back: no body, and the page says to copy and paste', () => {
  const long = 'description: "' + 'x'.repeat(6000) + '"\n';
  const made = issueLink(config, path, long, 'List an opportunity: Garden helper');
  assert.equal(made.complete, false);
  assert.ok(made.href.length <= config.issue_url_limit);
  assert.equal(new URL(made.href).searchParams.get('body'), null);
  assert.equal(new URL(made.href).searchParams.get('title'), 'List an opportunity: Garden helper');
  // the limit is on the whole address: just under it is sent whole, just over is not
  const base = issueLink(config, path, '', 't').href.length;
  const fits = 'y'.repeat(config.issue_url_limit - base);
  assert.equal(issueLink(config, path, fits, 't').complete, true);
  assert.equal(issueLink(config, path, fits + 'y', 't').complete, false);
});

test('the email link has the subject and the whole file, or asks for it to be pasted', () => {
  const made = emailLink(config, path, text, 'List an opportunity: Garden helper');
  assert.equal(made.complete, true);
  const url = new URL(made.href);
  assert.equal(url.protocol + url.pathname, 'mailto:volunteering@example.org.uk');
  assert.equal(url.searchParams.get('subject'), 'List an opportunity: Garden helper');
  assert.equal(url.searchParams.get('body'), `Please add this listing to Volunteer West Yorkshire.\n\nFile: ${path}\n\n${text}`);
  const long = emailLink(config, path, 'x'.repeat(2000), 'Subject');
  assert.equal(long.complete, false);
  assert.ok(long.href.length <= config.mailto_limit);
  assert.match(new URL(long.href).searchParams.get('body'), /Paste the text of the file here/);
});

test('the create-file link names the file and carries its text when it fits', () => {
  const made = newFileLink(config, path, text);
  assert.equal(made.complete, true);
  const url = new URL(made.href);
  assert.equal(url.pathname, '/example-ics/volunteer-portal/new/main');
  assert.equal(url.searchParams.get('filename'), path);
  assert.equal(url.searchParams.get('value'), text);
  const long = newFileLink(config, path, 'x'.repeat(7000));
  assert.equal(long.complete, false);
  assert.equal(new URL(long.href).searchParams.get('value'), null);
});
