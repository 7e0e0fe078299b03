"""Who said a quotation, in articles written in Russian, German, French, Spanish, Italian or
Portuguese: their verbs of saying and attribution phrases as data, one table per language, and the
few shapes attributions take around a quotation in those languages.

English attribution (reader.analysis.quote_speakers) knows English verbs only: `„...“, sagte
Merkel`, `« ... », a déclaré Emmanuel Macron`, `«...», — сказал Лавров` had no speaker. The shapes
read here, right after the quotation (in the sentence it ends):

- verb, then speaker (the inversion news style prefers): `sagte Merkel`, `a déclaré Macron`,
  `dijo el presidente`, `ha detto Conte`, `disse Lula`, `— сказал он`, `so Merkel`, `selon X`;
- a French verb with its pronoun: `dit-il`, `a-t-elle ajouté`;
- speaker, then verb: `, Merkel sagte.`, `, il a dit.`;

and before it, in the clause that introduces it: `Merkel sagte: „...“`, `Dazu sagte Merkel: „...“`,
`Selon le ministre, « ... »`, `Путин заявил: «...»`, `По словам Лаврова, «...»`.

A speaker is a pronoun (mapped to "he"/"she" so the resolver finds whom it stands for), a name
(capitalised words, with the particles names carry: "de", "von", "da"), a determiner and its noun
("die Kanzlerin", "le ministre"), or in Russian a role before a name ("министр Сергей Лавров").
No UI imports; pure functions of the text.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Mapping

from whoosh.lang.stopwords import stoplists as _SNOWBALL_STOP_WORDS

from reader.analysis.language import _FUNCTION_WORDS, ENGLISH, language_of, likely_language, mostly_cyrillic
from reader.analysis.letters import MARKS


@dataclass(frozen=True)
class AttributionWords:
    """One language's words of attribution (lower case)."""

    code: str
    verbs: frozenset[str]  # finite verbs of saying: "sagte", "dijo", "сказал"
    auxiliaries: frozenset[str] = frozenset()  # before a participle: "a", "ha", "hat"
    participles: frozenset[str] = frozenset()  # after one: "déclaré", "detto", "gesagt"
    according: tuple[tuple[str, ...], ...] = ()  # "selon X", "so X", "по словам X"
    pronouns: Mapping[str, str] = field(default_factory=dict)  # "il" -> "he"
    determiners: frozenset[str] = frozenset()  # before a role noun: "le ministre"
    particles: frozenset[str] = frozenset()  # inside a name: "Ursula von der Leyen"
    stops: frozenset[str] = frozenset()  # words no speaker phrase runs over: "in", "dass", "à"
    # Words that open no name and are no speaker, capitalised or not ("Quando perguntado, disse:",
    # "Mas Lula disse:", "Poi disse:"): the language's stop words (Snowball's list, the one the
    # index drops), `stops`, and the sentence openers that list lacks, but not the pronouns,
    # determiners and particles above ("il", "Le Pen", "Da Silva" at a sentence's start).
    function_words: frozenset[str] = frozenset()

    @property
    def name_particles(self) -> frozenset[str]:
        """The particles a person's name carries between its words, for reading names in the
        article ("Luiz Inácio Lula da Silva"): `particles` but conjunctions and elisions."""
        return _name_particles(self)

    # A name's case endings and its nominative's ("Пескова" -> "Песков", "Захаровой" ->
    # "Захарова"): "по словам" takes the genitive, a name a speaker is looked up by is nominative.
    cases: tuple[tuple[str, str], ...] = ()


