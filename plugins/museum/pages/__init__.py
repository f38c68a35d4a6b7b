"""Phase 3, pages as data: page specs, record pages, listings, the map, URLs, JSON-LD."""
