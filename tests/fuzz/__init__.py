"""Fuzz targets, one per parser: briefly and derandomized in `make test`, deeply in `make fuzz`."""
