"""Maintenance mode for city staff: staff PIN, device status, coins, journal totals, test prints."""
