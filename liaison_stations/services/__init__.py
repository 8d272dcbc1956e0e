"""Writes of the liaison stations, one module per kind of record: stations (their deputies,
officers and page), receptions, opinions (registration and handling) and the suggestion a
deputy makes of an opinion.

Each transition locks its row, asks the table in liaison_stations/workflow.py, changes and
saves only what it changed, writes the history event and tells the people concerned through
liaison_stations/notices.py, all in one transaction.
"""
