"""State that must survive a restart or be shared by several bot processes, kept in Redis."""
