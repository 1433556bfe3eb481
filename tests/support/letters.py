"""Fictional Danish letters for the letter reader's tests: PDFs made here with fpdf2, and phone-like photos of them.

Every person, address, case number and story below is invented for testing; the wording is written for this
project in the style of letters from Udlændingestyrelsen, Flygtningenævnet, Udlændingenævnet and
Hjemrejsestyrelsen. It is not legal information.

``LETTERS`` holds each letter with what the reader should find: its kind, its decision date, the deadline rule
and the last day for Digital Post (e-Boks). ``letter_pdf(letter)`` makes the PDF (a text layer, as from e-Boks);
``scanned_pdf(letter)`` a PDF holding only a picture of the page; ``letter_photo(letter, ...)`` renders page 1
and distorts it like a phone photo (tilt, blur, uneven light, JPEG).
"""

from __future__ import annotations

import datetime as dt
import io
import random
from dataclasses import dataclass, field

from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFilter

D = dt.date


@dataclass(frozen=True)
class Letter:
    """One fictional letter. ``header``: the sender's lines at the top; ``address``: the person's lines (left);
    ``meta``: the lines beside them (right: date, case number); ``heading``: the bold title; ``body``: paragraphs
    (a paragraph starting with "## " is a bold sub-heading); ``footer``: the last line of the page."""

    name: str
    kind: str
    decision_date: dt.date | None
    rule: str | None
    deadline: dt.date | None
    header: tuple[str, ...]
    address: tuple[str, ...]
    meta: tuple[str, ...]
    heading: str
    body: tuple[str, ...]
    footer: str
    traps: tuple[str, ...] = field(default_factory=tuple)


