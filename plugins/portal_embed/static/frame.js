/* Filters the /embed/ page by its query string (?area=<key>&limit=5; ?near=<district>&within=5 nearest first). Progressive enhancement:
   without JavaScript the page lists every open opportunity. */
(function () {
  "use strict";
  var FILTERS = [["organisation", "organisations"], ["area", "areas"], ["activity", "activities"], ["setting", "settings"]];
  var KEY = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  var TITLE_MAX = 80;
  var params = new URLSearchParams(window.location.search);
  var filters = [], name = "all";
  FILTERS.forEach(function (f) {
    var value = (params.get(f[0]) || "").trim().toLowerCase();
    if (KEY.test(value)) {
      filters.push([f[1], value]);
      if (name === "all") name = f[1] + "/" + value;
    }
  });
  var limit = parseInt(params.get("limit"), 10);
  limit = limit > 0 ? limit : Infinity;

  // ?near=LS9 (or a whole postcode: its district's centre) and ?within=5: nearest first.
  var match = /^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})?$/.exec((params.get("near") || "").toUpperCase().replace(/\s+/g, ""));
  var origin = match ? JSON.parse(document.getElementById("districts").textContent)[match[1]] : null;
  var reach = parseFloat(params.get("within"));
  reach = reach > 0 ? Math.min(reach, 50) : 10;
  var items = Array.prototype.slice.call(document.querySelectorAll("[data-opportunity]"));
  var distance = new Map();
  if (origin) {
    items.forEach(function (item) {
      var best = Infinity;
      (item.getAttribute("data-points") || "").split(";").filter(Boolean).forEach(function (pair) {
        var point = pair.split(" ").map(Number), r = Math.PI / 180;
        var h = Math.pow(Math.sin((point[0] - origin[0]) * r / 2), 2) +
          Math.cos(origin[0] * r) * Math.cos(point[0] * r) * Math.pow(Math.sin((point[1] - origin[1]) * r / 2), 2);
        best = Math.min(best, 2 * 3958.7613 * Math.asin(Math.sqrt(h)));
      });
      distance.set(item, best);
    });
    items.sort(function (a, b) { return distance.get(a) - distance.get(b); });
    items.forEach(function (item) {
      item.parentNode.appendChild(item);
      var tenths = Math.round(distance.get(item) * 10 + 1e-9) / 10;
      item.querySelector("[data-distance]").textContent =
        (tenths < 0.1 ? "Less than 0.1 miles away" : tenths === 1 ? "1 mile away" : tenths + " miles away") + ". ";
    });
  }

  var shown = 0;
  items.forEach(function (item) {
    var wanted = filters.every(function (f) {
      return (item.getAttribute("data-" + f[0]) || "").split(" ").indexOf(f[1]) >= 0;
    }) && (!origin || distance.get(item) <= reach);
    item.hidden = !(wanted && shown < limit);
    if (!item.hidden) shown += 1;
  });
  document.getElementById("no-opportunities").hidden = shown > 0;

  var headings = JSON.parse(document.getElementById("headings").textContent);
  // ?title= is the partner's heading: plain text (textContent), without control characters, and short.
  var title = (params.get("title") || "").replace(/[\u0000-\u001f\u007f-\u009f]+/g, " ").trim().slice(0, TITLE_MAX);
  var heading = document.getElementById("heading");
  if (title) heading.textContent = title;
  else if (headings[name]) heading.textContent = headings[name];
  if (name !== "all" && headings[name]) {
    var more = document.getElementById("more");
    more.href = new URL("../" + name + "/", more.href).href;
  }
})();
