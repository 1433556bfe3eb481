"""The deadline calculator: reading the date a person gives, computing the last day, showing dates.

- ``dates.read_date``: a date as people write it (Arabic, Arabizi, English, Danish) -> one date,
  a few candidates to offer as buttons, or "ask again". It never guesses.
- ``calculator.compute``: a deadline rule + the letter date + how it came -> the day the period counts
  from (the decision date, or the day of receipt, as the rule's source says) and the last safe day. It
  moves past weekends and Danish public holidays only when an official source says so; when only an
  unofficial one does, the later day is kept for a note.
- ``display.format_day``: a date in the person's locale, with the weekday.
"""
