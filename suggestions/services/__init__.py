"""Writes of the suggestion workflow, one service per intent (WORKFLOWS.md §2): filing,
review, assignment, handling and follow-up. `steps` is how each takes its step."""
