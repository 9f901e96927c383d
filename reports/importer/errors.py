"""The one error the importer raises: a clear message for the user, and nothing saved."""


class ImportRefused(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
