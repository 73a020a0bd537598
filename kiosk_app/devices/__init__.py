"""The bridge between the Qt-free drivers and the GUI: queued signals and worker threads."""
