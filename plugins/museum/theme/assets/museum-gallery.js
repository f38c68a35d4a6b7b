// The picture viewer of record pages: a lightbox on a native <dialog>, and deep zoom (IIIF tiles
// shown by OpenSeadragon, loaded only when asked for). Without script, each picture is a link to
// its largest file. Keyboard: Enter opens, ← → move, Esc closes, focus returns to the picture.
(function () {
  "use strict";
  var gallery = document.querySelector(".museum-gallery");
  if (!gallery || typeof HTMLDialogElement === "undefined") return;
  var links = Array.prototype.slice.call(gallery.querySelectorAll("a.museum-zoom"));
  if (!links.length) return;
  var osdBase = gallery.getAttribute("data-osd");
  var current = 0, opener = null, viewer = null, osdLoading = null;
  // The words the viewer says, in the page's language (render/html.py GALLERY_WORDS).
  var words = JSON.parse(gallery.getAttribute("data-words") || "{}");
  function say(key, values) {
    return (words[key] || key).replace(/%\((\w+)\)s/g, function (_, name) { return values[name]; });
  }
  function attr(text) { return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;"); }

  var dialog = document.createElement("dialog");
  dialog.className = "museum-lightbox";
  dialog.setAttribute("aria-label", say("viewer"));
  dialog.innerHTML =
    '<figure class="museum-lightbox__figure"><img alt=""><figcaption></figcaption></figure>' +
    '<div class="museum-lightbox__deep" hidden tabindex="0" role="application" ' +
    'aria-label="' + attr(say("deep")) + '"></div>' +
    '<div class="museum-lightbox__bar">' +
    '<button type="button" data-act="prev">' + attr(say("prev")) + '</button>' +
    '<span class="museum-lightbox__count" aria-live="polite"></span>' +
    '<button type="button" data-act="next">' + attr(say("next")) + '</button>' +
    '<button type="button" data-act="zoom">' + attr(say("zoom")) + '</button>' +
    '<button type="button" data-act="close">' + attr(say("close")) + '</button></div>';
  document.body.appendChild(dialog);
  var img = dialog.querySelector("img");
  var caption = dialog.querySelector("figcaption");
  var count = dialog.querySelector(".museum-lightbox__count");
  var deep = dialog.querySelector(".museum-lightbox__deep");
  var zoomButton = dialog.querySelector('[data-act="zoom"]');
  var figure = dialog.querySelector(".museum-lightbox__figure");

  function show(index) {
    current = (index + links.length) % links.length;
    var link = links[current];
    var thumb = link.querySelector("img");
    closeDeep();
    img.src = link.href;
    img.alt = thumb ? thumb.alt : "";
    img.width = +link.getAttribute("data-width");
    img.height = +link.getAttribute("data-height");
    var cap = link.parentNode.querySelector("figcaption");
    caption.textContent = cap ? cap.textContent : "";
    count.textContent = say("count", { n: current + 1, total: links.length });
    zoomButton.hidden = !link.getAttribute("data-zoom");
    dialog.querySelector('[data-act="prev"]').hidden = links.length < 2;
    dialog.querySelector('[data-act="next"]').hidden = links.length < 2;
  }

  function loadViewer() {
    if (window.OpenSeadragon) return Promise.resolve();
    if (!osdLoading) {
      osdLoading = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = osdBase + "openseadragon.min.js";
        s.onload = resolve;
        s.onerror = reject;
        document.head.appendChild(s);
      });
    }
    return osdLoading;
  }

  function openDeep() {
    var infoUrl = new URL(links[current].getAttribute("data-zoom"), window.location.href);
    Promise.all([loadViewer(), fetch(infoUrl).then(function (r) { return r.json(); })]).then(function (results) {
      var info = results[1];
      // info.json names the service by its canonical address; tiles come from this copy of the site.
      info.id = infoUrl.href.replace(/\/info\.json$/, "");
      figure.hidden = true;
      deep.hidden = false;
      zoomButton.textContent = say("unzoom");
      viewer = window.OpenSeadragon({
        element: deep, tileSources: info, prefixUrl: osdBase + "images/",
        showNavigator: true, navigatorPosition: "BOTTOM_RIGHT", crossOriginPolicy: false
      });
      deep.focus();
    });
  }

  function closeDeep() {
    if (viewer) { viewer.destroy(); viewer = null; }
    deep.hidden = true;
    figure.hidden = false;
    zoomButton.textContent = say("zoom");
  }

  links.forEach(function (link, index) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      opener = link;
      show(index);
      dialog.showModal();
      dialog.querySelector('[data-act="close"]').focus();
    });
  });

  dialog.addEventListener("click", function (event) {
    var act = event.target.getAttribute && event.target.getAttribute("data-act");
    if (act === "prev") show(current - 1);
    else if (act === "next") show(current + 1);
    else if (act === "close") dialog.close();
    else if (act === "zoom") { if (viewer) closeDeep(); else openDeep(); }
    else if (event.target === dialog) dialog.close(); // a click on the backdrop
  });
  dialog.addEventListener("keydown", function (event) {
    if (viewer && deep.contains(event.target)) return; // the zoom viewer uses the arrows itself
    if (event.key === "ArrowLeft") show(current - 1);
    if (event.key === "ArrowRight") show(current + 1);
  });
  dialog.addEventListener("close", function () {
    closeDeep();
    if (opener) opener.focus();
  });
})();
