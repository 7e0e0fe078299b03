"""Month and weekday names of the languages the project reads other than English, for dates
written the way their outlets write them: "Di, 21 Okt 2025", "mar., 21 oct. 2025",
"21 de octubre de 2025", "21 октября 2025 г.", "21. října 2025", "2025. október 21." (no UI
imports), and the words that say which date is the article's: "Veröffentlicht am", "Publié le",
"Опубликовано". The English month and weekday names are here too, one source for every pattern
that reads them (infer.py's full dates, loose_dates.py's dates without a year; figures and
sentences read ENGLISH_MONTHS through infer.MONTHS).

The languages are those reader.analysis.language tells apart, Russian and Ukrainian. Each month
has its full name, the case forms a date takes (Russian, Ukrainian, Polish, Czech, Slovak,
Slovenian, Croatian and Serbian genitives; the Finnish partitive) and the usual abbreviations,
with spellings without accents where people type them so. A name only counts in a date's shape,
with a day and a year round it (infer.py): "mar" is the sea in Spanish and "out" an English word.

One name can be two months: "listopad" is November in Polish and Czech but October in Croatian.
Such a name is read only when the weekday written with it says the language, else not at all:
no date is better than a date a month off.
"""

from __future__ import annotations

import re
from reader import lazy_regex

# English: each month's name and abbreviations, lower case -> 1..12.
ENGLISH_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
# The same names as a pattern (to be matched ignoring case or in lower case), a dot after any.
ENGLISH_MONTH_RE = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
# An English weekday, whole or cut short ("Tue", "Tues", "Thu", "Thur", "Thurs"), a dot after any.
ENGLISH_WEEKDAY_RE = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?"
# Their first three letters, Monday first (datetime's weekday() numbers).
ENGLISH_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

