"""How many PostgreSQL connections a process holds unless configured, without the driver.

The settings of the server and the center read it as their default; a process that never uses
PostgreSQL (a kiosk with its embedded demo server) then never imports psycopg or its pool.
"""

#: Connections per process unless configured (``database_connections``).
DEFAULT_SIZE = 8
