"""The deputies' services: one per user intent, each on its table (deputies/workflow)."""
