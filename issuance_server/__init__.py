"""The municipality side: registry data, JPKI authentication, certificate rendering and the API."""
