"""The volunteers' workbench: the review pack a lawyer reads and signs off (``pack.py``), and what people ask,
counted without anything personal (``stats.py``, ``questions.py``). Its commands are ``sanad content review-pack``
and ``sanad content stats`` (``commands.py``)."""
