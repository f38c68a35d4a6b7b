// The museum's maps: the national map (map/) with clustered, filterable markers, and the small map
// of a route's stops. Leaflet draws them over the bundled province outlines; no tile server, no
// request to any other host. The points were placed by the build (pages/geo.py): nothing is computed here
// but what is shown. Without JavaScript the pages' own lists carry everything.
(function () {
  "use strict";
  if (typeof L === "undefined") return;

  var CHINA = [[15.5, 73], [54, 135.5]];  // with room for the 南海诸岛 inset

  function escapeHtml(text) {
    return String(text == null ? "" : text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  // The words the maps say, in the page's language (pages/maps.py WORDS).
  function wordsOf(el) {
    var words = JSON.parse(el.dataset.words || "{}");
    return function (key, values) {
      return (words[key] || key).replace(/%\((\w+)\)s/g, function (_, name) { return values[name]; });
    };
  }

  function baseMap(el, options) {
    var say = wordsOf(el);
    var map = L.map(el, Object.assign({
      zoomSnap: 0.25, minZoom: 2.5, maxZoom: 13, worldCopyJump: false, attributionControl: true,
      maxBounds: [[-5, 55], [70, 160]], maxBoundsViscosity: 0.8
    }, options || {}));
    map.attributionControl.setPrefix("Leaflet");
    var outlines = el.dataset.outlines;
    // Settles when the outlines are drawn (or could not be): pages say they are ready only then.
    map.outlinesDrawn = !outlines ? Promise.resolve() :
      fetch(outlines).then(function (r) { return r.ok ? r.json() : null; }).then(function (data) {
        if (!data) return;
        L.geoJSON(data, {
          interactive: false,
          style: { color: "#9c8b78", weight: 0.8, fillColor: "#fffdf8", fillOpacity: 1 },
          attribution: say("outlines", {})
        }).addTo(map).bringToBack();
      }).catch(function () { /* the markers still work without outlines */ });
    return map;
  }

  function pinIcon(kind, approximate) {
    return L.divIcon({
      className: "museum-pin museum-pin--" + kind + (approximate ? " museum-pin--approx" : ""),
      html: "", iconSize: [16, 16], popupAnchor: [0, -8]
    });
  }

  // Leaflet gives a keyboard-focusable marker role=button and its title; make the name explicit.
  function nameMarker(marker, name) {
    marker.on("add", function () {
      var el = marker.getElement();
      if (el) el.setAttribute("aria-label", name);
    });
  }

  // --- the national map -------------------------------------------------------------------------
  function nationalMap(el) {
    var form = document.getElementById("museum-map-filters");
    var status = document.getElementById("museum-map-status");
    var base = new URL(el.dataset.base, window.location.href);
    var map = baseMap(el);
    map.fitBounds(CHINA, { padding: [8, 8] });

    var clusters = L.markerClusterGroup({
      showCoverageOnHover: false, maxClusterRadius: 45, chunkedLoading: true, spiderfyOnMaxZoom: true,
      iconCreateFunction: function (cluster) {
        var n = cluster.getChildCount();
        var size = n < 10 ? 30 : n < 100 ? 36 : 44;
        return L.divIcon({
          className: "museum-cluster", html: "<span>" + n + "</span>", iconSize: [size, size]
        });
      }
    });
    // A cluster is a marker too (focusable); markercluster itself zooms in (or spreads the markers out)
    // on Enter, as on a click.
    clusters.on("animationend", labelClusters);
    map.on("zoomend moveend", labelClusters);
    map.on("zoomend", function () { el.dataset.zoom = String(map.getZoom()); });
    el.dataset.zoom = String(map.getZoom());
    map.addLayer(clusters);
    var say = wordsOf(el);

    function labelClusters() {
      el.querySelectorAll(".museum-cluster").forEach(function (icon) {
        var n = icon.textContent.trim();
        icon.setAttribute("aria-label", say("zoom", { n: n }));
        icon.title = say("places", { n: n });
      });
    }

    var all = [];
    var labels = {};

    function popup(p) {
      var kind = labels.kinds[p.kind] || p.kind;
      var detail = [];
      if (p.level) detail.push(labels.levels[p.level] || p.level);
      (p.industries || []).forEach(function (i) { detail.push(labels.industries[i] || i); });
      var place = (labels.provinces[p.province] || "") + (p.city && p.city !== labels.provinces[p.province] ? " " + p.city : "") +
        (p.district && (p.city || "").indexOf(p.district) < 0 ? " " + p.district : "");
      var html = '<p class="museum-popup__kind">' + escapeHtml(kind) + (detail.length ? " · " + escapeHtml(detail.join("、")) : "") + "</p>" +
        '<p class="museum-popup__name"><a href="' + escapeHtml(new URL(p.url, base).href) + '"' +
        (p.name_lang ? ' lang="' + escapeHtml(p.name_lang) + '"' : "") + ">" + escapeHtml(p.name) + "</a></p>" +
        '<p class="museum-popup__place">' + escapeHtml(place) + "</p>";
      if (p.approximate) {
        html += '<p class="museum-popup__approx">' + escapeHtml(labels.approximate[p.source] || say("approximate", {})) + "</p>";
      }
      html += '<p class="museum-popup__source">' + escapeHtml(say("source", {})) + escapeHtml(sources[p.source] || p.source) +
        (p.note ? escapeHtml(say("aside", { text: p.note })) : "") + "</p>";
      return html;
    }

    var sources = {};

    function matches(p, filter) {
      if (filter.kinds.indexOf(p.kind) < 0) return false;
      if (filter.industry && (p.industries || []).indexOf(filter.industry) < 0) return false;
      if (filter.level && p.level !== filter.level) return false;
      return true;
    }

    function currentFilter() {
      if (!form) return { kinds: ["museum", "heritage"], industry: "", level: "" };
      var kinds = [];
      form.querySelectorAll('input[name="kind"]').forEach(function (box) { if (box.checked) kinds.push(box.value); });
      return { kinds: kinds, industry: form.elements.industry.value, level: form.elements.level.value };
    }

    function apply() {
      var filter = currentFilter();
      var shown = all.filter(function (item) { return matches(item.point, filter); });
      clusters.clearLayers();
      clusters.addLayers(shown.map(function (item) { return item.marker; }));
      el.dataset.shown = String(shown.length);
      if (status) status.textContent = say("shown", { shown: shown.length, all: all.length });
      labelClusters();
    }

    fetch(el.dataset.points).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    }).then(function (data) {
      labels = data.labels;
      sources = data.sources;
      all = data.points.map(function (p) {
        var name = p.name + (p.approximate ? say("aside", { text: labels.approximate[p.source] || say("approximate", {}) }) : "");
        var marker = L.marker([p.lat, p.lon], {
          icon: pinIcon(p.kind, p.approximate), title: name, keyboard: true, riseOnHover: true
        });
        marker.bindPopup(function () { return popup(p); }, { maxWidth: 280 });
        nameMarker(marker, say("named", { what: labels.kinds[p.kind] || "", name: name }));
        return { point: p, marker: marker };
      });
      if (form) {
        form.hidden = false;
        form.addEventListener("change", apply);
        form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
        form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
      }
      apply();
      return map.outlinesDrawn.then(function () { el.dataset.ready = "true"; });
    }).catch(function () {
      if (status) status.textContent = say("failed", {});
      el.dataset.ready = "error";
    });
  }

  // --- a route's stops, in order -----------------------------------------------------------------
  function routeMap(el) {
    var data = JSON.parse(el.dataset.stops || "{}");
    if (!data.line || !data.line.length) return;
    var base = new URL(el.dataset.base, window.location.href);
    var map = baseMap(el, { scrollWheelZoom: false });
    var say = wordsOf(el);
    L.polyline(data.line, { color: "#7a2418", weight: 3, opacity: 0.85, dashArray: "6 6", interactive: false }).addTo(map);
    data.places.forEach(function (place) {
      var numbers = place.stops.map(function (s) { return s.n; }).join("、");
      var names = place.stops.map(function (s) { return s.name; }).join("；");
      var name = say("named", { what: say("stop", { n: numbers }), name: names }) +
        (place.approximate ? say("aside", { text: place.approximate }) : "");
      var width = Math.max(26, 10 + 8 * place.label.length);
      var icon = L.divIcon({
        className: "museum-pin museum-pin--" + place.kind + (place.approximate ? " museum-pin--approx" : ""),
        html: "<span>" + escapeHtml(place.label) + "</span>", iconSize: [width, 26], popupAnchor: [0, -10]
      });
      var marker = L.marker([place.lat, place.lon], { icon: icon, title: name, keyboard: true });
      marker.bindPopup(place.stops.map(function (s) {
        return '<p class="museum-popup__kind">' + escapeHtml(say("stop", { n: s.n })) + "</p>" +
          '<p class="museum-popup__name"><a href="' + escapeHtml(new URL(s.url, base).href) + '">' + escapeHtml(s.name) + "</a></p>";
      }).join("") + (place.approximate ? '<p class="museum-popup__approx">' + escapeHtml(place.approximate) + "</p>" : ""));
      nameMarker(marker, name);
      marker.addTo(map);
    });
    map.fitBounds(L.latLngBounds(data.line).pad(0.3), { maxZoom: 9 });
    map.outlinesDrawn.then(function () { el.dataset.ready = "true"; });
  }

  var national = document.getElementById("museum-map");
  if (national) nationalMap(national);
  document.querySelectorAll(".museum-routemap").forEach(routeMap);
})();
