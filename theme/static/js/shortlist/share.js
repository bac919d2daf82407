// Sharing a shortlist without a server: a mailto: link whose message lists each opportunity's
// title and address, and an sms: link with the list's own address. Pure: tested with `node --test`.

// items: [{title, organisation, url}] (absolute urls); listUrl: the /shortlist/?ids=… address.
export function messageBody(items, listUrl) {
  const lines = ['Volunteering opportunities you might like:', ''];
  for (const item of items) {
    lines.push(item.organisation ? `${item.title} (${item.organisation})` : item.title, item.url, '');
  }
  lines.push('The whole list:', listUrl);
  return lines.join('\n');
}

export function mailtoHref(items, listUrl, subject = 'Volunteering opportunities') {
  // encodeURIComponent, not URLSearchParams: mail apps read %20, not +, as a space.
  return `mailto:?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(messageBody(items, listUrl))}`;
}

// A text message carries the list's address only: short enough for one message.
export function smsHref(listUrl, intro = 'Volunteering opportunities you might like:') {
  return `sms:?&body=${encodeURIComponent(`${intro} ${listUrl}`)}`;
}
