"""Quarterly statistics: periods, the aggregation engine, its results, and their presentation.

The engine and everything it returns are plain Python and pandas (no Flask), so the manager page,
the API, the CLI and a published release share one computation."""