# Per language: twelve months, January first, each as its forms separated by spaces.
_MONTHS = {
    "de": "januar jänner jan | februar feber feb | märz maerz mrz mär | april apr | mai | juni jun | juli jul"
    " | august aug | september sep sept | oktober okt | november nov | dezember dez",
    "fr": "janvier janv | février fevrier févr fevr fév | mars | avril avr | mai | juin | juillet juil"
    " | août aout | septembre sept | octobre oct | novembre nov | décembre decembre déc dec",
    "es": "enero ene | febrero feb | marzo mar | abril abr | mayo may | junio jun | julio jul | agosto ago"
    " | septiembre setiembre sep sept set | octubre oct | noviembre nov | diciembre dic",
    "it": "gennaio gen | febbraio feb | marzo mar | aprile apr | maggio mag | giugno giu | luglio lug"
    " | agosto ago | settembre set sett | ottobre ott | novembre nov | dicembre dic",
    "pt": "janeiro jan | fevereiro fev | março marco mar | abril abr | maio mai | junho jun | julho jul"
    " | agosto ago | setembro set | outubro out | novembro nov | dezembro dez",
    "nl": "januari jan | februari feb | maart mrt | april apr | mei | juni jun | juli jul | augustus aug"
    " | september sep sept | oktober okt | november nov | december dec",
    "sv": "januari jan | februari feb | mars mar | april apr | maj | juni jun | juli jul | augusti aug"
    " | september sep sept | oktober okt | november nov | december dec",
    "da": "januar jan | februar feb | marts mar | april apr | maj | juni jun | juli jul | august aug"
    " | september sep sept | oktober okt | november nov | december dec",
    "no": "januar jan | februar feb | mars mar | april apr | mai | juni jun | juli jul | august aug"
    " | september sep sept | oktober okt | november nov | desember des",
    "fi": "tammikuu tammikuuta tammi | helmikuu helmikuuta helmi | maaliskuu maaliskuuta maalis"
    " | huhtikuu huhtikuuta huhti | toukokuu toukokuuta touko | kesäkuu kesäkuuta kesä"
    " | heinäkuu heinäkuuta heinä | elokuu elokuuta elo | syyskuu syyskuuta syys | lokakuu lokakuuta loka"
    " | marraskuu marraskuuta marras | joulukuu joulukuuta joulu",
    "hu": "január jan | február febr feb | március márc | április ápr | május máj | június jún"
    " | július júl | augusztus aug | szeptember szept | október okt | november nov | december dec",
    "et": "jaanuar jaan | veebruar veebr | märts | aprill apr | mai | juuni | juuli | august aug"
    " | september sept | oktoober okt | november nov | detsember dets",
    "pl": "styczeń stycznia sty | luty lutego lut | marzec marca | kwiecień kwietnia kwi | maj maja"
    " | czerwiec czerwca cze | lipiec lipca lip | sierpień sierpnia sie | wrzesień września wrz"
    " | październik października paź | listopad listopada lis | grudzień grudnia gru",
    "cs": "leden ledna | únor února | březen března | duben dubna | květen května | červen června"
    " | červenec července | srpen srpna | září | říjen října | listopad listopadu | prosinec prosince",
    "sk": "január januára | február februára | marec marca | apríl apríla | máj mája | jún júna"
    " | júl júla | august augusta | september septembra | október októbra | november novembra"
    " | december decembra",
    "sl": "januar januarja | februar februarja | marec marca | april aprila | maj maja | junij junija"
    " | julij julija | avgust avgusta | september septembra | oktober oktobra | november novembra"
    " | december decembra",
    # Croatian (siječanj...) and the Serbian and Bosnian of the Latin script (januar...).
    "hbs": "siječanj siječnja januar januara | veljača veljače februar februara | ožujak ožujka mart marta"
    " | travanj travnja april aprila | svibanj svibnja maj maja | lipanj lipnja juni juna jun"
    " | srpanj srpnja juli jula jul | kolovoz kolovoza avgust avgusta august augusta"
    " | rujan rujna septembar septembra | listopad listopada oktobar oktobra"
    " | studeni studenoga studenog novembar novembra | prosinac prosinca decembar decembra",
    "tr": "ocak | şubat subat | mart | nisan | mayıs mayis | haziran | temmuz | ağustos agustos"
    " | eylül eylul | ekim | kasım kasim | aralık aralik",
    "id": "januari jan | februari feb | maret mar | april apr | mei | juni jun | juli jul"
    " | agustus agu agt ags | september sep | oktober okt | november nov | desember des",
    "ru": "январь января янв | февраль февраля фев февр | март марта мар | апрель апреля апр | май мая"
    " | июнь июня июн | июль июля июл | август августа авг | сентябрь сентября сен сент"
    " | октябрь октября окт | ноябрь ноября ноя нояб | декабрь декабря дек",
    # No form is also another month's in Russian ("листопад" is Cyrillic: not the "listopad" of
    # Polish, Czech and Croatian); "лют", "лип", "сер" are Ukrainian abbreviations only.
    "uk": "січень січня січ | лютий лютого лют | березень березня бер | квітень квітня квіт кві"
    " | травень травня трав тра | червень червня черв чер | липень липня лип | серпень серпня серп сер"
    " | вересень вересня вер | жовтень жовтня жовт жов | листопад листопада лист лис"
    " | грудень грудня груд гру",
}

# Per language: the weekdays, Monday first, with their abbreviations.
_WEEKDAYS = {
    "de": "montag mo | dienstag di | mittwoch mi | donnerstag do | freitag fr | samstag sonnabend sa | sonntag so",
    "fr": "lundi lun | mardi mar | mercredi mer | jeudi jeu | vendredi ven | samedi sam | dimanche dim",
    "es": "lunes lun | martes mar | miércoles miercoles mié mie | jueves jue | viernes vie"
    " | sábado sabado sáb sab | domingo dom",
    "it": "lunedì lunedi lun | martedì martedi mar | mercoledì mercoledi mer | giovedì giovedi gio"
    " | venerdì venerdi ven | sabato sab | domenica dom",
    "pt": "segunda-feira segunda seg | terça-feira terça terca-feira terca ter | quarta-feira quarta qua"
    " | quinta-feira quinta qui | sexta-feira sexta sex | sábado sabado sáb sab | domingo dom",
    "nl": "maandag ma | dinsdag di | woensdag wo | donderdag do | vrijdag vr | zaterdag za | zondag zo",
    "sv": "måndag mån | tisdag tis | onsdag ons | torsdag tors tor | fredag fre | lördag lör | söndag sön",
    "da": "mandag man | tirsdag tirs | onsdag ons | torsdag tors | fredag fre | lørdag lør | søndag søn",
    "no": "mandag man | tirsdag tir | onsdag ons | torsdag tor | fredag fre | lørdag lør | søndag søn",
    "fi": "maanantai ma | tiistai ti | keskiviikko ke | torstai to | perjantai pe | lauantai la | sunnuntai su",
    "hu": "hétfő | kedd | szerda | csütörtök | péntek | szombat | vasárnap",
    "et": "esmaspäev | teisipäev | kolmapäev | neljapäev | reede | laupäev | pühapäev",
    "pl": "poniedziałek pon | wtorek wt | środa śr | czwartek czw | piątek pt | sobota sob | niedziela niedz nd",
    "cs": "pondělí po | úterý út | středa st | čtvrtek čt | pátek pá | sobota so | neděle ne",
    "sk": "pondelok | utorok | streda | štvrtok | piatok | sobota | nedeľa",
    "sl": "ponedeljek | torek | sreda | četrtek | petek | sobota | nedelja",
    "hbs": "ponedjeljak ponedeljak | utorak | srijeda sreda | četvrtak | petak | subota | nedjelja nedelja",
    "tr": "pazartesi | salı sali | çarşamba carsamba | perşembe persembe | cuma | cumartesi | pazar",
    "id": "senin | selasa | rabu | kamis | jumat jum'at | sabtu | minggu",
    "ru": "понедельник пн | вторник вт | среда ср | четверг чт | пятница пт | суббота сб | воскресенье вс",
    "uk": "понеділок пн | вівторок вт | середа ср | четвер чт | п'ятниця п’ятниця пт | субота сб | неділя нд",
}

