"""Notifications: the in-app inbox, and email and SMS delivered through a database outbox.

Other apps call `services.notify(...)` inside their own transaction. The inbox row and one
outbox row per external channel are written with the caller's change, and delivery is only
enqueued once that transaction commits. The outbox in the database is the source of truth:
the broker only carries wake-ups, and `drain_outbox()` re-sends any that were lost.
"""
