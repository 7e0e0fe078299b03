"""Speakers of quotations in articles not in English (reader.analysis.attribution_languages), names
in any alphabet, and what is no person (speaker_resolver), each with made-up news text."""

import pytest

from reader.analysis import attribution_languages as languages
from reader.analysis.quotes import find_quotes


def speakers(text: str) -> list[tuple[str | None, str | None]]:
    """(mention as written, resolved speaker) of each quotation; the mention's offsets checked."""
    quotes = find_quotes(text)
    for q in quotes:
        if q.speaker_start is not None:
            assert text[q.speaker_start : q.speaker_end] == q.mention
    return [(q.mention, q.speaker) for q in quotes]


# A paragraph to open each article with: long enough for its language to be told.
LEADS = {
    "ru": "Министр иностранных дел России Сергей Лавров провёл переговоры в Москве с коллегами из "
    "нескольких стран. Встреча продолжалась несколько часов и была посвящена вопросам безопасности.\n\n",
    "de": "Bundeskanzlerin Angela Merkel hat am Montag in Berlin die Pläne der Regierung für das kommende "
    "Jahr vorgestellt. Die Opposition kritisierte die Vorschläge und forderte Nachbesserungen bei der "
    "Finanzierung.\n\n",
    "fr": "Le président Emmanuel Macron a reçu mardi à l'Élysée les représentants des syndicats pour une "
    "réunion consacrée à la réforme des retraites. Les discussions ont duré plus de trois heures et se "
    "sont achevées sans accord.\n\n",
    "es": "El presidente del Gobierno, Pedro Sánchez, se reunió el martes en Madrid con los líderes de los "
    "principales partidos para discutir los presupuestos del próximo año. La reunión terminó sin un "
    "acuerdo entre las partes.\n\n",
    "it": "Il presidente del Consiglio Giuseppe Conte ha incontrato ieri a Roma i rappresentanti delle "
    "regioni per discutere delle nuove misure contro la crisi economica. L'incontro si è concluso con un "
    "accordo su alcuni punti.\n\n",
    "pt": "O presidente Luiz Lula participou nesta segunda-feira de uma reunião com governadores em "
    "Brasília para discutir a reforma tributária. O encontro durou mais de quatro horas e terminou com "
    "um compromisso entre as partes.\n\n",
}


