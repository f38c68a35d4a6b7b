// The search page: Pagefind's UI, in Chinese, with the museum's result line (kind · museum).
// The header's search form sends ?q=…; this page runs that query at once.
(function () {
  "use strict";
  var box = document.getElementById("museum-search");
  if (!box || typeof PagefindUI === "undefined") return;

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  // Pagefind stores root-relative URLs; the site may live under a sub-path, so results are
  // re-based on the folder of the site root as this page sees it.
  var base = new URL(box.dataset.base, window.location.href).pathname;

  var ui = new PagefindUI({
    element: "#museum-search",
    bundlePath: box.dataset.bundle,
    baseUrl: base,
    showImages: true,
    showSubResults: false,
    excerptLength: 40,
    resetStyles: false,
    autofocus: true,
    translations: { placeholder: "搜索藏品、博物馆、工厂、城市……" },
    processResult: function (result) {
      var parts = [result.meta.kind, result.meta.museum].filter(Boolean).map(escapeHtml);
      if (parts.length) {
        result.excerpt = '<span class="museum-result-kind">' + parts.join(" · ") + "</span> " + result.excerpt;
      }
      return result;
    }
  });

  var query = new URLSearchParams(window.location.search).get("q");
  if (query) ui.triggerSearch(query);
})();
