"""Hosts of the core. Only adapters/ imports a site generator."""
