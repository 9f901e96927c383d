"""What an edit form carries to tell whether the record changed since the form was opened.

Records with a version counter (evidence, statements) carry that. Others carry a digest of
exactly the fields the form edits, so a change elsewhere in the record (its status, say)
does not count as a conflict, while any change to what the user is editing does.
"""

import hashlib
import json


def fingerprint(*values: object) -> str:
    """A digest of the given values, in order; equal values give equal digests."""
    return hashlib.sha256(json.dumps(values, default=str).encode()).hexdigest()
