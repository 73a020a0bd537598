"""Tests of the kiosk appliance's deployment (packaging/)."""
