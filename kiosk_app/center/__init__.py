"""The kiosk's side of its link to the issuance server: choosing the link, and the HTTPS client."""
