"""The demo's simulator panel: a window that plays the person and the simulated hardware."""