# Per language: the words before the date an article was published on ("Veröffentlicht am
# 21.10.2025", "Publié le 21 octobre 2025 à 10h05"), then after "|" those before the date it was
# last updated on ("Aktualisiert am", "Mis à jour le"), which never outrank a published date;
# in lower case (the text is read in lower case: Turkish "YAYINLANMA" is "yayinlanma" then).
# English is in infer.py.
_STAMP_WORDS = {
    "de": "veröffentlicht, erschienen, erstellt, publiziert | aktualisiert, zuletzt aktualisiert, stand",
    "fr": "publié, publiée, mis en ligne | mis à jour, mise à jour, actualisé, modifié",
    "es": "publicado, publicada, fecha de publicación | actualizado, actualizada, última actualización",
    "it": "pubblicato, pubblicata | aggiornato, aggiornata, ultimo aggiornamento",
    "pt": "publicado, publicada, publicação | atualizado, atualizada, atualização, actualizado",
    "nl": "gepubliceerd, geplaatst | bijgewerkt, laatst bijgewerkt, gewijzigd, geüpdatet",
    "sv": "publicerad, publicerat | uppdaterad, uppdaterat, senast uppdaterad",
    "da": "publiceret, offentliggjort | opdateret, sidst opdateret",
    "no": "publisert | oppdatert, sist oppdatert",
    "fi": "julkaistu | päivitetty",
    "hu": "publikálva, közzétéve, megjelent | frissítve, módosítva",
    "et": "avaldatud | uuendatud",
    "pl": "opublikowano, data publikacji | zaktualizowano, aktualizacja, data aktualizacji",
    "cs": "publikováno, zveřejněno | aktualizováno, aktualizace",
    "sk": "publikované, zverejnené, uverejnené | aktualizované, aktualizácia",
    "sl": "objavljeno | posodobljeno",
    "hbs": "objavljeno | ažurirano",
    "tr": "yayınlanma, yayınlanma tarihi, yayın tarihi, yayınlandı, yayinlanma, yayin tarihi, yayinlandi"
    " | güncelleme, son güncelleme, güncellendi, guncelleme, son guncelleme, guncellendi",
    "id": "diterbitkan, dipublikasikan | diperbarui",
    "ru": "опубликовано, дата публикации | обновлено, дата обновления",
    "uk": "опубліковано, дата публікації | оновлено, дата оновлення",
}


def _stamp_words(which: int) -> frozenset[str]:
    """The published (0) or updated (1) words of every language, lower case."""
    return frozenset(word.strip() for listed in _STAMP_WORDS.values() for word in listed.split("|")[which].split(","))


PUBLISHED_WORDS = _stamp_words(0)
UPDATED_WORDS = _stamp_words(1)
# Between such a word and its date, as "on" in English ("Publicado el", "Gepubliceerd op").
STAMP_ON = r"(?:am|le|el|il|op|em|den|dne)"


