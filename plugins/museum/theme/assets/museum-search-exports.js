// vendor/porter2/porter2.js is CommonJS: it sets exports.stem. The search page loads this first,
// then porter2.js, then museum-search.js, which takes the stemmer from here.
window.exports = window.exports || {};
