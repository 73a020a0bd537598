"""The relay center (J-LIS 証明交付センター): store kiosks ↔ municipalities, routing, settlement."""
