"""The SSDA903 return (children looked after): tables, the XML export and the loader."""
