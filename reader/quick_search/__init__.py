"""Searches a command answers without parsing the catalogue: from the saved word index
(read as its terms are looked up) and the catalogue's derived index."""
