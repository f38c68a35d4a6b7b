"""The MkDocs adapter: the plugin that hands the core's pages to MkDocs and Material, and build/serve."""
