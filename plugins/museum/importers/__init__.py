"""Spreadsheets to records: the national heritage list and museums' inventories."""
