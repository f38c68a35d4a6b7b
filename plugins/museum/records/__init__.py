"""Phase 1, records: values, models, safe YAML with positions, loading, problems, schemas, templates."""