@pytest.mark.parametrize(
    "language,paragraph,mention,speaker",
    [
        # the verb, then its speaker (inverted), right after the quotation
        ("ru", "«Мы готовы к диалогу», — сказал Лавров журналистам.", "Лавров", "Сергей Лавров"),
        ("ru", "«Переговоры прошли хорошо», — отметил он.", "он", "Сергей Лавров"),
        ("de", "„Wir haben eine gute Grundlage geschaffen“, sagte Merkel vor Journalisten.", "Merkel", "Angela Merkel"),
        ("de", "„Das ist ein wichtiger Schritt“, betonte sie.", "sie", "Angela Merkel"),
        ("de", "„Die Finanzierung ist völlig unklar“, so Merkel.", "Merkel", "Angela Merkel"),
        ("fr", "« Nous avons besoin de cette réforme », a déclaré Macron à la sortie.", "Macron", "Emmanuel Macron"),
        ("fr", "« Le dialogue continue », a-t-il ajouté.", "il", "Emmanuel Macron"),
        ("fr", "« Le dialogue continue », dit-il.", "il", "Emmanuel Macron"),
        ("es", '"Vamos a seguir trabajando", dijo Sánchez tras la reunión.', "Sánchez", "Pedro Sánchez"),
        ("es", '"No hay ningún acuerdo todavía", afirmó José Ramón Bauzá.', "José Ramón Bauzá", "José Ramón Bauzá"),
        ("it", '"Siamo pronti a fare la nostra parte", ha detto Conte.', "Conte", "Giuseppe Conte"),
        ("pt", '"Vamos aprovar a reforma ainda este ano", disse Lula aos jornalistas.', "Lula", "Luiz Lula"),
        # the speaker, then the verb, after the quotation
        ("fr", "« Nous restons ouverts », Macron a affirmé.", "Macron", "Emmanuel Macron"),
        # the clause that introduces it
        ("ru", "Пресс-секретарь Дмитрий Песков заявил: «Кремль следит за ситуацией».", None, "Дмитрий Песков"),
        (
            "de",
            "Dazu sagte Finanzminister Christian Lindner: „Wir halten die Schuldenbremse ein.“",
            None,
            "Christian Lindner",
        ),
        ("fr", "Selon Sergueï Lavrov, « la France doit choisir son camp ».", "Sergueï Lavrov", "Sergueï Lavrov"),
        ("fr", "Le ministre du Travail Olivier Dussopt a affirmé : « Nous restons ouverts. »", None, "Olivier Dussopt"),
        (
            "es",
            'Según la ministra de Hacienda, María Jesús Montero, "las cuentas están equilibradas".',
            None,
            "María Jesús Montero",
        ),
        ("it", 'Secondo Matteo Salvini, "il governo ha perso tempo".', "Matteo Salvini", "Matteo Salvini"),
        ("pt", 'Segundo Lula, "a proposta é equilibrada".', "Lula", "Luiz Lula"),
    ],
)
def test_speakers_in_other_languages(language, paragraph, mention, speaker):
    """Only English verbs of saying were known: these had no speaker, and a Cyrillic one came out
    as its first letter."""
    (found_mention, found_speaker), *_ = speakers(LEADS[language] + paragraph)
    if mention is not None:
        assert found_mention == mention
    assert found_speaker == speaker


def test_a_russian_woman_is_she():
    text = LEADS["ru"] + "Официальный представитель МИД Мария Захарова подчеркнула: «Это провокация».\n\n"
    text += "«Мы не будем отвечать на угрозы», — заявила она."
    assert speakers(text) == [("МИД Мария Захарова", "Мария Захарова"), ("она", "Мария Захарова")]


def test_a_role_with_its_complement_is_not_a_name():
    """ "El líder del PP": the capitals complete the role; "PP" is no speaker."""
    text = LEADS["es"] + 'El líder del PP declaró: "Este Gobierno ha fracasado."'
    assert speakers(text) == [("El líder del PP", "El líder del PP")]


def test_a_name_after_a_role_and_its_complement():
    """ "il presidente del Consiglio Giuseppe Conte" names Giuseppe Conte, not Mr. Consiglio Conte."""
    text = LEADS["it"] + '"Siamo pronti", ha detto Conte.'
    assert speakers(text) == [("Conte", "Giuseppe Conte")]


def test_english_articles_use_no_other_language():
    """An English article is read with English words only: a Spanish name is not a verb of saying."""
    text = (
        "The governor met the council on Monday to discuss the budget for the coming year, and the "
        "talks went on late into the night without an agreement between the parties. It was the "
        "third meeting of the week, and the last one before the vote that is due at the end of the "
        "month, when the council has to decide on the plan.\n\n"
        '"We will keep working," the governor said, as Dijo Smith looked on.'
    )
    assert languages.attribution_words(text) is None
    assert speakers(text) == [("the governor", "the governor")]


def test_a_short_text_tries_every_table_after_english():
    assert speakers('"Vamos a seguir", dijo Sánchez.') == [("Sánchez", "Sánchez")]
    assert speakers('"We will go on," said Smith.') == [("Smith", "Smith")]


