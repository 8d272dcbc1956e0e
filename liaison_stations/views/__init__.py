"""Pages of the liaison stations, one module per part: the public pages, the desk, opinions,
receptions, a station's own page to keep, and the reports (liaison_stations/urls.py)."""
