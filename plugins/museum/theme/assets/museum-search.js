// The search page: queries the museum's own index (plugins/museum/search/), fetching only the
// shards a query touches and the documents of the results shown. It does to a query what
// search/text.py does to a record (fold, split, stem, pinyin) and answers as search/query.py
// does; tests/browser/test_search.py holds the two to the same answers.
// Every text shown is set as text (never as HTML), so hostile queries and records stay inert.
(function () {
  "use strict";
  var root = document.getElementById("museum-search");
  if (!root || !window.fetch || !window.Promise) return;

  var LANG = root.dataset.lang || "zh";
  var WORDS = {
    zh: { found: function (n) { return "找到 " + n + " 条结果"; }, none: "没有找到结果。试试更短的词、别的写法，或按类别浏览。",
          more: "显示更多结果", filters: "筛选", loading: "正在搜索……", failed: "搜索暂时无法使用，请稍后再试，或按类别浏览。",
          selected: function (n) { return n ? "（已选 " + n + " 项）" : ""; }, clear: "清除筛选" },
    en: { found: function (n) { return n === 1 ? "1 result" : n + " results"; }, none: "Nothing found. Try a shorter word, another spelling, or browse.",
          more: "Show more results", filters: "Filters", loading: "Searching…", failed: "Search is unavailable just now; please try again later, or browse.",
          selected: function (n) { return n ? " (" + n + " selected)" : ""; }, clear: "Clear filters" }
  }[LANG];
  var PAGE = 10;
  var CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
  var TOKEN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[0-9a-z\u00df-\u024f]+/g;
  var stemWord = (window.exports && window.exports.stem) || function (w) { return w; };

  var indexUrl = new URL(root.dataset.index, window.location.href);
  var form = root.querySelector("form");
  var input = root.querySelector("input[type=search]");
  var status = root.querySelector("[role=status]");
  var list = root.querySelector(".museum-search__results");
  var moreButton = root.querySelector(".museum-search__more");
  var start = root.querySelector(".museum-search__start");
  var toggle = root.querySelector(".museum-search__toggle");
  var panel = root.querySelector(".museum-search__facets");

  // --- files ------------------------------------------------------------------------------------
  var files = new Map();
  function get(path) {
    if (!files.has(path)) {
      files.set(path, fetch(new URL(path + ".json", indexUrl)).then(function (r) {
        if (!r.ok) throw Object.assign(new Error(path + ": " + r.status), { status: r.status });
        return r.json();
      }));
    }
    return files.get(path);
  }
  var meta = get("meta");
  // A shard's or a document file's path: its group's folder (named after the group's content) and its number.
  function named(sub, groups, n, size) { return sub + "/" + groups[Math.floor(n / size)] + "/" + n; }

  // --- text, as search/text.py has it -------------------------------------------------------------
  var CRC = (function () {
    var t = new Int32Array(256);
    for (var n = 0; n < 256; n++) {
      var c = n;
      for (var k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      t[n] = c;
    }
    return t;
  })();
  function crc32(text) {
    var bytes = new TextEncoder().encode(text), c = -1;
    for (var i = 0; i < bytes.length; i++) c = CRC[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
    return (c ^ -1) >>> 0;
  }
  function isCjk(token) { return token.charCodeAt(0) > 0x3000; }
  function key(m, term) { return isCjk(term) || term.charAt(0) === m.pinyin ? term : term.slice(0, m.key); }
  function stem(word) { return /^[a-z]+$/.test(word) && word.length >= 3 ? stemWord(word) : word; }

  // Traditional → simplified, a character at a time. The table (a string of pairs) is asked for as soon
  // as the page opens, once, so that a query folds at once instead of waiting for a file of its own.
  var folding = meta.then(function (m) { return get(m.fold); }).then(function (pairs) {
    var table = new Map(), chars = Array.from(pairs);
    for (var i = 0; i + 1 < chars.length; i += 2) table.set(chars[i], chars[i + 1]);
    return function (ch) { return table.get(ch) || ch; };
  });
  folding.catch(function () {});  // a search reports the failure
  function foldWith(one, text) { return Array.from(text.normalize("NFKC").toLowerCase(), one).join(""); }

  function splitPinyin(word, syllables) {
    var best = [[]];
    for (var end = 1; end <= word.length; end++) {
      best[end] = null;
      for (var s = Math.max(0, end - 6); s < end; s++) {
        if (best[s] && syllables.has(word.slice(s, end)) && (!best[end] || best[s].length + 1 < best[end].length)) {
          best[end] = best[s].concat([word.slice(s, end)]);
        }
      }
    }
    return best[word.length];
  }

  // --- postings ---------------------------------------------------------------------------------
  // A scored list: record numbers ascending (docs) and a number for each (weights, then scores),
  // in typed arrays; lists are merged, never looked up record by record (100,000 records fit).
  function scoredList(docs, values) { return { docs: docs, values: values }; }
  var EMPTY = scoredList(new Int32Array(0), new Int32Array(0));

  function varints(data) {  // base64 varints → their values
    var raw = atob(data), n = 0, i;
    for (i = 0; i < raw.length; i++) if (raw.charCodeAt(i) < 128) n++;
    var out = new Float64Array(n), value = 0, scale = 1, k = 0;
    for (i = 0; i < raw.length; i++) {
      var b = raw.charCodeAt(i);
      value += (b & 0x7f) * scale;
      if (b & 0x80) { scale *= 128; continue; }
      out[k++] = value; value = 0; scale = 1;
    }
    return out;
  }
  function decode(data) {  // postings: varints of gap << 2 | weight, read in one pass
    var raw = atob(data), n = 0, i;
    for (i = 0; i < raw.length; i++) if (raw.charCodeAt(i) < 128) n++;
    var docs = new Int32Array(n), weights = new Int32Array(n), value = 0, scale = 1, doc = 0, k = 0;
    for (i = 0; i < raw.length; i++) {
      var b = raw.charCodeAt(i);
      value += (b & 0x7f) * scale;
      if (b & 0x80) { scale *= 128; continue; }
      var w = value % 4;
      doc += (value - w) / 4;
      docs[k] = doc; weights[k++] = w;
      value = 0; scale = 1;
    }
    return scoredList(docs, weights);
  }
  function numbers(data) {  // a facet value's records: varints of gaps
    var values = varints(data), out = new Int32Array(values.length), total = 0;
    for (var i = 0; i < values.length; i++) { total += values[i]; out[i] = total; }
    return out;
  }
  function shard(m, term) { return get(named("t", m.terms, crc32(key(m, term)) % m.buckets, m.group)); }
  // A term's own file (its postings, when large) is in its shard's group's folder, named after the term
  // (search/index.py own_name); meta.json's Bloom filter says which terms may have one (own_bits).
  function ownPath(m, term, name) {
    return "x/" + m.terms[Math.floor(crc32(key(m, term)) % m.buckets / m.group)] + "/" + name;
  }
  function ownName(term) { return ("0000000" + crc32(term).toString(16)).slice(-8); }
  var rows = new Map();  // record number → what it shows, from the own files read (their first results)
  // The postings in own file ``name`` if it is ``term``'s (null if there is none, or it is another's;
  // a file that could not be fetched fails the search, which then says so).
  function own(m, term, name) {
    return get(ownPath(m, term, name)).then(function (file) {
      if (file.term !== term) return null;
      file.first.forEach(function (row) { rows.set(row[0], row.slice(1)); });
      return file.postings;
    }, function (error) {
      if (error.status === 404) return null;
      throw error;
    });
  }
  function mayOwn(m, term) {
    var bits = m.ownFilter || (m.ownFilter = Uint8Array.from(atob(m.own.filter), function (c) { return c.charCodeAt(0); }));
    var size = bits.length * 8, a = crc32(term), b = (crc32(term + "\u0000") | 1) >>> 0;
    for (var i = 0; i < m.own.hashes; i++) {
      var n = (a + i * b) % size;
      if (!(bits[n >> 3] >> (n & 7) & 1)) return false;
    }
    return true;
  }
  // A word's shard (it lists the words the word begins) and, if it may have one, its own file, asked
  // for at once: one round trip, not two.
  function lookup(m, term) {
    var s = shard(m, term);
    if (mayOwn(m, term)) own(m, term, ownName(term)).catch(function () {});  // the search reports a failure
    return s;
  }
  var decoded = new Map();  // term → Promise of its list: typing a query repeats the terms before
  function entry(m, term, value) {  // a term's list from its shard's entry for it
    if (!decoded.has(term)) {
      decoded.set(term, value === undefined ? Promise.resolve(EMPTY) : Array.isArray(value) ?
        own(m, term, value[0]).then(function (p) { return p === null ? EMPTY : decode(p); }) : Promise.resolve(decode(value)));
    }
    return decoded.get(term);
  }
  // A term looked up whole (a Chinese pair or character, a reading): its own file alone if the filter
  // says it may have one, else (or if that file turns out not to be its) its shard. (A term the filter
  // lets through wrongly, about 1 in 100, costs a request for a file not there.)
  function postings(m, term) {
    function fromShard() { return shard(m, term).then(function (s) { return entry(m, term, s[term]); }); }
    if (decoded.has(term)) return decoded.get(term);
    if (!mayOwn(m, term)) return fromShard();
    var found = own(m, term, ownName(term)).then(function (p) {
      if (p === null) { decoded.delete(term); return fromShard(); }
      return decode(p);
    });
    decoded.set(term, found);
    return found;
  }

  // Records in both lists; ``combine`` makes the value of each from the two.
  function both(a, b, combine) {
    var n = Math.min(a.docs.length, b.docs.length), docs = new Int32Array(n), values = new Int32Array(n);
    var i = 0, j = 0, k = 0;
    while (i < a.docs.length && j < b.docs.length) {
      var x = a.docs[i], y = b.docs[j];
      if (x === y) { docs[k] = x; values[k++] = combine(a.values[i++], b.values[j++]); }
      else if (x < y) i++;
      else j++;
    }
    return scoredList(docs.subarray(0, k), values.subarray(0, k));
  }
  function lowest(x, y) { return x < y ? x : y; }
  function sum(x, y) { return x + y; }
  // Records in every list, with their lowest weight (a phrase is as strong as its weakest pair).
  function allOf(lists) {
    if (!lists.length) return EMPTY;
    lists = lists.slice().sort(function (a, b) { return a.docs.length - b.docs.length; });
    var out = lists[0];
    for (var k = 1; k < lists.length && out.docs.length; k++) out = both(out, lists[k], lowest);
    return out;
  }
  function scaled(l, times, plus) {
    var values = new Int32Array(l.values.length);
    for (var i = 0; i < values.length; i++) values[i] = times * l.values[i] + plus;
    return scoredList(l.docs, values);
  }
  // Records in either list, with the better value of the two.
  function either(a, b) {
    var docs = new Int32Array(a.docs.length + b.docs.length), values = new Int32Array(docs.length);
    var i = 0, j = 0, k = 0;
    while (i < a.docs.length || j < b.docs.length) {
      var x = i < a.docs.length ? a.docs[i] : Infinity, y = j < b.docs.length ? b.docs[j] : Infinity;
      if (x === y) { docs[k] = x; values[k++] = Math.max(a.values[i++], b.values[j++]); }
      else if (x < y) { docs[k] = x; values[k++] = a.values[i++]; }
      else { docs[k] = y; values[k++] = b.values[j++]; }
    }
    return scoredList(docs.subarray(0, k), values.subarray(0, k));
  }
  // Records in any list, with their best value (merged shortest first).
  function anyOf(lists) {
    lists = lists.filter(function (l) { return l.docs.length; }).sort(function (a, b) { return a.docs.length - b.docs.length; });
    return lists.reduce(function (out, l) { return out === null ? l : either(out, l); }, null) || EMPTY;
  }

  // The terms a token is looked up by: a Chinese run by its character pairs (a lone character by
  // itself); a word by its stem and itself (each also a prefix), and by the pinyin it may spell.
  function pairs(token) {
    var chars = Array.from(token), terms = chars.length === 1 ? [token] : [];
    for (var i = 0; i + 1 < chars.length; i++) terms.push(chars[i] + chars[i + 1]);
    return terms;
  }
  function candidates(word) { var stemmed = stem(word); return stemmed === word ? [word] : [stemmed, word]; }
  function readings(m, word) {
    var syllables = /^[a-z]+$/.test(word) ? splitPinyin(word, m.syllableSet) : null;
    if (!syllables) return [];
    return syllables.length === 1 ? [m.pinyin + syllables[0]] :
      syllables.slice(1).map(function (b, i) { return m.pinyin + syllables[i] + b; });
  }
  function tokensOf(text) {
    var tokens = [];
    (text.match(TOKEN) || []).forEach(function (t) { if (tokens.indexOf(t) < 0) tokens.push(t); });
    return tokens;
  }
  // Ask for the shards of ``text``'s terms before it is folded: most queries fold to themselves, so
  // when the folding table is still on its way (a ?q= link, just opened) the shards arrive alongside it.
  function prefetch(m, text) {
    tokensOf(text).forEach(function (t) {
      if (isCjk(t)) pairs(t).forEach(function (term) { postings(m, term).catch(function () {}); });  // the search reports a failure
      else {
        candidates(t).forEach(function (term) { lookup(m, term).catch(function () {}); });
        readings(m, t).forEach(function (term) { postings(m, term).catch(function () {}); });
      }
    });
  }

  function wordScores(m, word) {
    var stemmed = stem(word);
    var lookups = candidates(word).map(function (cand) {
      return lookup(m, cand).then(function (s) {
        var wanted = Object.keys(s).filter(function (term) {
          return term === stemmed || (word.length >= m.key && term.indexOf(cand) === 0 && term.charAt(0) !== m.pinyin);
        });
        return Promise.all(wanted.map(function (term) {
          return entry(m, term, s[term]).then(function (l) { return scaled(l, 2, term === stemmed ? 0 : -1); });
        }));
      });
    });
    var terms = readings(m, word);
    if (terms.length) {
      lookups.push(Promise.all(terms.map(function (t) { return postings(m, t); })).then(function (lists) {
        return [scaled(allOf(lists), 2, -1)];  // a reading, not the word itself
      }));
    }
    return Promise.all(lookups).then(function (found) { return anyOf([].concat.apply([], found)); });
  }

  function tokenScores(m, token) {
    if (!isCjk(token)) return wordScores(m, token);
    return Promise.all(pairs(token).map(function (t) { return postings(m, t); })).then(function (lists) {
      return scaled(allOf(lists), 2, 0);
    });
  }

  // --- facets -----------------------------------------------------------------------------------
  var chosen = {};  // facet id → Set of value ids
  var facetData = {};  // facet id → Promise of [[id, label, count, Set of records]]
  function facetValues(m, facet) {
    if (!facetData[facet.id]) {
      facetData[facet.id] = get("f/" + facet.file).then(function (values) {
        return values.map(function (v) { return { id: v[0], label: v[1], count: v[2], docs: numbers(v[3]) }; });
      });
    }
    return facetData[facet.id];
  }
  // A mark per record of the records every chosen facet but ``except`` allows (null: no facet chosen).
  function allowedBy(m, except) {
    var ids = Object.keys(chosen).filter(function (id) { return id !== except && chosen[id].size; });
    return Promise.all(ids.map(function (id) {
      return facetValues(m, m.facets.find(function (f) { return f.id === id; })).then(function (values) {
        return values.filter(function (v) { return chosen[id].has(v.id); });
      });
    })).then(function (facets) {
      if (!facets.length) return null;
      var counts = new Uint8Array(m.docs), seen = new Int32Array(m.docs).fill(-1);
      facets.forEach(function (values, f) {  // a record counts once per facet, however many of its values
        values.forEach(function (v) {
          for (var i = 0; i < v.docs.length; i++) {
            var d = v.docs[i];
            if (seen[d] !== f) { seen[d] = f; counts[d]++; }
          }
        });
      });
      var marks = new Uint8Array(m.docs);
      for (var d = 0; d < marks.length; d++) marks[d] = counts[d] === facets.length ? 1 : 0;
      return marks;
    });
  }
  function allowed(marks, d) { return marks === null || marks[d] === 1; }

  // --- searching --------------------------------------------------------------------------------
  // Record numbers by score (higher first), equal scores in the index's order, like query.py.
  function ranked(l) {
    var top = 0, i;
    for (i = 0; i < l.values.length; i++) if (l.values[i] > top) top = l.values[i];
    var counts = new Int32Array(top + 2);
    for (i = 0; i < l.values.length; i++) counts[top - l.values[i] + 1]++;
    for (i = 1; i < counts.length; i++) counts[i] += counts[i - 1];
    var out = new Int32Array(l.docs.length);
    for (i = 0; i < l.docs.length; i++) out[counts[top - l.values[i]]++] = l.docs[i];
    return out;
  }

  function search(m, query) {  // → {scores: a scored list, or null for no words; tokens; fold}
    prefetch(m, query.normalize("NFKC").toLowerCase());
    return folding.then(function (one) {
      var tokens = tokensOf(foldWith(one, query));
      return Promise.all(tokens.map(function (t) { return tokenScores(m, t); })).then(function (each) {
        var scores = null;
        each.forEach(function (found) { scores = scores === null ? found : both(scores, found, sum); });
        return { scores: scores, tokens: tokens, fold: one };
      });
    });
  }

  function results(m, found) {  // the found scores narrowed by the chosen facets, ranked (null: nothing asked)
    return allowedBy(m, null).then(function (marks) {
      var scores = found.scores;
      if (scores === null) {
        if (marks === null) return null;
        var all = [];
        for (var d = 0; d < marks.length; d++) if (marks[d] === 1) all.push(d);
        return Int32Array.from(all);
      }
      if (marks === null) return ranked(scores);
      var docs = [], values = [];
      for (var i = 0; i < scores.docs.length; i++) {
        if (marks[scores.docs[i]] === 1) { docs.push(scores.docs[i]); values.push(scores.values[i]); }
      }
      return ranked(scoredList(docs, values));
    });
  }

  // --- showing ----------------------------------------------------------------------------------
  function documentOf(m, n) {
    if (rows.has(n)) return Promise.resolve(shownAs(rows.get(n)));
    return get(named("d", m.documents, Math.floor(n / m.chunk), m.group)).then(function (chunk) {
      return shownAs(chunk[n % m.chunk]);
    });
  }
  function shownAs(f) {
    return { url: f[0], title: f[1], other: f[2], kind: f[3], museum: f[4], image: f[5], alt: f[6], summary: f[7] };
  }

  // Where the query's words are in ``text``: [[start, end]] in its characters.
  function marks(text, found) {
    var chars = Array.from(text), folded = "", at = [];
    var whole = Array.from(text.normalize("NFKC").toLowerCase());
    if (whole.length === chars.length) {  // one character for one, as nearly always: fold it whole
      folded = whole.map(found.fold).join("");
      if (folded.length === text.length && chars.length === text.length) for (var n = 0; n < folded.length; n++) at.push(n);
    }
    if (at.length !== folded.length || !folded) {
      folded = ""; at = [];
      chars.forEach(function (ch, i) {
        var f = foldWith(found.fold, ch);
        for (var k = 0; k < f.length; k++) at.push(i);
        folded += f;
      });
    }
    var needles = [];
    found.tokens.forEach(function (t) {
      needles.push(t);
      if (!isCjk(t)) { var s = stem(t); if (s !== t) needles.push(s); }
      else { var c = Array.from(t); for (var i = 0; i + 1 < c.length; i++) needles.push(c[i] + c[i + 1]); }
    });
    var ranges = [];
    needles.forEach(function (n) {
      if (!n) return;
      for (var i = folded.indexOf(n); i >= 0; i = folded.indexOf(n, i + n.length)) {
        ranges.push([at[i], at[i + n.length - 1] + 1]);
      }
    });
    ranges.sort(function (a, b) { return a[0] - b[0]; });
    var merged = [];
    ranges.forEach(function (r) {
      var last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]); else merged.push(r.slice());
    });
    return { chars: chars, ranges: merged };
  }
  function marked(parent, text, found, window) {
    var m = marks(text, found), chars = m.chars, from = 0, to = chars.length;
    if (window && m.ranges.length && m.ranges[0][0] > 40) from = m.ranges[0][0] - 20;
    if (window) to = Math.min(chars.length, from + 110);
    if (from > 0) parent.appendChild(document.createTextNode("…"));
    var pos = from;
    m.ranges.forEach(function (r) {
      if (r[1] <= pos || r[0] >= to) return;
      var a = Math.max(r[0], pos), b = Math.min(r[1], to);
      parent.appendChild(document.createTextNode(chars.slice(pos, a).join("")));
      var mark = document.createElement("mark");
      mark.textContent = chars.slice(a, b).join("");
      parent.appendChild(mark);
      pos = b;
    });
    parent.appendChild(document.createTextNode(chars.slice(pos, to).join("")));
    if (to < chars.length) parent.appendChild(document.createTextNode("…"));
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }
  function otherLang() { return LANG === "zh" ? "en" : "zh"; }
  // A record's text with no English is shown in Chinese on an English page (search/index.py _text):
  // its element says so. (English text never holds a Chinese character.)
  function saysItsLanguage(node, text) {
    if (LANG !== "zh" && CJK.test(text || "")) node.lang = "zh";
    return node;
  }

  function item(doc, found) {
    var li = el("li", "museum-result");
    var link = el("a", "museum-result__link");
    link.href = new URL(root.dataset.base + doc.url, window.location.href).pathname;
    if (doc.image) {
      var img = el("img", "museum-result__thumb");
      img.src = doc.image; img.alt = doc.alt || ""; img.loading = "lazy"; img.width = 96; img.height = 72;
      saysItsLanguage(img, doc.alt);
      li.appendChild(img);
    }
    var title = saysItsLanguage(el("span", "museum-result__title"), doc.title);
    marked(title, doc.title, found, false);
    link.appendChild(title);
    var body = el("div", "museum-result__body");
    body.appendChild(el("h2", "museum-result__heading")).appendChild(link);
    if (doc.other) {
      var other = el("p", "museum-result__other", doc.other);
      other.lang = otherLang();
      body.appendChild(other);
    }
    var kind = body.appendChild(el("p", "museum-result__kind", doc.kind));
    if (doc.museum) {
      kind.appendChild(document.createTextNode(" · "));
      kind.appendChild(saysItsLanguage(el("span", "museum-result__museum", doc.museum), doc.museum));
    }
    if (doc.summary) {
      var excerpt = saysItsLanguage(el("p", "museum-result__excerpt"), doc.summary);
      marked(excerpt, doc.summary, found, true);
      body.appendChild(excerpt);
    }
    li.appendChild(body);
    return li;
  }

  var current = { order: [], shown: 0, found: null, run: 0 };
  // The next PAGE results, added to the list in one write; ``fresh``: in place of what it shows (a
  // new query's results replace the last query's when they are ready, so the page is laid out once).
  function showMore(m, focus, fresh) {
    var batch = Array.from(current.order.slice(current.shown, current.shown + PAGE)), run = current.run;
    return Promise.all(batch.map(function (n) { return documentOf(m, n); })).then(function (docs) {
      if (run !== current.run) return;
      var items = document.createDocumentFragment(), first = null;
      docs.forEach(function (doc) { var li = item(doc, current.found); first = first || li; items.appendChild(li); });
      if (fresh) list.textContent = "";
      list.appendChild(items);
      current.shown += docs.length;
      moreButton.hidden = current.shown >= current.order.length;
      if (focus && first) first.querySelector("a").focus();
    });
  }

  function facetCounts(m) {
    m.facets.forEach(function (facet) {
      var box = panel.querySelector('[data-facet="' + facet.id + '"]');
      if (!box || !box.open) return;
      Promise.all([facetValues(m, facet), allowedBy(m, facet.id)]).then(function (pair) {
        var values = pair[0], marks = pair[1], scores = current.found && current.found.scores;
        var found = null;  // a mark per record the words found
        if (scores) {
          found = new Uint8Array(m.docs);
          for (var i = 0; i < scores.docs.length; i++) found[scores.docs[i]] = 1;
        }
        var ul = box.querySelector("ul");
        ul.textContent = "";
        values.forEach(function (v) {
          var n = 0;
          if (found === null && marks === null) n = v.count;
          else for (var k = 0; k < v.docs.length; k++) {
            var d = v.docs[k];
            if ((found === null || found[d]) && allowed(marks, d)) n++;
          }
          var on = chosen[facet.id] && chosen[facet.id].has(v.id);
          if (!n && !on) return;
          var li = el("li"), label = el("label"), check = el("input");
          check.type = "checkbox"; check.name = facet.id; check.value = v.id; check.checked = !!on;
          check.addEventListener("change", function () {
            chosen[facet.id] = chosen[facet.id] || new Set();
            if (check.checked) chosen[facet.id].add(v.id); else chosen[facet.id].delete(v.id);
            run(false);
          });
          label.appendChild(check);
          label.appendChild(document.createTextNode(" " + v.label + " "));
          label.appendChild(el("span", "museum-facet__count", "(" + n + ")"));
          li.appendChild(label);
          ul.appendChild(li);
        });
      });
    });
    var count = Object.keys(chosen).reduce(function (n, id) { return n + chosen[id].size; }, 0);
    toggle.querySelector(".museum-search__chosen").textContent = WORDS.selected(count);
  }

  function syncUrl(query) {
    var params = new URLSearchParams();
    if (query) params.set("q", query);
    Object.keys(chosen).sort().forEach(function (id) {
      Array.from(chosen[id]).sort().forEach(function (v) { params.append(id, v); });
    });
    var text = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (text ? "?" + text : ""));
  }

  var addressTimer = 0, SETTLE = 500;
  function run(focusFirst) {
    var query = input.value.trim(), ticket = ++current.run;
    // The address follows the query once the visitor pauses (SETTLE ms after its results): changing
    // it makes the browser fetch and decode the page's icon again, 15-30 ms at 4x CPU throttling,
    // which held back the results' first paint, or the next query's as the visitor typed on.
    function done() {
      clearTimeout(addressTimer);
      addressTimer = setTimeout(function () { if (ticket === current.run) syncUrl(query); }, SETTLE);
    }
    meta.then(function (m) {
      return search(m, query).then(function (found) {
        return results(m, found).then(function (order) {
          if (ticket !== current.run) return;
          current.found = found; current.shown = 0; current.order = order || new Int32Array(0);
          moreButton.hidden = true;
          facetCounts(m);
          if (order === null) { list.textContent = ""; start.hidden = false; status.textContent = ""; return; }
          // Announced once the first results are in the page (tests wait for it too).
          return showMore(m, focusFirst, true).then(function () {
            if (ticket !== current.run) return;
            start.hidden = true;
            status.textContent = order.length ? WORDS.found(order.length) : WORDS.none;
          });
        });
      });
    }).catch(function () {
      if (ticket === current.run) status.textContent = WORDS.failed;
    }).then(done);
  }

  // Once the page is idle, a made-up query is answered over made-up lists, off the page, fetching
  // nothing: the functions a query runs are compiled then, not while the visitor waits for their
  // first results (with the CPU slowed 4x, a page's first query took 30-50 ms more than its next).
  function warmUp(one) {
    var tokens = tokensOf(foldWith(one, "機車 locomotives")), list = decode("BAgM");  // records 1, 3, 6
    tokens.forEach(function (t) { if (isCjk(t)) pairs(t); else candidates(t); });
    var scores = both(allOf([list, scaled(list, 2, 0)]), anyOf([list, scaled(list, 2, -1)]), sum);
    var found = { scores: scores, tokens: tokens, fold: one };
    ranked(scores);
    item(shownAs(["", "蒸汽機車 locomotive", "", "", "", "", "", "机车 locomotives"]), found);
  }
  folding.then(function (one) {
    (window.requestIdleCallback || window.setTimeout)(function () { warmUp(one); });
  }, function () {});

  // --- wiring -----------------------------------------------------------------------------------
  meta.then(function (m) {
    m.syllableSet = new Set(m.syllables.split(" "));
    Object.keys(chosen).forEach(function (id) {  // other parameters of a shared link are not facets
      if (!m.facets.some(function (f) { return f.id === id; })) delete chosen[id];
    });
    m.facets.forEach(function (facet) {
      var details = el("details", "museum-facet");
      details.dataset.facet = facet.id;
      details.appendChild(el("summary", null, facet.label));
      details.appendChild(el("ul"));
      details.addEventListener("toggle", function () { if (details.open) facetCounts(m); });
      panel.appendChild(details);
    });
    toggle.hidden = false;
  }).catch(function () { status.textContent = WORDS.failed; });

  var wide = window.matchMedia("(min-width: 60em)").matches;
  toggle.setAttribute("aria-expanded", String(wide));
  panel.hidden = !wide;
  toggle.addEventListener("click", function () {
    var open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(open));
    panel.hidden = !open;
  });

  var timer = 0;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(false); }, 150);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    run(false);
  });
  moreButton.addEventListener("click", function () { meta.then(function (m) { showMore(m, true); }); });

  var params = new URLSearchParams(window.location.search);
  input.value = params.get("q") || "";
  params.forEach(function (value, name) {
    if (name !== "q") (chosen[name] = chosen[name] || new Set()).add(value);
  });
  if (input.value || Object.keys(chosen).length) {
    meta.then(function (m) {
      Object.keys(chosen).forEach(function (id) {
        var box = panel.querySelector('[data-facet="' + id + '"]');
        if (box) box.open = true;
      });
      run(false);
    });
  }
  input.focus();
})();
