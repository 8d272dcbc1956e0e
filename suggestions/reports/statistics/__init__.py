"""Statistics of suggestions (S§11(2), S§45): figures, each with the list behind it."""
