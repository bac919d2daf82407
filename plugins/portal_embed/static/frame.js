/* Filters the /embed/ page by its query string (?area=<key>&limit=5). Progressive enhancement:
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

  var shown = 0;
  Array.prototype.forEach.call(document.querySelectorAll("[data-opportunity]"), function (item) {
    var wanted = filters.every(function (f) {
      return (item.getAttribute("data-" + f[0]) || "").split(" ").indexOf(f[1]) >= 0;
    });
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