@pytest.mark.parametrize(
    "paragraph,expected",
    [
        ('O presidente falou no Palácio do Planalto. Mas Lula disse: "Vamos vencer a crise."', [("Lula", "Lula")]),
        ('Quando perguntado sobre a reforma, disse: "Não há outro caminho para o país."', [(None, None)]),
        ('Pero Sánchez dijo en la sede del partido: "No vamos a rendirnos ahora".', [("Sánchez", "Sánchez")]),
    ],
)
def test_a_short_text_reads_the_function_words_of_its_likely_language(paragraph, expected):
    """Under 200 letters a text's language is not told, and every table was tried with no
    function words at all: a short Portuguese item's "Mas Lula" (But Lula) and "Quando" (When)
    were speakers. The language its few function words point to gives its own."""
    assert speakers(paragraph) == expected


def test_a_short_text_with_too_few_function_words_still_tries_every_table():
    assert languages.attribution_words('"Vamos a seguir", dijo Sánchez.') is languages.ANY_LANGUAGE
    assert languages.attribution_words('"We will go on," said Smith and the others.') is languages.ANY_LANGUAGE


@pytest.mark.parametrize(
    "name",
    ["Łukasz Fabiański", "Sergueï Lavrov", "Ștefan Răzvan", "Αλέξης Τσίπρας", "Сергей Лавров"],
)
def test_a_name_in_any_alphabet_is_one_name_in_english(name):
    """A Cyrillic or Greek name, or one starting with Ł or Ș, was no name: its surname alone was
    the speaker, or its first letter."""
    surname = name.split()[-1]
    text = (
        f"{name} spoke to reporters on Sunday after the talks in Geneva had ended.\n\n"
        f'"It was the best night of my career," {surname} said after the game.'
    )
    assert speakers(text) == [(surname, name)]


@pytest.mark.parametrize("place", ["Capitol Hill", "Central Park"])
def test_a_place_named_like_a_person_is_no_speaker(place):
    """ "he" stood for Mr. Hill of "from Capitol Hill", Mr. Park of "around Central Park"."""
    text = (
        f"Prince Andrew was photographed strolling around {place} with the financier.\n\n"
        f"Critics from {place} were quick to respond to the photographs.\n\n"
        '"I took the judgement call that this was serious," he said.'
    )
    assert speakers(text) == [("he", "Andrew")]


def test_us_internet_companies_name_no_person():
    text = (
        "Director of National Intelligence James Clapper issued a statement late Thursday.\n\n"
        "The program allows the agency to tap into top U.S. Internet companies to pull audio and video.\n\n"
        '"The article omits key information," he said of the story.'
    )
    assert speakers(text)[0][1] in ("James Clapper", "he")
    assert "Internet" not in str(speakers(text))


def test_dana_is_no_woman_only():
    """ "she" was left unresolved: with Rep. Dana Rohrabacher read as a woman (Dana was a woman's
    name only), the article named two women."""
    text = (
        "Deputy Assistant Secretary Charlene Lamb testified in October about the attack.\n\n"
        'Asked about the budget, she said: "No."\n\n'
        'But Rep. Dana Rohrabacher, R-Calif., said "any suggestion that this is a budget issue is off base."'
    )
    assert speakers(text)[0] == ("she", "Charlene Lamb")


@pytest.mark.parametrize(
    "paragraph,speaker",
    [
        ("По словам Пескова, «никаких решений пока не принято».", "Дмитрий Песков"),
        ("По словам Захаровой, «это провокация».", "Мария Захарова"),
    ],
)
def test_a_russian_name_in_another_case_is_the_person_named_before(paragraph, speaker):
    """ "по словам" takes the genitive: "Пескова" was a speaker of its own, not Dmitry Peskov."""
    text = LEADS["ru"] + "Дмитрий Песков и Мария Захарова выступили в среду.\n\n" + paragraph
    assert speakers(text)[-1][1] == speaker


# Long enough for each language to be told (a text too short to tell tries every table).
LONG_LEADS = {code: lead * 3 for code, lead in LEADS.items()}


