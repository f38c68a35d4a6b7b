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

  // Chinese in the query is spelt as the index spells it: character bigrams in ASCII
  // (see search/pagefind.py, cjk_tokens), so the browser's own word segmentation never matters.
  var CJK = /[\u3400-\u9fff\uf900-\ufaff]+/g;
  function code(ch) { return ch.codePointAt(0).toString(36).padStart(4, "0"); }
  function spell(run) {
    var chars = Array.from(run);
    if (chars.length === 1) return "qy" + code(chars[0]);
    var out = [];
    for (var i = 0; i + 1 < chars.length; i++) out.push("qz" + code(chars[i]) + code(chars[i + 1]));
    return out.join(" ");
  }
  function processTerm(term) {
    return term.replace(CJK, function (run) { return " " + spell(run) + " "; }).replace(/\s+/g, " ").trim();
  }
  var TOKEN = /\bq[yz][0-9a-z]{4,8}\b/g;

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
    processTerm: processTerm,
    processResult: function (result) {
      // An excerpt taken from the spelt tokens means nothing to a reader: show the summary.
      if (TOKEN.test(result.excerpt)) {
        result.excerpt = escapeHtml(result.meta.summary || "");
      }
      TOKEN.lastIndex = 0;
      delete result.meta.summary;
      var parts = [result.meta.kind, result.meta.museum].filter(Boolean).map(escapeHtml);
      // Shown in the line below instead of as Pagefind's "key: value" tags.
      delete result.meta.kind;
      delete result.meta.museum;
      if (parts.length) {
        result.excerpt = '<span class="museum-result-kind">' + parts.join(" · ") + "</span> " + result.excerpt;
      }
      return result;
    }
  });

  var query = new URLSearchParams(window.location.search).get("q");
  if (query) ui.triggerSearch(query);
})();
