"""Reads of the deputies' app: what each user may see, attendance and the D§46(3) flag,
trainings missing (D§41), and the performance archive (D§43)."""
