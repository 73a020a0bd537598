"""Certificate rendering: reportlab PDFs in the official layouts with an embedded Japanese font."""