def _table(code: str, verbs: str, **rest: str) -> AttributionWords:
    words = {key: frozenset(value.split()) for key, value in rest.items() if key not in ("according", "pronouns")}
    according = tuple(tuple(phrase.split()) for phrase in rest.get("according", "").split(","))
    pronouns = dict(pair.split("=") for pair in rest.get("pronouns", "").split())
    cases = tuple((pair.partition("=")[0], pair.partition("=")[2]) for pair in rest.get("cases", "").split())
    words.pop("cases", None)
    openers = words.pop("openers", frozenset())
    nouns = words.pop("nouns", frozenset())  # listed words that are nouns too: "Estados Unidos"
    empty: frozenset[str] = frozenset()
    function_words = frozenset(_SNOWBALL_STOP_WORDS[code] | words.get("stops", empty) | openers) - (
        pronouns.keys() | words.get("determiners", empty) | words.get("particles", empty) | nouns
    )
    return AttributionWords(
        code,
        frozenset(verbs.split()),
        according=according,
        pronouns=pronouns,
        cases=cases,
        function_words=function_words,
        **words,
    )


TABLES: dict[str, AttributionWords] = {
    "ru": _table(
        "ru",
        """сказал сказала сказали заявил заявила заявили отметил отметила отметили подчеркнул
        подчеркнула подчеркнули говорит говорят говорил говорила говорили добавил добавила
        добавили пояснил пояснила пояснили сообщил сообщила сообщили рассказал рассказала
        рассказали ответил ответила ответили признал признала признался призналась написал
        написала написали объяснил объяснила заметил заметила указал указала уточнил уточнила
        заверил заверила считает считают предупредил предупредила констатировал констатировала
        резюмировал резюмировала добавляет отмечает подчеркивает подчёркивает поясняет заявляет""",
        according="по словам, по мнению, как сказал, как сказала, как заявил, как заявила, как отметил, как отметила",
        pronouns="он=he она=she",
        stops="в во на и а но что чтобы как о об по к с со у из за для от при после перед",
        openers="также однако затем сегодня вчера хотя поэтому кроме",
        # The endings of a name's oblique cases and its nominative's, longest first: surnames in
        # -ов/-ев/-ин (Пескова, Пескову, Песковым, Пескове) and -ова/-ина (Захаровой, Захарову),
        # -ский/-ская and -ой (Жириновского, -ому, -им, -ом; Яровой, Яровую), first names in a
        # consonant (Сергея is -й, Игоря -ь, Ивана -), in -а/-я (Марии, Ольги, Анны, Никиты) and
        # -ия. An ending gives candidates only: a nominative counts when it names a person the
        # article names, so Пескова is Песков only beside a Песков.
        cases="""ого=ий ого=ой ого=ый ому=ий ому=ой ому=ый ым=ий ым=ой ым=ый ым= ом=ий ом=ой ом=
        ой=ая ую=ая ой=а ою=а ии=ия ию=ия ией=ия ия=ий ию=ий ием=ий ии=ий ем=й ем=ь ей=я ы=а и=а и=я
        я=й я=ь ю=й ю=ь ю=я у=а у= а= е=й е=ь е=а е=я е=""",
    ),
    "de": _table(
        "de",
        """sagte sagt sagten erklärte erklärt erklärten betonte betont betonten meinte meint
        meinten schrieb schreibt warnte warnt bekräftigte bekräftigt versicherte versichert
        ergänzte ergänzt antwortete antwortet unterstrich unterstreicht kritisierte kritisiert
        mahnte mahnt räumte sagen""",
        auxiliaries="hat haben hatte hatten",
        participles="gesagt erklärt betont gemeint geschrieben gewarnt versichert ergänzt geantwortet",
        according="so, laut, nach angaben von, nach angaben",
        pronouns="er=he sie=she",
        determiners="der die das den dem des ein eine einer einem einen",
        particles="von van der den de zu",
        stops="in im am an auf aus bei mit nach vor über zu zum zur und oder aber dass ob wie als für gegen",
        openers="nachdem jedoch später heute gestern zudem außerdem dabei danach deshalb trotzdem bereits",
    ),
    "fr": _table(
        "fr",
        """dit déclare affirme explique souligne ajoute indique précise estime assure répond
        confie martèle insiste rappelle écrit annonce lance reconnaît avertit dénonce poursuit
        conclut observe commente résume déclarait affirmait expliquait""",
        auxiliaries="a ont avait avaient",
        participles="""dit déclaré affirmé expliqué souligné ajouté indiqué précisé estimé assuré
        répondu confié martelé insisté rappelé écrit annoncé lancé reconnu averti dénoncé
        poursuivi conclu observé commenté résumé""",
        according="selon, d'après, d’après",
        pronouns="il=he elle=she",
        determiners="le la les l' l’ un une ce cette",
        particles="de du des la le d' d’",
        stops="à au aux en dans sur par pour avec et ou mais que qui lors devant après avant vendredi",
        openers="quand lorsque puis ensuite alors aussi cependant pourtant depuis aujourd'hui hier enfin",
    ),
    "es": _table(
        "es",
        """dijo dice afirmó afirma declaró declara explicó explica señaló señala aseguró asegura
        añadió añade agregó agrega subrayó subraya destacó destaca indicó indica sostuvo sostiene
        apuntó apunta manifestó advirtió advierte respondió responde escribió escribe insistió
        reconoció comentó comenta precisó concluyó""",
        auxiliaries="ha han había habían",
        participles="""dicho afirmado declarado explicado señalado asegurado añadido agregado
        subrayado destacado indicado sostenido apuntado manifestado advertido respondido escrito
        insistido reconocido comentado""",
        according="según, de acuerdo con",
        pronouns="él=he ella=she",
        determiners="el la los las un una este esta",
        particles="de del la y",
        stops="a al en con por para sobre ante tras y o pero que quien durante",
        openers="aunque mientras luego después entonces además hoy ayer",
        nouns="estado estados",
    ),
    "it": _table(
        "it",
        """dice disse dichiara dichiarò afferma affermò spiega spiegò sottolinea sottolineò
        aggiunge aggiunse scrive scrisse commenta commentò ribadisce ribadì precisa precisò
        osserva osservò conclude concluse risponde rispose avverte avvertì""",
        auxiliaries="ha hanno aveva avevano",
        participles="""detto dichiarato affermato spiegato sottolineato aggiunto scritto commentato
        ribadito precisato osservato concluso risposto avvertito""",
        according="secondo",
        pronouns="lui=he lei=she",
        determiners="il lo la l' l’ i gli le un uno una",
        particles="di de del della da d' d’",
        stops="a al alla in nel nella con per su tra fra e o ma che chi durante",
        openers="quando mentre poi però inoltre dopo oggi ieri allora",
    ),
    "pt": _table(
        "pt",
        """disse diz afirmou afirma declarou declara explicou explica ressaltou ressalta
        destacou destaca acrescentou acrescenta completou salientou garantiu garante escreveu
        escreve respondeu responde comentou comenta admitiu admite alertou concluiu""",
        auxiliaries="tem têm tinha",
        participles="dito afirmado declarado explicado ressaltado destacado",
        according="segundo, conforme, de acordo com",
        pronouns="ele=he ela=she",
        determiners="o a os as um uma",
        particles="de da do dos das e",
        stops="em no na nos nas com por para sobre e ou mas que quem durante ao à",
        openers="ainda então porém contudo entretanto enquanto embora após antes agora hoje ontem",
    ),
}


