"""The kiosk PC's cached image (built by appliance/build-image.sh on first use, then rebuilt
only when packaging or sources change) boots under QEMU to the home screen: cage draws it, the
kiosk unit got the app's READY=1 (which a logind session scope used to swallow). The rest of
the scenario is `make appliance-test` (docs/appliance-test.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from appliance.image_cache import default_cache_dir
from appliance.report import Step
from appliance.run import HOME_REFERENCE, Rig, ensure_image, wait_for_screen

#: Far beyond the ~2 minutes it takes here (TCG): a slow boot is a bench matter, a hang a bug.
BOOT_TIMEOUT_S = 900


@pytest.mark.integration
@pytest.mark.timeout(3600)  # the first run on a machine builds the Debian base (~20 min)
def test_the_kiosk_image_boots_to_the_home_screen_under_a_real_systemd(tmp_path: Path) -> None:
    cache = default_cache_dir()
    cache.mkdir(parents=True, exist_ok=True)
    image_dir = ensure_image(cache, Step("image"))
    rig = Rig(image_dir, tmp_path)
    try:
        rig.power_on()
        assert rig.qmp is not None
        wait_for_screen(rig.qmp, tmp_path, HOME_REFERENCE, BOOT_TIMEOUT_S)
        agent = rig.connect_agent(300)
        # READY=1 comes once the kiosk has opened its devices: "active" once systemd has it.
        agent.run(
            "timeout 400 sh -c 'until systemctl -q is-active shomei-kiosk; do sleep 1; done'", 420
        )
        show = "; ".join(
            f"systemctl show -P {name} shomei-kiosk.service"
            for name in ("ActiveState", "SubState", "StatusText")
        )
        unit = agent.run(show).output.splitlines()
        assert unit == ["active", "running", "kiosk kiosk-vm ready"], unit
    finally:
        rig.close()
