"""ccTalk coin acceptor and change hoppers: the driver, a device emulator and the self-test."""
