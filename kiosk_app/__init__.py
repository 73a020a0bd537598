"""The PySide6 kiosk application: screens, session flow, payment, printing, voice and languages."""
