"""``python -m kiosk_app`` runs the kiosk."""

import sys

from kiosk_app.cli import main

sys.exit(main())
