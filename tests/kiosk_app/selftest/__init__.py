"""Tests of the ``shomei-selftest`` command: each device subcommand end to end."""
