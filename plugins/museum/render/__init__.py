"""Phase 4, HTML: page specs rendered with the museum's Jinja templates."""