def _names(table: dict[str, str]) -> dict[str, dict[str, int]]:
    """Each form, lower case -> {language: its number (1-based)}."""
    out: dict[str, dict[str, int]] = {}
    for language, listed in table.items():
        for number, forms in enumerate(listed.split("|"), start=1):
            for form in forms.split():
                out.setdefault(form, {})[language] = number
    return out


MONTH_NAMES = _names(_MONTHS)
WEEKDAY_NAMES = _names(_WEEKDAYS)

# Year-first dates ("2025. október 21.") are Hungarian only: elsewhere "2025 mar 21" is no date.
YEAR_FIRST_LANGUAGES = frozenset({"hu"})


def _alternation(names) -> str:
    # Longest first, so that "dienstag" is not read as "di" and "enstag"; whole words only.
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return rf"(?<![^\W\d_])(?:{alternatives})(?![^\W\d_])"


# The weekday is matched by its names: it decides which lines are a date alone ("Dienstag,
# 21. Oktober 2025", not "Seit 21. Oktober 2025"). The month is any word, looked up in
# month_number (every date found is read by infer.parse_date): an alternation of its 346
# names cost 12 ms to compile for each pattern it is in, and every loading process paid them.
WEEKDAY_RE = _alternation(WEEKDAY_NAMES) + r"\.?"
_WORD = r"[^\W\d_]+\.?"
# "21.", "1er", "1º", "1.º": a day as these languages write it, before its month.
DAY_RE = r"(?<!\d)\d{1,2}(?:\.º|\.ª|\.|er|º|ª|°)?"
# After a year: Russian "г." or "года", Ukrainian "р." or "року", the full stop Croatian, Serbian
# and Hungarian write.
_YEAR_END = r"(?:\s*(?:г\.|года|р\.|року)|\.)?"
# Dates as these languages write them, for infer.py's text patterns: "Di, 21. Okt. 2025",
# "martes, 21 de octubre de 2025", "21 октября 2025 г.", "2025. október 21.".
TEXT_DATE = (
    rf"(?:(?:{WEEKDAY_RE},?\s+)?{DAY_RE}\s*(?:de\s+)?{_WORD},?\s+(?:de\s+|del\s+)?\d{{4}}(?!\d){_YEAR_END}"
    rf"|(?<!\d)\d{{4}}\.\s*{_WORD}\s+\d{{1,2}}\.?(?!\d))"
)
# Between a date and its time on a date line ("mar. 21 oct. 2025 à 10:00", "21. Oktober 2025
# um 10:00", "21 октября 2025 г. в 10:00", "21 жовтня 2025 р. о 10:00"), as "at" in English.
AT = r"(?:à|às|a\s+las|alle|ore|um|om|kl\.|klo|в|о)"
_DAY_MONTH_YEAR = lazy_regex.compile(
    rf"(?:({_WORD}),?\s+)?({DAY_RE})\s*(?:de\s+)?({_WORD}),?\s+(?:de\s+|del\s+)?(\d{{4}})(?!\d)", re.IGNORECASE
)
_YEAR_MONTH_DAY = lazy_regex.compile(rf"(?<!\d)(\d{{4}})\.\s*({_WORD})\s+(\d{{1,2}})\.?(?!\d)", re.IGNORECASE)


def month_number(name: str, weekday: str | None = None, among: frozenset[str] | None = None) -> int | None:
    """The month `name` names (any case, a trailing dot allowed), or None: unknown, or two
    months in two languages ("listopad") that `weekday`, written with it, does not settle.
    `among`: the languages the name may be in (None: all)."""
    readings = MONTH_NAMES.get(name.lower().rstrip("."), {})
    if among is not None:
        readings = {language: n for language, n in readings.items() if language in among}
    months = set(readings.values())
    if len(months) > 1 and weekday:
        languages = WEEKDAY_NAMES.get(weekday.lower().rstrip("."), {})
        months = {n for language, n in readings.items() if language in languages}
    return months.pop() if len(months) == 1 else None


# A date as these languages write it without its year, day first: "21. Oktober", "mar. 21 oct.",
# "21 de octubre"; its month is any word (checked with month_number by who finds it).
DAY_MONTH = rf"(?:(?P<weekday>{WEEKDAY_RE}),?\s+)?(?P<day>{DAY_RE})\s*(?:de\s+)?(?P<month>[^\W\d_]+)(?![^\W\d_])\.?"
_DAY_MONTH = lazy_regex.compile(DAY_MONTH, re.IGNORECASE)


