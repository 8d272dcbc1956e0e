"""The suggestions API (WORKFLOWS.md §7): suggestions, assignments, commitments, and the
published replies. Actions decide nothing: each calls one service; details carry `actions`."""
