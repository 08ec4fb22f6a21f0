"""The practice room: recording assignments, takes, feedback pinned to moments in a
take, and the practice log. Models live in the `courses` app label (like learning/)."""
