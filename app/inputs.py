"""Which register and incident figures a browser session uses."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Inputs:
    """Which register and incident figures this session uses ("bundled" or a file's hash).

    Uploads are parsed in memory and kept in the browser session's own state: no other
    session can reach them, nothing is written to disk, and they go when the session ends
    or another file replaces them. Defined here, not in the page script, so that the class
    (and ``isinstance``) stays the same across reruns.
    """

    centres: str = "bundled"
    incidents: str = "bundled"
    #: The uploaded register's file name, as the user gave it (for "what figures stand on").
    centres_file: str | None = None

    @property
    def bundled(self) -> bool:
        """Both the register and the incident figures are the bundled ones."""
        return self.centres == "bundled" and self.incidents == "bundled"


BUNDLED = Inputs()