def _merged() -> AttributionWords:
    """Every table at once, for a text too short to tell its language by: tried only after
    English attribution found nothing. German "so" is left out ("..." so he left is English)."""
    tables = TABLES.values()

    def union(name: str) -> frozenset[str]:
        return frozenset().union(*(getattr(t, name) for t in tables))

    return AttributionWords(
        "",
        union("verbs"),
        auxiliaries=union("auxiliaries"),
        participles=union("participles"),
        according=tuple({p for t in tables for p in t.according if p != ("so",)}),
        pronouns={k: v for t in tables for k, v in t.pronouns.items()},
        determiners=union("determiners"),
        particles=union("particles"),
        stops=union("stops"),
    )


ANY_LANGUAGE = _merged()
# The first words of "according to" phrases, which open a capitalised run before a name
# ("Según Sánchez", "Segundo Haddad"): no part of the name.
LEADING_WORDS = frozenset(p[0] for t in TABLES.values() for p in t.according if len(p) == 1 and p != ("so",))


# Titles written before a name as part of its capitalised run, in German (nouns are capitalised:
# "Bundeskanzlerin Angela Merkel", "SPD-Vorsitzende Lars Klingbeil"): by their endings.
_TITLE_ENDINGS = tuple(
    """kanzler kanzlerin minister ministerin präsident präsidentin vorsitzende vorsitzender sprecher
    sprecherin chef chefin direktor direktorin bürgermeister bürgermeisterin""".split()
)
# Words before a capitalised run that make its first word a complement of a role before them:
# "il presidente del Consiglio Giuseppe Conte", "le ministre du Travail Olivier Dussopt".
COMPLEMENT_PARTICLES = frozenset("del della dello dell' dell’ du des da do dos das".split())


