"""Helpers shared by test packages (instead of importing one package's conftest from another)."""
