"""Only what differs from Django's formats for this language: the comma before the time
that the pages always wrote ("2. november 2026, 00:40")."""

DATETIME_FORMAT = "j. F Y, H:i"
