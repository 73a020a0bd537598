"""What kiosk, issuance server and relay center share: types, settings and the wire contract."""
