"""Function words of English and Danish: the words that carry a sentence in those languages and are rarely Arabizi.
Used to tell Arabizi from English or Danish (``bot.text.arabizi``, which the Rasa server imports: standard library
only) and to tell the language a message is written in (``bot.text.written``)."""

_ENGLISH = (
    "the a an is are was were be been i my me you your he his her it its we our they their this that these those "
    "of in on at to for from with and or but not no if what how when where why who which can could will would "
    "should do does did have has had there here about after before"
)
_DANISH = "og er jeg det en et til med har hvad hvordan skal kan ikke af den som"
ENGLISH = frozenset(_ENGLISH.split())
DANISH = frozenset(_DANISH.split())
