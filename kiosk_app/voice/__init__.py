"""Spoken prompts: prompt ids, the player interface, a Qt Multimedia player and a test recorder."""
