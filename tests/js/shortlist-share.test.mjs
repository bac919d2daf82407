import {test} from 'node:test';
import assert from 'node:assert/strict';
import {mailtoHref, messageBody, smsHref} from '../../theme/static/js/shortlist/share.js';

const items = [
  {title: 'Ward welcome volunteer', organisation: 'Aire Valley Hospitals', url: 'https://example.org/opportunities/ward/'},
  {title: 'Tea & chat', organisation: '', url: 'https://example.org/opportunities/tea/'},
];
const list = 'https://example.org/shortlist/?ids=ward,tea';

test('the message lists each title with its organisation and address, then the whole list', () => {
  assert.equal(messageBody(items, list), [
    'Volunteering opportunities you might like:', '',
    'Ward welcome volunteer (Aire Valley Hospitals)', 'https://example.org/opportunities/ward/', '',
    'Tea & chat', 'https://example.org/opportunities/tea/', '',
    'The whole list:', list,
  ].join('\n'));
});

test('the mailto link encodes everything, spaces as %20, and has no recipient', () => {
  const href = mailtoHref(items, list);
  assert.match(href, /^mailto:\?subject=Volunteering%20opportunities&body=/);
  assert.ok(!href.includes('+') && !href.includes(' ') && !href.includes('&chat'));
  const body = decodeURIComponent(href.split('&body=')[1]);
  assert.equal(body, messageBody(items, list));
});

test('the text message carries the list address only', () => {
  const href = smsHref(list);
  assert.ok(href.startsWith('sms:?&body='));
  assert.equal(decodeURIComponent(href.split('body=')[1]), `Volunteering opportunities you might like: ${list}`);
});
