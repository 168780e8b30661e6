"""Checklist and indicator definitions: data files in this folder and the code that reads them."""
