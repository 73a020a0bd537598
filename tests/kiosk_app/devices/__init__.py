"""Tests of the kiosk's device services."""
