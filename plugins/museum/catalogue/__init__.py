"""Phase 2, the catalogue: indexes, vocabularies, references (one resolver), reverse references, images."""