def is_title_word(word: str) -> bool:
    """A German title written as part of a name's capitalised run ("Finanzminister")."""
    return word.lower().endswith(_TITLE_ENDINGS)


def attribution_words(text: str) -> AttributionWords | None:
    """The table for the language `text` is written in; None for English (and a language with
    no table); ANY_LANGUAGE when the text is too short to tell (it is tried after English)."""
    if text.count(" the ", 0, 6000) >= 8:
        return None  # English at a glance: a news article in English has that many in its opening
    code = language_of(text)
    if code == ENGLISH and not _few_english_words(text):
        return None
    if code in TABLES:
        return TABLES[code]
    if mostly_cyrillic(text):
        return TABLES["ru"]
    if code not in (None, ENGLISH):
        return None
    # Too short to tell for sure: a language its few function words point to gives its own
    # table, whose function words are no speaker ("Mas Lula disse:", "Quando perguntado, disse:").
    guess = likely_language(text, TABLES)
    return TABLES[guess] if guess is not None else ANY_LANGUAGE


_ENGLISH_WORDS = frozenset(_FUNCTION_WORDS[ENGLISH].split())
_WORD = re.compile(r"[^\W\d_]+")


def _few_english_words(text: str) -> bool:
    """Whether a text language_of reads as English (its default) has too few of English's function
    words to be English: a short article in another language (its own words too few to name it)."""
    words = _WORD.findall(text[:6000])
    return sum(w.lower() in _ENGLISH_WORDS for w in words) * 10 < len(words)


# A word (with its marks, its apostrophes and hyphens: "a-t-il", "d’après"), a dash, or any
# other sign.
_TOKEN = re.compile(rf"[^\W_][\w{MARKS}’'-]*\.?|[—–]|\S")
_LEAD = frozenset(",;:—–-()")


def _tokens(text: str, lo: int, hi: int) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, lo, hi)]


def _low(token: str) -> str:
    return token.rstrip(".").lower().replace("’", "'")


def _is_word(token: str) -> bool:
    return token[:1].isalnum()


def _capital(token: str) -> bool:
    return token[:1].isupper()


def _verb_at(words: AttributionWords, toks, v: int) -> int:
    """How many tokens the verb of saying at toks[v] takes ("sagte": 1, "a déclaré": 2, "a
    également déclaré": 3); 0 when there is none."""
    if v >= len(toks) or _capital(toks[v][0]) or not _is_word(toks[v][0]):
        return 0
    w = _low(toks[v][0])
    if w in words.auxiliaries:
        for n in (1, 2):  # one adverb between: "a ensuite déclaré", "ha poi detto"
            if v + n < len(toks) and _low(toks[v + n][0]) in words.participles and not _capital(toks[v + n][0]):
                return n + 1
            if v + n >= len(toks) or not _is_word(toks[v + n][0]) or _capital(toks[v + n][0]):
                break
        return 0
    return 1 if w in words.verbs else 0


def _inverted_pronoun(words: AttributionWords, token: str) -> str | None:
    """The pronoun a French verb carries after it ("dit-il", "a-t-elle", "affirme-t-il"): "il"."""
    w = _low(token)
    stem, _, pronoun = w.rpartition("-")
    stem = stem.removesuffix("-t")
    if pronoun in words.pronouns and (stem in words.verbs or stem in words.auxiliaries):
        return token[len(token) - len(pronoun) - (1 if token.endswith(".") else 0) :].rstrip(".")
    return None