LETTERS: tuple[Letter, ...] = (
    Letter(
        name="hearing_travel",
        kind="hearing_revocation",
        decision_date=None,
        rule=None,
        deadline=None,
        header=("Udlændingestyrelsen", "Asylafdelingen"),
        address=("Khaled Ibrahim Nasser", "Møllegade 14, st. tv.", "5000 Odense C"),
        meta=("Dato: 9. september 2026", "Sagsnr. 12-345678"),
        heading="Partshøring - vi overvejer at inddrage din opholdstilladelse",
        body=(
            "Du har opholdstilladelse i Danmark efter udlændingelovens § 7, stk. 3 (midlertidig beskyttelsesstatus). "
            "Vi har fået oplyst, at du har været i Syrien fra den 2. juli til den 4. august 2026.",
            "Vi overvejer derfor at inddrage din opholdstilladelse. Inden vi træffer afgørelse, vil vi gerne høre "
            "dine bemærkninger. Det kaldes partshøring.",
            "## Hvad skal du gøre?",
            "Du kan sende dine bemærkninger til os senest den 23. september 2026. Skriv sagsnummeret i dit svar. "
            "Hører vi ikke fra dig, træffer vi afgørelse på det grundlag, vi har.",
            "Du kan få gratis rådgivning hos Dansk Flygtningehjælp.",
            "Med venlig hilsen",
            "Mette Kjær Andersen, fuldmægtig",
        ),
        footer="Udlændingestyrelsen · Farimagsvej 51A · 4700 Næstved · nyidanmark.dk",
        traps=("a reply-by date that is not a decision date",),
    ),
    Letter(
        name="hearing_non_extension",
        kind="hearing_revocation",
        decision_date=None,
        rule=None,
        deadline=None,
        header=("UDLÆNDINGESTYRELSEN",),
        address=("Nour Al-Hassan", "Bøgevej 3", "7400 Herning"),
        meta=("Brevdato: 02.11.2026", "Sagsnr.: 23-118844"),
        heading="Høring før afgørelse om forlængelse af din opholdstilladelse",
        body=(
            "Den 14. august 2026 søgte du om at få forlænget din opholdstilladelse. Vi overvejer at nægte at "
            "forlænge din tilladelse, fordi forholdene i Damaskus efter vores vurdering har ændret sig.",
            "Inden vi træffer en afgørelse, har du mulighed for at udtale dig om sagen og om din tilknytning "
            "til Danmark, fx arbejde, uddannelse og familie.",
            "## Frist",
            "Send dit svar inden den 16. november 2026.",
            "Venlig hilsen",
            "Udlændingestyrelsen",
        ),
        footer="Udlændingestyrelsen · nyidanmark.dk",
    ),
    Letter(
        name="revocation_travel",
        kind="revocation_decision",
        decision_date=D(2026, 10, 6),
        rule="own_permit_ended",
        deadline=None,
        header=("UDLÆNDINGESTYRELSEN · CENTER FOR ASYL",),
        address=("Ahmad Youssef Darwish", "Skovbrynet 22, 2. th.", "8200 Aarhus N"),
        meta=("Brevdato:", "tirsdag 06.10.2026", "Sagsnr. 18-774120"),
        heading="AFGØRELSE: Din opholdstilladelse inddrages",
        body=(
            "Vi inddrager din opholdstilladelse som flygtning efter udlændingelovens § 19, stk. 1, nr. 1.",
            "Du var i Syrien fra den 12. maj 2026 til den 20. juni 2026. Vi sendte dig et brev af 3. august 2026 "
            "og bad om dine bemærkninger. Du svarede den 17. august 2026.",
            "## Hvad sker der nu?",
            "Afgørelsen indbringes automatisk for Flygtningenævnet, og du må blive i Danmark, mens nævnet "
            "behandler sagen. Nævnet beskikker en advokat for dig.",
            "Med venlig hilsen",
            "Jonas Bech Larsen",
        ),
        footer="Udlændingestyrelsen · nyidanmark.dk",
        traps=("travel dates", "an earlier letter's date"),
    ),
    Letter(
        name="non_extension_damascus",
        kind="non_extension_decision",
        decision_date=D(2026, 9, 28),
        rule="own_permit_ended",
        deadline=None,
        header=("Udlændingestyrelsen",),
        address=("Lina Haddad", "Vestergade 41", "6700 Esbjerg"),
        meta=("28. september 2026", "Sagsnr. 15-662019"),
        heading="Afgørelse: Din opholdstilladelse bliver ikke forlænget",
        body=(
            "Du søgte den 3. marts 2026 om forlængelse af din opholdstilladelse efter § 7, stk. 3.",
            "Vi har besluttet, at din opholdstilladelse ikke forlænges. Vi vurderer, at de generelle forhold i "
            "Damaskus-området ikke længere er så alvorlige, at der er grundlag for beskyttelse.",
            "## Klage",
            "Sagen sendes automatisk til Flygtningenævnet. Du må blive i Danmark, mens sagen behandles.",
            "Venlig hilsen",
            "Udlændingestyrelsen, Asylafdelingen",
        ),
        footer="Udlændingestyrelsen · Ryesgade 53 · 2100 København Ø",
        traps=("an application date",),
    ),
    Letter(
        name="interview_asylum",
        kind="interview_invitation",
        decision_date=None,
        rule=None,
        deadline=None,
        header=("Udlændingestyrelsen", "Asylafdelingen, Sandholm"),
        address=("Omar Khalil", "Center Sandholm, værelse 112", "3460 Birkerød"),
        meta=("Dato: 5. oktober 2026", "Sagsnr. 26-501233"),
        heading="Indkaldelse til samtale",
        body=(
            "Vi indkalder dig hermed til en samtale om din sag om opholdstilladelse.",
            "Tidspunkt: onsdag den 21. oktober 2026 kl. 09.30",
            "Mødested: Udlændingestyrelsen, Sandholmgårdsvej 40, 3460 Birkerød",
            "Der vil være en tolk til arabisk. Tag dit pas og andre dokumenter med.",
            "Kan du ikke komme, skal du kontakte os hurtigst muligt.",
            "Venlig hilsen",
            "Udlændingestyrelsen",
        ),
        footer="Udlændingestyrelsen · nyidanmark.dk",
        traps=("the interview date",),
    ),
    Letter(
        name="rab_meeting",
        kind="rab_final_decision",
        decision_date=D(2026, 9, 15),
        rule=None,
        deadline=None,
        header=("Flygtningenævnet", "Sekretariatet"),
        address=("Yara Mahmoud Saleh", "Rosenvænget 8", "9000 Aalborg"),
        meta=("Fredag den 18. september 2026", "Nævnets j.nr.: 26/2087"),
        heading="Flygtningenævnets afgørelse",
        body=(
            "Hermed følger den skriftlige begrundelse for den afgørelse, som nævnet traf på mødet tirsdag den "
            "15. september 2026.",
            "## Afgørelse",
            "Udlændingestyrelsens afgørelse af 2. april 2026 om inddragelse af din opholdstilladelse stadfæstes.",
            "## Udrejse",
            "Du skal forlade Danmark senest 30 dage efter nævnets afgørelse. Nævnets afgørelser er endelige og kan "
            "ikke indbringes for anden administrativ myndighed.",
            "Venlig hilsen",
            "Karen Holm, nævnssekretær",
        ),
        footer="Flygtningenævnet · fln.dk",
        traps=("letter date differs from decision date", "the earlier decision's date"),
    ),
    Letter(
        name="rab_upheld_non_extension",
        kind="rab_final_decision",
        decision_date=D(2026, 11, 3),
        rule=None,
        deadline=None,
        header=("FLYGTNINGENÆVNET",),
        address=("Tarek Al-Masri", "Kirkestien 2", "4000 Roskilde"),
        meta=("5. november 2026", "Nævnets j.nr. 26/3311"),
        heading="Nævnets beslutning",
        body=(
            "Flygtningenævnet har truffet afgørelse i din sag. Afgørelsen er truffet den 3. november 2026 på "
            "nævnsmødet, hvor du deltog med din advokat og en tolk.",
            "Udlændingestyrelsens afslag på forlængelse af 20. maj 2026 fastholdes.",
            "Din udrejsefrist er fastsat til 1 måned fra nævnets beslutning. Hjemrejsestyrelsen vil kontakte dig.",
            "Venlig hilsen",
            "Flygtningenævnet",
        ),
        footer="Flygtningenævnet · St. Kongensgade 1-3 · 1264 København K",
        traps=("letter date differs from decision date", "non-extension words in a Board decision"),
    ),
    Letter(
        name="return_summons",
        kind="return_agency_summons",
        decision_date=None,
        rule=None,
        deadline=None,
        header=("Hjemrejsestyrelsen",),
        address=("Mohammad Al-Ali", "Udrejsecenter Kærshovedgård", "7430 Ikast"),
        meta=("Dato: 12.10.2026", "Sagsnr. HJS-26-40917"),
        heading="Indkaldelse til udrejsesamtale",
        body=(
            "Hjemrejsestyrelsen indkalder dig til en samtale om din udrejse fra Danmark.",
            "Samtalen finder sted mandag den 26. oktober 2026 kl. 10.00 i Hjemrejsestyrelsen, Kærshovedgård.",
            "Du har pligt til at medvirke til din udrejse. Tag dit pas eller andre id-papirer med.",
            "Der vil være en tolk til stede.",
            "Venlig hilsen",
            "Hjemrejsestyrelsen",
        ),
        footer="Hjemrejsestyrelsen · hjemst.dk",
        traps=("the meeting date",),
    ),
    Letter(
        name="family_spouse",
        kind="family_reunification_refusal",
        decision_date=D(2026, 10, 14),
        rule="iab_appeal",
        deadline=D(2026, 12, 9),
        header=("Udlændingestyrelsen", "Familieafdelingen"),
        address=("Samer Haddad", "Lindealle 7", "2630 Taastrup"),
        meta=("Brev sendt: 14. oktober 2026", "Sag: FAM-26-118204"),
        heading="Afslag på familiesammenføring med din ægtefælle",
        body=(
            "Din ægtefælle, Rana Haddad (født 1994), søgte den 2. februar 2026 om opholdstilladelse for at bo "
            "sammen med dig i Danmark. Vi har givet afslag.",
            "Du har haft midlertidig beskyttelsesstatus siden den 1. december 2024, og ventetiden på to år er "
            "ikke gået.",
            "## Du kan klage",
            "Du kan klage til Udlændingenævnet. Klagefristen er 8 uger fra den dag, du modtog afgørelsen.",
            "Venlig hilsen",
            "Udlændingestyrelsen",
        ),
        footer="Udlændingestyrelsen · nyidanmark.dk",
        traps=("a birth year", "an application date"),
    ),
    Letter(
        name="family_child_numeric",
        kind="family_reunification_refusal",
        decision_date=D(2026, 12, 2),
        rule="iab_appeal",
        deadline=D(2027, 1, 27),
        header=("UDLÆNDINGESTYRELSEN",),
        address=("Huda Sabbagh", "Nørrebrogade 120, 4. tv.", "2200 København N"),
        meta=("02-12-2026", "Sagsnr. 26-771045"),
        heading="Nej til opholdstilladelse til din søn",
        body=(
            "Din søn, Karim Sabbagh, søgte den 15.06.2026 om familiesammenføring med dig. Svaret er nej.",
            "Vi har lagt vægt på, at din søn er over 15 år og bor hos sin morbror i Beirut.",
            "Han kan tidligst søge igen fra den 01.03.2027.",
            "## Klagevejledning",
            "Du kan klage til Udlændingenævnet inden otte uger efter, at du har modtaget denne afgørelse.",
            "Med venlig hilsen",
            "Familieafdelingen",
        ),
        footer="Udlændingestyrelsen · Familie",
        traps=("a re-application date that is not a deadline", "numeric dates"),
    ),
    Letter(
        name="dublin_germany",
        kind="dublin_decision",
        decision_date=D(2026, 11, 10),
        rule="dublin_appeal",
        deadline=D(2026, 11, 17),
        header=("Udlændingestyrelsen", "Dublinenheden"),
        address=("Bashar Hamdan", "Center Sjælsmark", "3480 Fredensborg"),
        meta=("10. november 2026", "Sagsnr. 26-908812"),
        heading="Afgørelse efter Dublinforordningen",
        body=(
            "Du søgte asyl i Danmark den 21. september 2026. Vi har fundet, at Tyskland er ansvarlig for at "
            "behandle din asylansøgning, fordi du først søgte asyl der.",
            "Du skal derfor overføres til Tyskland.",
            "## Klage",
            "Du kan klage til Flygtningenævnet inden for 7 dage.",
            "Venlig hilsen",
            "Udlændingestyrelsen",
        ),
        footer="Udlændingestyrelsen · nyidanmark.dk",
    ),
    Letter(
        name="reporting_duty",
        kind="reporting_duty_decision",
        decision_date=D(2026, 8, 19),
        rule=None,
        deadline=None,
        header=("Hjemrejsestyrelsen",),
        address=("Fadi Al-Khatib", "Udrejsecenter Avnstrup", "4000 Roskilde"),
        meta=("Dato: 19.08.2026", "Sagsnr. HJS-26-55102"),
        heading="Afgørelse om meldepligt og opholdspligt",
        body=(
            "Du har pligt til at tage ophold på Udrejsecenter Avnstrup fra den 1. september 2026.",
            "Du skal melde dig hos politiet på centret hver mandag, onsdag og fredag.",
            "Overholder du ikke meldepligten, kan du straffes.",
            "Venlig hilsen",
            "Hjemrejsestyrelsen",
        ),
        footer="Hjemrejsestyrelsen · hjemst.dk",
        traps=("a start date",),
    ),
    Letter(
        name="case_on_hold",
        kind="case_on_hold",
        decision_date=None,
        rule=None,
        deadline=None,
        header=("Udlændingestyrelsen",),
        address=("Rami Suleiman", "Havnegade 9", "4300 Holbæk"),
        meta=("23. januar 2026", "Sagsnr. 24-310078"),
        heading="Din sag er sat i bero",
        body=(
            "Du søgte den 10. oktober 2025 om forlængelse af din opholdstilladelse.",
            "På grund af den usikre situation i Syrien venter vi med at behandle sager om syriske statsborgere. "
            "Din sag er derfor midlertidigt stoppet.",
            "Du må fortsat opholde dig i Danmark med de samme rettigheder, mens sagen er sat i bero. Vi kontakter "
            "dig, når vi genoptager sagen.",
            "Venlig hilsen",
            "Udlændingestyrelsen",
        ),
        footer="Udlændingestyrelsen · nyidanmark.dk",
    ),
    Letter(
        name="hospital",
        kind="not_residence",
        decision_date=None,
        rule=None,
        deadline=None,
        header=("Regionshospitalet Viborg",),
        address=("Amal Rahman", "Sct. Mathias Gade 30", "8800 Viborg"),
        meta=("6. oktober 2026",),
        heading="Indkaldelse til undersøgelse i Medicinsk Ambulatorium",
        body=(
            "Du er henvist af lægen til en undersøgelse af dit hjerte.",
            "Tid: tirsdag 27. oktober 2026 kl. 13.15",
            "Sted: Medicinsk Ambulatorium, indgang C",
            "Har du brug for tolk, så ring til ambulatoriet. Meld afbud, hvis du ikke kan komme.",
            "Med venlig hilsen",
            "Medicinsk Ambulatorium",
        ),
        footer="Regionshospitalet Viborg · Heibergs Allé 4 · 8800 Viborg",
        traps=("an appointment that is not about residence",),
    ),
    Letter(
        name="tax",
        kind="not_residence",
        decision_date=None,
        rule=None,
        deadline=None,
        header=("Skattestyrelsen",),
        address=("Ali Hassan", "Engvej 12", "5700 Svendborg"),
        meta=("Dato: 16.03.2026",),
        heading="Din årsopgørelse for 2025 er klar",
        body=(
            "Din årsopgørelse for 2025 er nu klar i TastSelv. Du skal betale 1.240 kr. i restskat.",
            "Beløbet bliver automatisk trukket over din forskudsopgørelse for 2027, hvis du ikke betaler inden "
            "den 1. juli 2026.",
            "Med venlig hilsen",
            "Skattestyrelsen",
        ),
        footer="Skattestyrelsen · skat.dk",
    ),
    Letter(
        name="revocation_short",
        kind="revocation_decision",
        decision_date=D(2026, 12, 1),
        rule="own_permit_ended",
        deadline=None,
        header=("Udlændingestyrelsen",),
        address=("Mariam Othman", "Æblehaven 5", "6000 Kolding"),
        meta=("1. december 2026", "Sagsnr. 20-430991"),
        heading="Afgørelse om inddragelse af din opholdstilladelse",
        body=(
            "Vi har besluttet at inddrage din opholdstilladelse, som du fik den 9. februar 2021.",
            "Din sag går automatisk videre til Flygtningenævnet. Du kan blive i Danmark, mens nævnet behandler sagen.",
            "Venlig hilsen",
            "Udlændingestyrelsen",
        ),
        footer="Udlændingestyrelsen · nyidanmark.dk",
    ),
)


