"""The terminal chat: the same engine, in a terminal or driven line by line through a pipe."""
