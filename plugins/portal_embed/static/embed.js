/* Volunteering opportunities widget for partner sites. How to use it: the portal's /partners/ page.
   No dependencies. Data comes from small scripts next to this one (no fetch, so it works from any
   origin); everything is built with textContent, so no text in the data can run as code. */
(function () {
  "use strict";
  var NAME = "volunteerPortalWidgetData";
  var FILTERS = [["organisation", "organisations"], ["area", "areas"], ["activity", "activities"], ["setting", "settings"]];
  var KEY = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  // The portal's colours (PORTAL_COLOURS), written in here by portal_embed when the site is built;
  // a partner page can still set any of them with the --vp-* custom properties.
  var COLOURS = /* PORTAL_COLOURS */ {};
  var CSS = ":host{display:block;font:inherit;color:var(--vp-text-colour,inherit)}" +
    "section{border:1px solid var(--vp-border-colour," + COLOURS.border + ");padding:var(--vp-padding,1em);background:var(--vp-background,transparent)}" +
    "h2,h3,h4,h5,h6{font-size:var(--vp-heading-size,1.25em);margin:0 0 .5em}" +
    "ul{list-style:none;margin:0;padding:0}li{padding:.75em 0;border-top:1px solid var(--vp-border-colour," + COLOURS.border + ")}" +
    "p{margin:.25em 0}a{color:var(--vp-link-colour," + COLOURS.link + ")}li a{font-weight:bold}" +
    "a:focus{outline:3px solid var(--vp-focus-colour," + COLOURS.focus + ");background:var(--vp-focus-colour," + COLOURS.focus + ");color:" + COLOURS["focus-text"] + "}" +
    ".meta{color:var(--vp-muted-colour," + COLOURS["secondary-text"] + ");font-size:.9em}";

  // Data scripts of every portal on the page call this one function. Widgets wait on the full
  // address of their data script (origin, path and name), which the function reads from
  // document.currentScript, so two portals' widgets on one partner page never share data.
  var receive = window[NAME];
  if (typeof receive !== "function" || !receive.byAddress) {
    receive = window[NAME] = function (data) {
      var script = document.currentScript, address = script && script.src, done = receive.byAddress[address] || [];
      delete receive.byAddress[address];
      done.forEach(function (widget) { widget.show(data); });
    };
    receive.byAddress = {};
  }

  function el(tag, text) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    return node;
  }

  function webAddress(value) {
    try {
      var url = new URL(value);
      return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  function link(text, href) {
    var safe = webAddress(href), node = el(safe ? "a" : "span", text);
    if (safe) node.href = safe;
    return node;
  }

  function matches(item, filters) {
    return FILTERS.every(function (f) {
      return !filters[f[1]] || ((item.keys || {})[f[1]] || []).indexOf(filters[f[1]]) >= 0;
    });
  }

  // data-near: a postcode district (LS9) or a whole postcode (its district's centre is used).
  function district(value) {
    var compact = String(value || "").toUpperCase().replace(/\s+/g, "");
    var match = /^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})?$/.exec(compact);
    return match ? match[1] : "";
  }

  function miles(a, b) {
    var r = Math.PI / 180, h = Math.pow(Math.sin((b[0] - a[0]) * r / 2), 2) +
      Math.cos(a[0] * r) * Math.cos(b[0] * r) * Math.pow(Math.sin((b[1] - a[1]) * r / 2), 2);
    return 2 * 3958.7613 * Math.asin(Math.sqrt(h));
  }

  function milesAway(value) {
    var tenths = Math.round(value * 10 + 1e-9) / 10;
    return tenths < 0.1 ? "Less than 0.1 miles away" : tenths === 1 ? "1 mile away" : tenths + " miles away";
  }

  // Nearest first within reach of origin; each item gets its distance in words.
  function nearest(items, origin, reach) {
    return items.map(function (item) {
      var best = Infinity;
      (item.points || []).forEach(function (point) { best = Math.min(best, miles(origin, point)); });
      return {item: item, miles: best};
    }).filter(function (entry) { return entry.miles <= reach; })
      .sort(function (a, b) { return a.miles - b.miles; })
      .map(function (entry) { return {item: entry.item, distance: milesAway(entry.miles)}; });
  }

  function render(box, heading, status, data, filters, limit, title, near) {
    if (!title) heading.textContent = data.heading || "Volunteering opportunities";
    var entries = (data.items || []).filter(function (item) { return matches(item, filters); });
    entries = near ? nearest(entries, near.origin, near.within) : entries.map(function (item) { return {item: item}; });
    var items = entries.slice(0, limit);
    if (items.length) {
      var list = el("ul");
      items.forEach(function (found) {
        var item = found.item, entry = el("li"), meta = [];
        if (found.distance) meta.push(found.distance);
        entry.appendChild(el("p")).appendChild(link(item.title, item.url));
        entry.appendChild(el("p", item.organisation));
        entry.appendChild(el("p", item.summary));
        if (item.areas && item.areas.length) meta.push("Areas: " + item.areas.join(", "));
        meta.push(item.closes ? "Closing date: " + item.closes : "No closing date");
        entry.appendChild(el("p", meta.join(". "))).className = "meta";
        list.appendChild(entry);
      });
      box.replaceChild(list, status);
    } else {
      status.textContent = "There are no opportunities to show at the moment.";
    }
  }

  function start(script) {
    script.setAttribute("data-vp-started", "");
    var filters = {}, name = "all", attribute = function (key) { return (script.getAttribute("data-" + key) || "").trim(); };
    FILTERS.forEach(function (f) {
      var value = attribute(f[0]).toLowerCase();
      if (KEY.test(value)) {
        filters[f[1]] = value;
        if (name === "all") name = f[1] + "/" + value;
      }
    });
    var limit = parseInt(attribute("limit"), 10), level = parseInt(attribute("heading-level"), 10), title = attribute("title");
    var near = district(attribute("near")), within = parseFloat(attribute("within"));
    within = within > 0 ? Math.min(within, 50) : 10;
    limit = limit > 0 ? Math.min(limit, 100) : 5;
    level = level >= 2 && level <= 6 ? level : 2;

    var host = el("div");
    host.className = "volunteer-portal-widget";
    script.parentNode.insertBefore(host, script.nextSibling);
    var root = host.attachShadow ? host.attachShadow({ mode: "open" }) : host;
    root.appendChild(el("style", CSS));
    var box = root.appendChild(el("section"));
    var heading = box.appendChild(el("h" + level, title || "Volunteering opportunities"));
    var status = box.appendChild(el("p", "Loading volunteering opportunities…"));
    var more = box.appendChild(el("p")).appendChild(link("See all opportunities", new URL("../", script.src).href));

    function fail() {
      status.textContent = "Sorry, the opportunities could not be loaded. Use the link below to see them.";
    }
    load(name, function (data) {
      var href = webAddress(data.more);
      if (href && more.href) more.href = href;
      if (!near) return render(box, heading, status, data, filters, limit, title);
      load("near", function (places) {
        var origin = (places.districts || {})[near];
        if (!origin) status.textContent = "There is no postcode district " + near + ".";
        else render(box, heading, status, data, filters, limit, title, {origin: origin, within: within});
      }, fail, script);
    }, fail, script);
  }

  // Loads data/<name>.js once per page, however many widgets want it.
  function load(name, show, fail, script) {
    var address = new URL("data/" + name + ".js", script.src).href, waiting = receive.byAddress[address];
    if (!waiting) {
      waiting = receive.byAddress[address] = [];
      var loader = el("script");
      loader.src = address;
      loader.async = true;
      loader.referrerPolicy = "no-referrer"; // the partner page's address is none of the portal's business
      loader.onerror = function () {
        delete receive.byAddress[address];
        waiting.forEach(function (widget) { widget.fail(); });
      };
      (document.head || document.documentElement).appendChild(loader);
    }
    waiting.push({show: show, fail: fail});
  }

  var current = document.currentScript;
  var scripts = current ? [current] : document.querySelectorAll("script[src$='/embed/embed.js']:not([data-vp-started])");
  Array.prototype.forEach.call(scripts, start);
})();