def by_name(name: str) -> Letter:
    return next(letter for letter in LETTERS if letter.name == name)


def letter_pdf(letter: Letter) -> bytes:
    """The letter as an A4 PDF with a text layer (Helvetica: Latin-1, enough for Danish)."""
    pdf = FPDF(format="A4")
    pdf.set_title(letter.heading)
    pdf.set_author(letter.header[0])
    pdf.set_margins(22, 18, 22)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 13)
    for line in letter.header:
        pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 10)
    pdf.ln(10)
    top = pdf.get_y()
    pdf.set_font("Helvetica", "", 10.5)
    for line in letter.address:
        pdf.cell(90, 5.5, line, new_x="LMARGIN", new_y="NEXT")
    bottom = pdf.get_y()
    pdf.set_y(top)
    for line in letter.meta:
        pdf.set_x(125)
        pdf.cell(63, 5.5, line, align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(max(bottom, pdf.get_y()) + 12)
    pdf.set_font("Helvetica", "B", 14)
    pdf.multi_cell(0, 7, letter.heading, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for paragraph in letter.body:
        if paragraph.startswith("## "):
            pdf.set_font("Helvetica", "B", 11)
            pdf.multi_cell(0, 6, paragraph[3:], new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.set_font("Helvetica", "", 10.5)
            pdf.multi_cell(0, 5.5, paragraph, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2.5)
    pdf.set_auto_page_break(False)  # the footer sits in the bottom margin
    pdf.set_y(-18)
    pdf.set_font("Helvetica", "", 8)
    pdf.cell(0, 5, letter.footer, align="C")
    return bytes(pdf.output())


def _page_image(letter: Letter, scale: float) -> Image.Image:
    import pypdfium2

    document = pypdfium2.PdfDocument(letter_pdf(letter))
    try:
        return document[0].render(scale=scale).to_pil().convert("RGB")
    finally:
        document.close()


def scanned_pdf(letter: Letter) -> bytes:
    """A PDF holding only a picture of the letter's first page (no text layer), like a scan."""
    image = _page_image(letter, 200 / 72)
    buffer = io.BytesIO()
    image.save(buffer, format="PDF", resolution=200)
    return buffer.getvalue()


def letter_photo(letter: Letter, tilt: float = 2.0, blur: float = 0.8, shadow: float = 0.45, seed: int = 1) -> bytes:
    """Page 1 as a phone photo (JPEG): turned by ``tilt`` degrees on a dark table, blurred by ``blur`` pixels,
    a shadow darkening one side by up to ``shadow`` (0-1), sensor noise and JPEG artefacts."""
    rng = random.Random(seed)
    page = _page_image(letter, 150 / 72)
    photo = page.rotate(tilt, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=(70, 60, 50))
    light = Image.new("L", photo.size)
    draw = ImageDraw.Draw(light)
    for x in range(photo.width):  # darker towards the right and a little towards the top
        draw.line([(x, 0), (x, photo.height)], fill=int(255 * (1 - shadow * x / photo.width)))
    photo = Image.composite(photo, Image.new("RGB", photo.size, (0, 0, 0)), light)
    photo = photo.filter(ImageFilter.GaussianBlur(blur))
    pixels = photo.load()
    assert pixels is not None
    for _ in range(photo.width * photo.height // 40):
        x, y = rng.randrange(photo.width), rng.randrange(photo.height)
        grain = rng.randint(-40, 40)
        r, g, b = pixels[x, y]  # type: ignore[misc]
        pixels[x, y] = (max(0, min(255, r + grain)), max(0, min(255, g + grain)), max(0, min(255, b + grain)))
    buffer = io.BytesIO()
    photo.save(buffer, format="JPEG", quality=70)
    return buffer.getvalue()


def blank_photo() -> bytes:
    """A photo of nothing readable (a grey, blurred surface), the same every time: random noise could now and then
    hold shapes that OCR reads as a few letters."""
    rng = random.Random(485)
    size = (900, 1200)
    grain = bytes(rng.randrange(98, 159) for _ in range(size[0] * size[1]))  # grey 128, give or take 30
    image = Image.frombytes("L", size, grain).filter(ImageFilter.GaussianBlur(6)).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return buffer.getvalue()


# A second set, written after the phrases in content/letters.yaml were chosen and worded differently on
# purpose, to measure how the reader does on letters it was not tuned on (``tests/letters/test_accuracy.py``).
HELD_OUT: tuple[Letter, ...] = (
    Letter(
        name="ho_hearing",
        kind="hearing_revocation",
        decision_date=None,
        rule=None,
        deadline=None,
        header=("Udlændingestyrelsen · Center for Asyl",),
        address=("Waleed Kanaan", "Strandvejen 101", "9300 Sæby"),
        meta=("Brevdato: 20.10.2026", "Sagsnr. 21-650432"),
        heading="Vi beder om dine bemærkninger før vi træffer afgørelse",
        body=(
            "Vi er ved at vurdere, om din opholdstilladelse skal inddrages, fordi du har fået pas fra de syriske "
            "myndigheder den 5. juni 2026.",
            "Før vi træffer en afgørelse, giver vi dig mulighed for at komme med dine bemærkninger (partshøring).",
            "Vi skal have dit svar senest den 3. november 2026.",
            "Venlig hilsen",
            "Center for Asyl",
        ),
        footer="Udlændingestyrelsen · nyidanmark.dk",
    ),
    Letter(
        name="ho_revocation",
        kind="revocation_decision",
        decision_date=D(2026, 11, 12),
        rule="own_permit_ended",
        deadline=None,
        header=("UDLÆNDINGESTYRELSEN",),
        address=("Dima Aswad", "Parkalle 3, 1. mf.", "8000 Aarhus C"),
        meta=("Dato: torsdag den 12. november 2026", "J.nr. 19-204887"),
        heading="Afgørelse om din opholdstilladelse",
        body=(
            "Vi har besluttet at inddrage din opholdstilladelse efter udlændingelovens § 19.",
            "Du har den 14. september 2026 oplyst, at du har været på ferie i Damaskus. Vi lægger vægt på, at du "
            "frivilligt har taget ophold i dit hjemland.",
            "Afgørelsen indbringes automatisk for Flygtningenævnet.",
            "Med venlig hilsen",
            "Udlændingestyrelsen",
        ),
        footer="Udlændingestyrelsen · nyidanmark.dk",
    ),
    Letter(
        name="ho_non_extension",
        kind="non_extension_decision",
        decision_date=D(2026, 7, 7),
        rule="own_permit_ended",
        deadline=None,
        header=("Udlændingestyrelsen", "Asylafdelingen"),
        address=("Kinan Bitar", "Toftevej 18", "5500 Middelfart"),
        meta=("7. juli 2026", "Sagsnr. 16-118203"),
        heading="Din opholdstilladelse forlænges ikke",
        body=(
            "Du har den 2. januar 2026 søgt om forlængelse af din opholdstilladelse som flygtning.",
            "Vi forlænger ikke din opholdstilladelse, fordi vi vurderer, at du ikke længere har behov for beskyttelse.",
            "Sagen bliver sendt videre til Flygtningenævnet.",
            "Venlig hilsen",
            "Udlændingestyrelsen",
        ),
        footer="Udlændingestyrelsen · nyidanmark.dk",
    ),
    Letter(
        name="ho_interview",
        kind="interview_invitation",
        decision_date=None,
        rule=None,
        deadline=None,
        header=("Udlændingestyrelsen",),
        address=("Hiba Rifai", "Nørregade 60", "6100 Haderslev"),
        meta=("Dato: 30.09.2026", "Sagsnr. 22-771190"),
        heading="Invitation til samtale om din opholdstilladelse",
        body=(
            "Vi vil gerne tale med dig om din sag om forlængelse. Samtalen holdes torsdag den 15. oktober 2026 "
            "kl. 13.00 hos Udlændingestyrelsen i Næstved.",
            "Vi sørger for en tolk. Medbring venligst dit opholdskort og dit pas.",
            "Venlig hilsen",
            "Udlændingestyrelsen",
        ),
        footer="Udlændingestyrelsen · nyidanmark.dk",
    ),
    Letter(
        name="ho_rab",
        kind="rab_final_decision",
        decision_date=D(2026, 10, 6),
        rule=None,
        deadline=None,
        header=("Flygtningenævnet",),
        address=("Issa Haddad", "Bakkevej 9", "4200 Slagelse"),
        meta=("9. oktober 2026", "J.nr. 26/4470"),
        heading="Afgørelse i din sag",
        body=(
            "Flygtningenævnet har behandlet din klage på et møde den 6. oktober 2026.",
            "Flygtningenævnet stadfæster Udlændingestyrelsens afgørelse af 12. marts 2026.",
            "Du skal udrejse af Danmark inden 30 dage fra nævnets afgørelse. Afgørelsen kan ikke påklages.",
            "Med venlig hilsen",
            "Flygtningenævnet",
        ),
        footer="Flygtningenævnet · fln.dk",
    ),
    Letter(
        name="ho_return",
        kind="return_agency_summons",
        decision_date=None,
        rule=None,
        deadline=None,
        header=("Hjemrejsestyrelsen",),
        address=("Ziad Hamoud", "Udrejsecenter Kærshovedgård", "7430 Ikast"),
        meta=("Dato: 02.11.2026",),
        heading="Du skal komme til en samtale",
        body=(
            "Du skal møde til en samtale hos Hjemrejsestyrelsen tirsdag den 10. november 2026 kl. 9.00.",
            "Vi vil tale med dig om, hvordan du kan rejse hjem. Du skal medvirke til din hjemrejse.",
            "Venlig hilsen",
            "Hjemrejsestyrelsen",
        ),
        footer="Hjemrejsestyrelsen · hjemst.dk",
    ),
    Letter(
        name="ho_family",
        kind="family_reunification_refusal",
        decision_date=D(2026, 9, 22),
        rule="iab_appeal",
        deadline=D(2026, 11, 17),
        header=("Udlændingestyrelsen",),
        address=("Reem Hallak", "Kongensgade 44", "6700 Esbjerg"),
        meta=("22. september 2026", "Sagsnr. 25-118877"),
        heading="Afslag på ansøgning om opholdstilladelse til din mand",
        body=(
            "Din ægtefælle, Fares Hallak, søgte den 11. maj 2026 om ophold i Danmark på grundlag af ægteskab med "
            "dig. Vi giver afslag.",
            "Du kan klage over afgørelsen til Udlændingenævnet. Klagen skal være modtaget senest 8 uger efter, at "
            "du har fået afgørelsen.",
            "Venlig hilsen",
            "Udlændingestyrelsen",
        ),
        footer="Udlændingestyrelsen · nyidanmark.dk",
    ),
    Letter(
        name="ho_dublin",
        kind="dublin_decision",
        decision_date=D(2026, 10, 27),
        rule="dublin_appeal",
        deadline=D(2026, 11, 3),
        header=("Udlændingestyrelsen",),
        address=("Mazen Sabry", "Center Sandholm", "3460 Birkerød"),
        meta=("27. oktober 2026", "Sagsnr. 26-990021"),
        heading="Din asylsag skal behandles i Sverige",
        body=(
            "Du søgte asyl den 1. oktober 2026. Efter Dublin-reglerne er Sverige ansvarlig for din sag, fordi du "
            "har en opholdstilladelse der. Du skal derfor overføres til Sverige.",
            "Du kan klage til Flygtningenævnet inden 7 dage.",
            "Venlig hilsen",
            "Udlændingestyrelsen",
        ),
        footer="Udlændingestyrelsen · nyidanmark.dk",
    ),
    Letter(
        name="ho_reporting",
        kind="reporting_duty_decision",
        decision_date=D(2026, 6, 30),
        rule=None,
        deadline=None,
        header=("Hjemrejsestyrelsen",),
        address=("Anas Zein", "Kirkegade 3", "7100 Vejle"),
        meta=("30. juni 2026", "Sagsnr. HJS-26-33001"),
        heading="Du får meldepligt",
        body=(
            "Fra den 6. juli 2026 skal du melde dig hos politiet i Vejle to gange om ugen.",
            "Meldepligten gælder, indtil du er udrejst.",
            "Venlig hilsen",
            "Hjemrejsestyrelsen",
        ),
        footer="Hjemrejsestyrelsen · hjemst.dk",
    ),
    Letter(
        name="ho_on_hold",
        kind="case_on_hold",
        decision_date=None,
        rule=None,
        deadline=None,
        header=("Udlændingestyrelsen",),
        address=("Salma Khoury", "Søndergade 12", "8600 Silkeborg"),
        meta=("Dato: 15.12.2025", "Sagsnr. 24-551200"),
        heading="Behandlingen af din sag er stillet i bero",
        body=(
            "Vi har stillet behandlingen af din ansøgning om forlængelse i bero på grund af udviklingen i Syrien.",
            "Du kan fortsat bo og arbejde i Danmark. Du hører fra os, når vi behandler sagen igen.",
            "Venlig hilsen",
            "Udlændingestyrelsen",
        ),
        footer="Udlændingestyrelsen · nyidanmark.dk",
    ),
    Letter(
        name="ho_kommune",
        kind="not_residence",
        decision_date=None,
        rule=None,
        deadline=None,
        header=("Randers Kommune", "Borgerservice"),
        address=("Omar Taha", "Vestergrave 8", "8900 Randers C"),
        meta=("4. november 2026",),
        heading="Din plads i dagtilbud",
        body=(
            "Din søn har fået plads i Børnehuset Solsikken fra den 1. december 2026.",
            "Betalingen trækkes hver måned. Kontakt Pladsanvisningen, hvis du har spørgsmål.",
            "Venlig hilsen",
            "Randers Kommune",
        ),
        footer="Randers Kommune · randers.dk",
    ),
)
