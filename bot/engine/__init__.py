"""The conversation engine: transport-free. A ``Turn`` comes in, ``Reply`` objects go out."""
