"""Writes of the motion workflow (WORKFLOWS.md §3), one module per stage: filing, intake,
review, presidium, recess; `common` holds what each write does the same way.

Each service is one user intent: lock the row, `MOTION.require` the action from the table
(motions/workflow.py), change, save, record the event, tell the people concerned (notices,
inside the transaction). Every refusal is a DomainError whose code is a public contract.
"""
