"""Transport-free types shared by every part: a turn and its replies, the session, the decision policy."""
