"""My Number Card (JPKI) over PC/SC: the driver, a virtual card and the reader self-test."""
