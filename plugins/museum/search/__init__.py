"""The search index: Chinese bigram tokens for page specs, and Pagefind over the built site."""