@pytest.mark.parametrize(
    "language,paragraph",
    [
        ("pt", 'Quando perguntado, disse: "Não vamos desistir do país agora".'),
        ("pt", 'Quando questionado sobre o assunto, "não vamos desistir do país agora e nunca", afirmou.'),
        ("pt", 'Também disse: "Não vamos desistir do país agora".'),
        ("es", 'Cuando le preguntaron, dijo: "No vamos a rendirnos ahora".'),
        ("es", 'Donde estaba, dijo: "No vamos a rendirnos ahora".'),
        ("it", 'Quando interrogato sulla questione, "non ci arrenderemo adesso né mai", ha affermato.'),
        ("it", 'Poi disse: "Non ci arrenderemo adesso".'),
        ("fr", "Quand on lui a demandé, il a dit : « Nous ne renoncerons pas maintenant »."),
        ("fr", "Ensuite a déclaré : « Nous ne renoncerons pas maintenant »."),
        ("de", "Auch sagte: „Wir geben jetzt nicht auf.“"),
        ("de", "Wenn man fragt, „wir geben jetzt nicht auf und niemals“, sagte."),
        ("ru", "Когда спросили о ситуации, «мы не сдадимся сейчас и никогда», — заявил."),
        ("ru", "Также заявил: «Мы не сдадимся сейчас»."),
    ],
)
def test_a_function_word_opening_a_sentence_is_no_speaker(language, paragraph):
    """A Portuguese article's sentence-initial "Quando" (when) was a quotation's speaker, and so was
    any capitalised function word ("Poi", "Auch", "Когда", "Wenn man"): the language's stop words
    (Snowball's list, as the index drops them) and the sentence openers it lacks name no one."""
    text = LONG_LEADS[language] + paragraph
    assert languages.attribution_words(text).code == language
    assert speakers(text) == [(None, None)]


@pytest.mark.parametrize(
    "language,paragraph,mention,speaker",
    [
        ("pt", 'Mas Lula disse: "Não vamos desistir do país agora".', "Lula", "Luiz Lula"),
        ("es", 'Pero Sánchez dijo: "No vamos a rendirnos ahora".', "Sánchez", "Pedro Sánchez"),
        ("it", 'Ma Conte ha detto: "Non ci arrenderemo adesso".', "Conte", "Giuseppe Conte"),
        ("fr", "Mais Macron a dit : « Nous ne renoncerons pas maintenant ».", "Macron", "Emmanuel Macron"),
        ("de", "Aber Merkel sagte: „Wir geben jetzt nicht auf.“", "Merkel", "Angela Merkel"),
        ("ru", "Однако Лавров заявил: «Мы не сдадимся сейчас».", "Лавров", "Сергей Лавров"),
    ],
)
def test_a_function_word_before_a_name_is_no_part_of_it(language, paragraph, mention, speaker):
    """ "Mas Lula disse:" was spoken by "Mas Lula" (But Lula), a person of its own."""
    assert speakers(LONG_LEADS[language] + paragraph) == [(mention, speaker)]


def test_function_words_are_the_languages_stop_words_but_not_its_pronouns_or_particles():
    from whoosh.lang.stopwords import stoplists

    for code, table in languages.TABLES.items():
        kept = set(table.pronouns) | table.determiners | table.particles
        nouns = {"estado", "estados"}  # "Estados Unidos dijo": Spanish forms of estar that are nouns too
        assert stoplists[code] - kept - nouns <= table.function_words, code
        assert not kept & table.function_words, code
    assert "quando" in languages.TABLES["pt"].function_words and "ele" not in languages.TABLES["pt"].function_words


_NAMED = (
    "Дмитрий Песков, Мария Захарова, Андрей Захаров и Ирина Яровая выступили в среду. Владимир "
    "Жириновский и Никита Михалков тоже пришли.\n\n"
)


