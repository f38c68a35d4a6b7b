// Material 9.8.1's partials/javascripts/content.html, served as a file instead of an inline script: the site's
// Content-Security-Policy runs no inline script (plugins/museum/csp.py). tests/test_csp.py checks it is Material's.
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
