"""Loaders: parsed documents of one cluster directory → typed records.

Each loader reads defensively: it takes the values that have the expected
type and ignores the rest, because the schema layer already reports them as
RC002 problems. A bad file therefore never raises and never hides the
records of another file.
"""
