"""The kiosk's screens: thin views of the session flow's state."""
