"""Services of the reports app: every write that changes a report run."""
