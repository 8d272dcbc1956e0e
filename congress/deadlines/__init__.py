"""Statutory time: the period engine, the rules table, the official calendar, the deadline
sweep with its reminders, and the overdue board (WORKFLOWS.md §1).

periods.py computes a deadline from a start and a period (Civil Code arts. 200–204);
statutory.py is the table of rules with their articles; calendar.py holds the official
calendar in memory; reminders.py is the sweep; overdue.py the board per unit and rule.
"""
