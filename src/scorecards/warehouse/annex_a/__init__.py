"""Ofsted's Annex A workbook, lists 1–11: the lists as data and the loader."""
