"""The virtual kiosk PC rig of `make appliance-test`: image, QEMU, host-side devices, report."""
