// A citation of a web page gives the date the reader saw it: today's, in each style's form
// (GB/T 7714: 2026-12-03; Chicago: December 3, 2026). Without the script, the placeholder stays.
(function () {
  "use strict";
  var now = new Date();
  var months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"];
  var pad = function (n) { return (n < 10 ? "0" : "") + n; };
  var forms = {
    gbt7714: now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate()),
    chicago: months[now.getMonth()] + " " + now.getDate() + ", " + now.getFullYear()
  };
  document.querySelectorAll(".museum-citation").forEach(function (citation) {
    var date = citation.querySelector("[data-cite-date]");
    var form = forms[citation.getAttribute("data-style")];
    if (date && form) { date.textContent = form; }
  });
})();
