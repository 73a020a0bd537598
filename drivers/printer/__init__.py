"""A4 certificates over IPP/CUPS and receipts over ESC/POS: drivers, emulators, self-test."""