def _according_at(words: AttributionWords, toks, i: int) -> int:
    """How many tokens an "according to" phrase at toks[i] takes; 0 when there is none."""
    for phrase in words.according:
        if i + len(phrase) <= len(toks) and all(_low(toks[i + n][0]) == w for n, w in enumerate(phrase)):
            return len(phrase)
    return 0


_MAX_NAME = 5


def _np_forward(words: AttributionWords, toks, i: int) -> tuple[int, int] | None:
    """The speaker phrase starting at toks[i]: a pronoun, a name, a determiner and its noun, or
    (Russian) a role before a name; None when none starts there."""
    if i >= len(toks) or not _is_word(toks[i][0]):
        return None
    w = _low(toks[i][0])
    if w in words.pronouns:
        return i, i + 1
    j = i
    if w in words.determiners:
        j = i + 1
        while j < len(toks) and j - i <= 3 and _is_word(toks[j][0]) and _low(toks[j][0]) not in words.stops:
            if _verb_at(words, toks, j):
                break
            j += 1
        if j == i + 1:
            return None
        name = _name_run(words, toks, j)  # "la canciller Angela Merkel"
        if name == j and j + 1 < len(toks) and toks[j][0] == ",":
            name = _name_run(words, toks, j + 1)  # "la ministra de Hacienda, María Jesús Montero"
            return (i, name) if name > j + 1 else (i, j)
        return (i, name) if name > j else (i, j)
    if _capital(toks[i][0]):
        j = _name_run(words, toks, i)
        return (i, j) if j > i else None
    # Lower-case words before a name: "министр иностранных дел Сергей Лавров"
    while j < len(toks) and j - i < 4 and _is_word(toks[j][0]) and not _capital(toks[j][0]):
        low = _low(toks[j][0])
        if low in words.stops or low in words.function_words or _verb_at(words, toks, j) or low in words.pronouns:
            break
        j += 1
    name = _name_run(words, toks, j)
    if name > j:
        return i, name
    if j > i and j - i <= 2 and (j == len(toks) or not _is_word(toks[j][0])):
        return i, j  # "— сказал собеседник."
    return None


def _name_run(words: AttributionWords, toks, i: int) -> int:
    """The end of the run of capitalised words at toks[i] (particles inside it: "Ursula von der
    Leyen", "Luiz Inácio Lula da Silva"); `i` when none starts there (a function word, capitalised
    as a sentence's first, starts none: "Quando", "Mas")."""
    if i < len(toks) and _low(toks[i][0]) in words.function_words:
        return i
    j = i
    while j < len(toks) and j - i < _MAX_NAME + 2:
        token = toks[j][0]
        if _capital(token) and _is_word(token):
            j += 1
            if token.endswith(".") and len(token) > 3:
                break  # "Merkel." ends the sentence ("M." is a title: the name goes on)
            continue
        if j > i and _low(token) in words.particles and j + 1 < len(toks) and _particle_then_name(words, toks, j):
            j += 1
            continue
        break
    return j


def _particle_then_name(words: AttributionWords, toks, j: int) -> bool:
    k = j
    while k < len(toks) and _low(toks[k][0]) in words.particles and not _capital(toks[k][0]):
        k += 1
    return k < len(toks) and _capital(toks[k][0]) and _is_word(toks[k][0])


