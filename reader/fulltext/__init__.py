"""A paper's full text: arXiv's HTML (LaTeXML) or the PDF's text, read into one
document model, rendered as Markdown, plain text or lines for the reading screen,
and cached so that a paper read once reads offline. No Textual here."""
