"""Proof of the product's promises on the whole kiosk: fault matrix, soak, load, fuzzing."""
