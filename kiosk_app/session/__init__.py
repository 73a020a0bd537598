"""Qt-free session flows (issuance, usage registration, status check) and their personal data."""
