"""The deadline calculator: reading the date a person gives, computing the last day, showing dates.

- ``dates.read_date``: a date as people write it (Arabic, Arabizi, English, Danish) -> one date,
  a few candidates to offer as buttons, or "ask again". It never guesses.
- ``calculator.compute``: a deadline rule + the letter date -> the day the letter counts as
  received and the last day, moved past weekends and Danish public holidays when the rule says so.
- ``display.format_day``: a date in the person's locale, with the weekday.
"""
