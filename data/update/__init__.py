"""Refresh the trade tables from IMF IMTS (`make update-data`): fetch, derive, report, write."""
