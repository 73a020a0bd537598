"""The kiosk's devices: opened all or nothing, the session's services by job, the bridge to Qt."""
