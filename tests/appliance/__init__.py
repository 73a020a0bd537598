"""Tests of the appliance test rig's pieces that need no virtual machine image."""