def _np_backward(words: AttributionWords, toks, v: int) -> tuple[int, int] | None:
    """The speaker phrase ending right before toks[v] (the verb): a pronoun, a name, a
    determiner and its noun."""
    if v == 0 or not _is_word(toks[v - 1][0]):
        return None
    w = _low(toks[v - 1][0])
    if w in words.pronouns:
        return v - 1, v
    i = v
    while i > 0 and v - i < _MAX_NAME and _is_word(toks[i - 1][0]):
        token = toks[i - 1][0]
        if _capital(token) or (i < v and _low(token) in words.particles and _capital(toks[i][0])):
            i -= 1
            continue
        break
    if i < v and _low(toks[i][0]) in words.function_words:
        # A sentence's first word, capitalised, is no part of the name after it ("Mas Lula
        # disse", "Aber Merkel sagte"), and no speaker alone ("Poi disse:", "Auch sagte:").
        while i < v and _low(toks[i][0]) in words.function_words:
            i += 1
        if i == v:
            return None
    if i < v:
        if i > 0 and _low(toks[i - 1][0]) in words.determiners:
            i -= 1  # "die Kanzlerin"
        while i < v and _low(toks[i][0]) in words.particles and not _capital(toks[i][0]):
            i += 1  # a capitalised one opens the name: "Von der Leyen", "Di Maio", "Le Pen"
        if i > 0 and _low(toks[i - 1][0]) in words.particles and not _capital(toks[i - 1][0]):
            # "El líder del PP declaró": the capitals complete a role, whose determiner opens it
            k = i - 1
            while k > 0 and i - k < 4 and _is_word(toks[k - 1][0]) and not _capital(toks[k - 1][0]):
                k -= 1
                if _low(toks[k][0]) in words.determiners:
                    return k, v
            if k > 0 and _low(toks[k - 1][0]) in words.determiners:
                return k - 1, v  # "El líder del PP", the determiner capitalised
            return None
        if i < v and (v - i > 1 or _low(toks[i][0]) not in words.stops | words.determiners):
            return i, v
        return None
    # "le ministre a déclaré", "el presidente dijo": a determiner, then words in lower case
    k = v
    while k > 0 and v - k < 3 and _is_word(toks[k - 1][0]) and not _capital(toks[k - 1][0]):
        if _low(toks[k - 1][0]) in words.determiners:
            return (k - 1, v) if k < v else None
        if _low(toks[k - 1][0]) in words.stops:
            return None
        k -= 1
    if k > 0 and _low(toks[k - 1][0]) in words.determiners and k < v:
        return k - 1, v  # "Die Kanzlerin sagte"
    return None


_INITIAL = re.compile(r"[^\W\d_]\.")


def _mention(text: str, toks, rng: tuple[int, int]) -> tuple[str, int, int]:
    i, j = rng
    start, end = toks[i][1], toks[j - 1][2]
    last = toks[j - 1][0]
    if last.endswith(".") and not _INITIAL.fullmatch(last):
        end -= 1  # "sagte Merkel." -> "Merkel", "— сказал он." -> "он" (an initial keeps its dot)
    return text[start:end], start, end


def right_attribution(text: str, lo: int, hi: int, words: AttributionWords) -> tuple[str, int, int] | None:
    """The speaker named right after a quotation closing at `lo`, in text[lo:hi] (the rest of its
    sentence): `, sagte Merkel`, `, a-t-il dit`, `— сказал он`, `, so Merkel`, `, Merkel sagte`."""
    toks = _tokens(text, lo, hi)
    k = 0
    while k < len(toks) and toks[k][0] in _LEAD:
        k += 1
    toks = toks[k : k + 16]
    if not toks:
        return None
    n = _according_at(words, toks, 0)
    if n:
        rng = _np_forward(words, toks, n)
        return _mention(text, toks, rng) if rng else None
    pronoun = _inverted_pronoun(words, toks[0][0])
    if pronoun is not None:
        end = toks[0][2] - (1 if toks[0][0].endswith(".") else 0)
        return pronoun, end - len(pronoun), end
    n = _verb_at(words, toks, 0)
    if n:
        rng = _np_forward(words, toks, n)
        return _mention(text, toks, rng) if rng else None
    rng = _np_forward(words, toks, 0)
    if rng is not None and _verb_at(words, toks, rng[1]):
        return _mention(text, toks, rng)
    return None


_LEFT_TRAIL = frozenset(",;:—–-")


