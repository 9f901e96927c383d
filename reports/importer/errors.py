"""The one error the importer raises: a clear message for the user, and nothing saved."""

# Said when another import of the same report got there first: it held the lock, or it
# committed a record this import was about to insert.
CONCURRENT_IMPORT = (
    "This report is being imported by another process or was imported meanwhile, so "
    "nothing was saved; check that import before running this one again."
)


class ImportRefused(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
