"""Pictures: what check reads of an original, the planned derivatives, producing them, IIIF tiles."""
