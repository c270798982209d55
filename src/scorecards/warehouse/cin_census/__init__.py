"""The children in need census (DfE XML schema): tables, the XML reader and the loader."""