def day_month(written: str) -> tuple[int, int, int | None] | None:
    """(month, day, weekday 0-6 or None) of a date without its year as DAY_MONTH matches it
    ("Di, 21. Okt."), else None: no month, or a weekday the languages of its name disagree on."""
    m = _DAY_MONTH.match(written.strip())
    month = month_number(m["month"], m["weekday"]) if m else None
    if m is None or month is None:
        return None
    day = int(m["day"].rstrip(".ºª°er"))
    weekday = None
    if m["weekday"]:
        numbers = set(WEEKDAY_NAMES.get(m["weekday"].lower().rstrip("."), {}).values())
        if len(numbers) != 1:
            return None
        weekday = numbers.pop() - 1
    return (month, day, weekday) if 1 <= day <= 31 else None


def day_month_year(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) of the first date in `text` written with a month name of these
    languages, day first ("21. Oktober 2025") or, in Hungarian, year first; else None."""
    for m in _DAY_MONTH_YEAR.finditer(text):
        month = month_number(m[3], m[1])
        if month:
            return int(m[4]), month, int(m[2].rstrip(".ºª°er"))
    for m in _YEAR_MONTH_DAY.finditer(text):
        month = month_number(m[2], among=YEAR_FIRST_LANGUAGES)
        if month:
            return int(m[1]), month, int(m[3])
    return None


# Per language: how a page says when it was published relative to its reading ("vor 2 Stunden",
# "il y a 3 heures", "2 часа назад"), for loose_dates.py's relative stamps, in five parts split by
# "|": the words before the count; the words after the unit (a language with both needs one of
# them; a word before with "+" needs one after: "för 2 timmar sedan", not "för 2 timmar"); the
# forms of each unit, "/" between them: seconds, minutes, hours, days, then weeks, months and
# years together, "!" after a form that says one without a figure ("час назад", "před hodinou"),
# "*" after one that says "ago" itself (Hungarian "2 órája"); "one" as a word; today's names, then
# after "/" yesterday's, "+" after one read only with its time (French "hier à 10h05": "hier" alone
# is German and Dutch for "here"). Several words in a part: "," between them. Hungarian "ma" (today) is too
# short a word to be read alone; Ukrainian "год" (hours) is also Russian "год" (a year): left out.
_RELATIVE = {
    "de": "vor | | sekunde sekunden sek / minute minuten min / stunde stunden std / tag tagen"
    " / woche wochen monat monaten jahr jahren | einer einem | heute / gestern",
    "fr": "il y a | | seconde secondes sec s / minute minutes min mn / heure heures h / jour jours j"
    " / semaine semaines mois an ans | une un | aujourd'hui, aujourd’hui / hier+",
    "es": "hace | | segundo segundos seg s / minuto minutos min / hora horas h / día días dia dias"
    " / semana semanas mes meses año años | una un | hoy / ayer",
    "it": " | fa | secondo secondi sec / minuto minuti min / ora ore h / giorno giorni"
    " / settimana settimane mese mesi anno anni | un una un' un’ | oggi / ieri",
    "pt": "há | atrás, atras | segundo segundos seg / minuto minutos min / hora horas h / dia dias"
    " / semana semanas mês mes meses ano anos | uma um | hoje / ontem",
    "nl": " | geleden | seconde seconden sec / minuut minuten min / uur u / dag dagen"
    " / week weken maand maanden jaar | een | vandaag / gisteren",
    "sv": "för+ | sedan | sekund sekunder sek / minut minuter min / timme timmar tim / dag dagar"
    " / vecka veckor månad månader år | en ett | idag, i dag / igår, i går",
    "da": "for+ | siden | sekund sekunder sek / minut minutter min / time timer t / dag dage døgn"
    " / uge uger måned måneder år | en et | i dag / i går",
    "no": "for+ | siden | sekund sekunder sek / minutt minutter min / time timer t / dag dager døgn"
    " / uke uker måned måneder år | en ett | i dag / i går",
    "fi": " | sitten | sekunti! sekuntia s / minuutti! minuuttia min / tunti! tuntia t / päivä! päivää pv"
    " / viikko! viikkoa kuukausi! kuukautta vuosi! vuotta | yksi | tänään / eilen",
    "hu": " | ezelőtt | másodperccel másodperce* mp / perccel perce* p / órával órája* ó / nappal napja*"
    " / héttel hete* hónappal hónapja* évvel éve* | egy | / tegnap",
    "et": " | tagasi | sekund sekundit / minut minutit min / tund tundi t / päev päeva"
    " / nädal nädalat kuu kuud aasta aastat | üks | täna / eile",
    "pl": " | temu | sekunda sekundę! sekundy sekund sek / minuta minutę! minuty minut min"
    " / godzina godzinę! godziny godzin godz / dzień! dni"
    " / tydzień! tygodnie tygodni miesiąc! miesiące miesięcy rok! lata lat | jedną jeden | dziś, dzisiaj / wczoraj",
    "cs": "před | | sekundou! sekundami s / minutou! minutami min / hodinou! hodinami hod / dnem! dny"
    " / týdnem! týdny měsícem! měsíci rokem! lety | jednou | dnes / včera",
    "sk": "pred | | sekundou! sekundami s / minútou! minútami min / hodinou! hodinami hod / dňom! dňami"
    " / týždňom! týždňami mesiacom! mesiacmi rokom! rokmi | jednou | dnes / včera",
    "sl": "pred | | sekundo! sekundami / minuto! minutami min / uro! urama urami / dnevom! dnevoma dnevi"
    " / tednom! tedni tednoma mesecem! meseci mesecema letom! leti letoma | eno | danes / včeraj",
    "hbs": "prije, pre | | sekundu sekunde sekundi / minut minuta minute min / sat sata sati h / dan dana"
    " / tjedan tjedna tjedana nedelju nedelje nedelja mjesec mjeseca mjeseci mesec meseca meseci"
    " godinu godine godina | jedan | danas / jučer, juče",
    "tr": " | önce | saniye sn / dakika dk / saat sa / gün / hafta ay yıl yil | bir | bugün / dün",
    "id": " | yang lalu, lalu | detik / menit mnt / jam / hari / minggu bulan tahun | satu | hari ini / kemarin",
    "ru": " | назад | секунду! секунды секунд сек с / минуту! минуты минут мин / час! часа часов ч"
    " / день! дня дней д / неделю! недели недель месяц! месяца месяцев год! года лет | одну один | сегодня / вчера",
    "uk": " | тому | секунду! секунди секунд сек с / хвилину! хвилини хвилин хв / годину! години годин"
    " / день! дні днів д / тиждень! тижні тижнів місяць! місяці місяців рік! роки років | одну один"
    " | сьогодні / вчора",
}

# The last: weeks, months, years, which give no day ("vor 2 Wochen" is no title, and no date).
RELATIVE_UNITS = ("seconds", "minutes", "hours", "days", "coarse")


def _listed(words: str) -> list[str]:
    return [" ".join(word.split()) for word in words.split(",") if word.strip()]


def _relative_words() -> tuple[dict[str, frozenset[str]], dict[str, str], dict[str, str]]:
    """({part: its words, lower case} for "before", "before_after" (the words before that need
    those after), "after", "one", "alone" (units that say one), "ago" (units that say ago), "timed"
    (names of a day read only with a time after them); each
    unit's form -> its unit; each name of today or yesterday -> "today" or "yesterday")."""
    parts: dict[str, set[str]] = {
        part: set() for part in ("before", "before_after", "after", "one", "alone", "ago", "timed")
    }
    units: dict[str, str] = {}
    named: dict[str, str] = {}
    for listed in _RELATIVE.values():
        words_before, words_after, unit_forms, ones, days = listed.split("|")
        for word in _listed(words_before):
            parts["before_after" if word.endswith("+") else "before"].add(word.rstrip("+"))
        parts["after"].update(_listed(words_after))
        parts["one"].update(ones.split())
        for unit, forms in zip(RELATIVE_UNITS, unit_forms.split("/"), strict=True):
            for form in forms.split():
                word = form.rstrip("!*")
                if form.endswith("!"):
                    parts["alone"].add(word)
                if form.endswith("*"):
                    parts["ago"].add(word)
                if units.setdefault(word, unit) != unit:
                    raise ValueError(f"{word!r} names two units")
        for meaning, forms in zip(("today", "yesterday"), days.split("/"), strict=True):
            named.update((form.rstrip("+"), meaning) for form in _listed(forms))
            parts["timed"].update(form.rstrip("+") for form in _listed(forms) if form.endswith("+"))
    return {part: frozenset(words) for part, words in parts.items()}, units, named


RELATIVE_PARTS, RELATIVE_UNIT_WORDS, RELATIVE_DAY_NAMES = _relative_words()