@pytest.mark.parametrize(
    "paragraph,speaker",
    [
        ("По словам Дмитрия Пескова, «никаких решений пока не принято».", "Дмитрий Песков"),
        ("По словам Марии Захаровой, «это провокация».", "Мария Захарова"),
        ("По словам Жириновского, «это провокация».", "Владимир Жириновский"),
        ("По словам Владимира Жириновского, «это провокация».", "Владимир Жириновский"),
        ("По словам Яровой, «это провокация».", "Ирина Яровая"),
        ("По словам Ирины Яровой, «это провокация».", "Ирина Яровая"),
        ("По словам Никиты Михалкова, «это провокация».", "Никита Михалков"),
        ("«Это провокация», — сказала Захарова.", "Мария Захарова"),  # nominative: not Андрей Захаров
        ("«Это провокация», — сказал Андрей Захаров.", "Андрей Захаров"),
        ("По словам Иванова, «это провокация».", "Иванова"),  # no Иванов named: no one to merge with
    ],
)
def test_russian_names_in_other_cases_and_patterns(paragraph, speaker):
    """Only one-word names of -ов/-ев/-ин surnames were read back to their nominative: "По словам
    Дмитрия Пескова" (two words), "Жириновского" (-ский), "Яровой" (-ая), "Ирины" (a first name
    in -а) were speakers of their own. Every ending gives candidates only, kept when the article
    names that person, so a nominative is never merged with another person."""
    assert speakers(LEADS["ru"] + _NAMED + paragraph)[-1][1] == speaker


PT_LEAD = (
    "A reunião em Brasília discutiu a reforma tributária com os governadores dos estados do Nordeste. O "
    "encontro durou mais de quatro horas e terminou com um compromisso entre as partes sobre os próximos "
    "passos da proposta no Congresso.\n\n"
)


def test_a_name_with_particles_is_one_name():
    """ "Luiz Inácio Lula da Silva" was read as "Luiz Inácio Lula" (the run stopped at "da"): "ele"
    and "Lula" were a cut name; "von der Leyen" was no Ursula von der Leyen."""
    text = PT_LEAD + "O presidente Luiz Inácio Lula da Silva visitou o estado.\n\n"
    text += '"Vamos aprovar a reforma", disse Lula. "Seguimos em frente", afirmou ele.'
    assert speakers(text) == [("Lula", "Luiz Inácio Lula da Silva"), ("ele", "Luiz Inácio Lula da Silva")]
    text = LONG_LEADS["de"] + "Kommissionspräsidentin Ursula von der Leyen war in Berlin.\n\n"
    text += "„Wir geben nicht auf“, sagte von der Leyen. „Nie“, sagte sie."
    assert speakers(text) == [("von der Leyen", "Ursula von der Leyen"), ("sie", "Ursula von der Leyen")]


def test_of_the_between_capitals_joins_no_name():
    """ "da", "de", "der" are "of (the)" too: a role's or an institution's complement is no name."""
    text = PT_LEAD + "O ministro da Fazenda Fernando Haddad visitou o estado.\n\n"
    assert speakers(text + '"Vamos aprovar a reforma", disse ele.') == [("ele", "Fernando Haddad")]
    text = LONG_LEADS["es"] + "El Banco de España publicó su informe. El ministro Carlos Cuerpo lo presentó.\n\n"
    assert speakers(text + '"No vamos a rendirnos", dijo él.') == [("él", "Carlos Cuerpo")]


@pytest.mark.parametrize(
    "language,paragraph,mention",
    [
        ("de", "Von der Leyen sagte: „Wir geben jetzt nicht auf.“", "Von der Leyen"),
        ("it", 'Di Maio ha detto: "Non ci arrenderemo adesso".', "Di Maio"),
        ("fr", "Le Pen a déclaré : « Nous ne renoncerons pas maintenant ».", "Le Pen"),
    ],
)
def test_a_name_opening_with_its_particle(language, paragraph, mention):
    """At a sentence's start the particle is capitalised: "Von der Leyen sagte" was spoken by "Von",
    "Di Maio" by "Maio", "Le Pen" by "Pen"."""
    assert speakers(LONG_LEADS[language] + paragraph)[0][0] == mention
