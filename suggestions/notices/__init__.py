"""Who is told what, when a suggestion moves: one module per section of the workflow, called
by its services inside their transaction.

Each notice loads what it needs and hands the message to congress's notify(), which writes
the inbox and the outbox in the same transaction and delivers after the commit, with
retries: a step that rolls back tells nobody, and a delivery that fails later never undoes
the step.
"""
