"""Handing a conversation to human advisers: cases, working hours, and the desk that reaches the advisers."""
