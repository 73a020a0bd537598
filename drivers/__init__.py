"""Hardware drivers, free of Qt: each has a real backend, a simulator and a self-test."""
