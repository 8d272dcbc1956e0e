"""Pages of the suggestion workflow, for deputies, staff, handling units, supervisors and the
public: filing, review, assignment, handling, follow-up, the public pages.

Pages decide nothing: they show what a user may see, offer the actions the tables allow
(`available_actions`), call one service, and answer its refusal through `@refusals`.
"""