def left_attribution(text: str, lo: int, hi: int, words: AttributionWords) -> tuple[str, int, int] | None:
    """The speaker of the clause text[lo:hi] that introduces a quotation opening at `hi`:
    `Merkel sagte: „`, `Dazu sagte Merkel: „`, `Selon le ministre, «`, `Путин заявил, что «`."""
    toks = _tokens(text, lo, hi)
    while toks and (toks[-1][0] in _LEFT_TRAIL or _low(toks[-1][0]) in _THAT):
        toks.pop()  # "sagte, dass „...“", "dijo que “...”": the verb is before them
    if not toks:
        return None
    for i in range(len(toks) - 1, -1, -1):
        n = _according_at(words, toks, i)
        if n and (rng := _np_forward(words, toks, i + n)) is not None:
            return _mention(text, toks, rng)
    for v in range(len(toks) - 1, -1, -1):
        n = _verb_at(words, toks, v)
        pronoun = _inverted_pronoun(words, toks[v][0]) if not n else None
        if pronoun is not None:
            end = toks[v][2] - (1 if toks[v][0].endswith(".") else 0)
            return pronoun, end - len(pronoun), end
        if not n:
            continue
        rng = _np_forward(words, toks, v + n)
        if rng is None:
            rng = _np_backward(words, toks, v)
        return _mention(text, toks, rng) if rng is not None else None
    return None


_THAT = frozenset("que dass che что qu' qu’".split())


def speaker_words(mention: str, words: AttributionWords) -> str:
    """What the resolver reads of a mention: "he"/"she" for a pronoun ("il", "она"), the name at
    the end of a role ("министр Сергей Лавров": "Сергей Лавров"), else the mention."""
    low = mention.lower()
    if low in words.pronouns:
        return words.pronouns[low]
    if "," in mention and mention.rsplit(",", 1)[1].strip()[:1].isupper():
        mention = mention.rsplit(",", 1)[1].strip()  # "la ministra de Hacienda, María Jesús Montero"
    toks = mention.split()
    n = len(toks)
    while n > 0 and (toks[n - 1][:1].isupper() or (n < len(toks) and toks[n - 1].lower() in words.particles)):
        n -= 1
    while n < len(toks) and toks[n].lower() in words.particles:
        n += 1
    if 0 < n < len(toks) and toks[n - 1].lower() in words.particles:
        if len(toks) - n >= 3:
            return " ".join(toks[n + 1 :])  # "le ministre du Travail Olivier Dussopt"
        return mention  # "la ministra de Hacienda": the capitals complete the role
    role = [t for t in toks[:n] if t.lower() not in words.determiners]
    if n < len(toks) and (role or len(toks) - n >= 2):
        name = toks[n:]  # "le président Emmanuel Macron" ("die Kanzlerin" is the phrase)
        while len(name) > 2 and is_title_word(name[0]):
            name = name[1:]  # "Finanzminister Christian Lindner"
        return " ".join(name)
    return mention


_CONJUNCTIONS = frozenset("e y".split())  # "Ortega y Gasset", but far more often "Lula e Dilma"


def _name_particles(words: AttributionWords) -> frozenset[str]:
    return frozenset(p for p in words.particles if p.isalpha() and p not in _CONJUNCTIONS)


def only_function_words(mention: str, words: AttributionWords) -> bool:
    """Whether every word of `mention` is one of the language's function words ("Quando", "Wenn
    man"): no speaker, whichever rule read it."""
    tokens = [_low(t) for t in mention.split()]
    return bool(tokens) and all(t in words.function_words for t in tokens)


def nominatives(name: str, words: AttributionWords) -> list[str]:
    """The nominatives a name of up to three words in another case may have, by the table's
    endings, each word read in each of its cases ("Пескова": ["Песков", ...], "Дмитрия Пескова":
    ["Дмитрий Песков", ...]), nearest first; [] when no ending fits. Candidates only: the caller
    keeps one that names a person of the article."""
    parts = name.split()
    if not words.cases or not 0 < len(parts) <= 3:
        return []
    options = [[part] + _word_nominatives(part, words) for part in parts]
    found: list[str] = []
    for combination in itertools.product(*options):
        candidate = " ".join(combination)
        if candidate != name and candidate not in found:
            found.append(candidate)
    return found


def _word_nominatives(word: str, words: AttributionWords) -> list[str]:
    return [
        word[: len(word) - len(ending)] + nominative
        for ending, nominative in words.cases
        if word.endswith(ending) and len(word) - len(ending) >= 2
    ]
