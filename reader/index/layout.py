"""What an index folder holds, by name, read without the search engine (no Whoosh import): the
schema version, the active Whoosh folder and its last commit's generation. A `reader index` that
finds nothing changed (noop.py) and the readers' freshness check need no more than these.
"""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path

# Bump when the schema or the analysis changes (including the story features record,
# reader.analysis.stories.FEATURES_VERSION, the stored quotations,
# reader.analysis.quotes.QUOTES_VERSION, and what a term is, reader.index.textproc.TERMS_VERSION):
# an older index is rebuilt automatically.
# 8: quotations v3 (normalised shared quotes, single-mark quotes, speakers that cannot speak).
# 9: story records packed in the state database (reader.analysis.stories.packed).
# 10: terms v2 (reader.index.textproc): accents folded, O'Reilly one word, a trailing 's
#     dropped, CJK runs as pairs of characters.
# 11: quotations v4 (no party tag or sentence-opening ordinary word as the speaker; "Mrs. X"
#     and "she" resolve to the woman of that surname; a spaced ellipsis no longer splits a
#     quoted sentence).
# 12: quotations v5 (CJK corner brackets; a review's or a document's quotation kept with its
#     source; places and publications never the person a pronoun stands for; full names after
#     long titles; a name after a role between commas speaks).
# 13: quotations v6 (a party tag in parentheses after a name: "Rep. Steve King (R-Iowa) said").
# 14: an article's outlet and date read from its file's path when nothing else gives them
#     ("nyt_2016-02-01_slug.txt", "nytimes/slug.md").
# 15: quotations v7 (a role resolves to the one person titled so, "it said" to a document or
#     an organisation, a question put to someone is not theirs, no acronym ends a name).
# 16: an inferred title no longer ends on the ";", ":" or "," that joins a headline to its subhead;
#     an outlet the file's path names outranks a wire service's credit in the text.
# 17: quotations v8 ("shot back" is speech, "state Senate President Pro Tem David Long (R)",
#     "a reporter can be heard asking", a second "he" is the first, "the secretary", a
#     description of a public figure resolves like a pronoun, "Said X, who ...", "Stated X:");
#     stories regrouped: a stock phrase many articles quote earns no shared-quote bonus;
#     terms v3: a zero-width (non-)joiner inside a Persian, Arabic or Indic word (now kept at
#     load) is part of the word and left out of its term; the joiners the loader keeps move
#     every offset after them. The shipped rules cut a comment widget's glued buttons and drop
#     scraped stylesheets, export labels ("ABSTRACT.", "FULL TEXT.") and lone "Getty."/"X";
#     a page `reader fetch` stored without a date takes none from its file's name (older readers
#     named it by the day it was fetched).
# 18: quotations v9 (speakers: the sentence before a quotation names it, "X said:" ending the
#     paragraph before comes first; an attribution reads past a short quotation inside it; "a
#     spokesman for the campaign"; photo credits name no person; more verbs of saying; and what
#     is found: a pull quote or a subhead is not a second quotation; a term talked about, the title
#     of a work and a text dated like a caption are not quotations; a quoted word inside a block
#     quote's paragraph does not continue it; an exclamation, a question or a chant is speech);
#     story features v2: a live blog or a roundup (reader.analysis.stories.items) is grouped by
#     its lead item, so it no longer glues the stories of its other items together.
# 19: an HTML page's masthead heading is not its headline, and a site's name drops its tagline
#     ("LinkNaija | Nigeria's popular news platform") and a handle's underscores ("Wday_").
# 20: story features v3: a quotation earns two articles the shared-quote bonus only from the
#     lead part (the first third) of one of them, so a remark both recall as background no
#     longer makes them one story; a pair with an undated article counts as some days apart,
#     not as the same day (stories.StoryParams.undated_factor); one shared name makes at most
#     half of a pair's score;
#     quotations v11 (speakers: a pronoun is not ruled out by a namesake its clause names by
#     first name or title, "her husband, Bill Clinton", and "he" is not a mention titled "Mrs.";
#     a colon introduces its quotation across a no-break space, "McDonald:\xa0“..."; a digest's
#     headlines are no attribution, and its items' quotations do not go on from one another;
#     two straight marks typed for one double mark, ''...'' or ""..."", are quotation marks; "And
#     he ..." or "His office ..." goes on with the pronoun's chain; "Former Arkansas Rep." is no name;
#     "Twitter’s Adam Sharp" is Adam Sharp; »…« (German, Danish) is a quotation; a short Korean or
#     Japanese quotation said with a quotative particle, “…”고 말했다, 「…」と述べた, is no scare
#     quote);
#     terms v6: a word keeps its combining marks (vowelled Arabic, Devanagari were cut into
#     letters), and a term drops Arabic and Hebrew vowel points and the tatweel; ß is folded to
#     ss (it was s), ё to е; Greek accents and the final sigma are folded (ΑΘΗΝΑ did not find
#     Αθήνα);
#     an HTML page's title drops the site's name it carries ("... | MoreBikes", "LinkNaija |
#     Nigeria's popular news platform: ..."), and a page with no site name in its metadata nor
#     an address takes the one its <title> signs with ("<headline> - Entermedia").
# 21: terms v7: an article in German, Spanish, French, Italian, Dutch, Portuguese or Russian is
#     stemmed in its language (its terms marked with it: `wahl@de`), and a new `lang` field names
#     the language of each article (reader.index.languages).
# 22: a file is named by its corpus folder's token and its path under that folder (roots.py),
#     the folders' places recorded once: a moved or copied corpus rewrites no document.
# 23: quotations v12: speakers in Russian, German, French, Spanish, Italian and Portuguese
#     (their verbs of saying: "„...“, sagte Merkel", "« ... », a déclaré Macron", "«...», —
#     сказал Лавров"); a name in Cyrillic, Greek or Latin with any diacritic is one name
#     ("Łukasz", not a letter); "Capitol Hill", "Central Park" and the "S. Internet" of "U.S.
#     Internet" are no persons; "Dana" is no woman's name only.
# 24: quotations v13: in an article not in English, a function word of its language (Snowball's
#     stop words and the sentence openers they lack) is no speaker and no part of a name
#     ("Quando perguntado, disse:", "Mas Lula disse:"); a Russian name in another case is the
#     person the article names in the nominative for every common pattern ("Дмитрия Пескова",
#     "Жириновского", "Яровой"), and a nominative is never taken for another case ("сказала
#     Захарова" was Андрей Захаров); a name with particles is one name ("Luiz Inácio Lula da
#     Silva", "Ursula von der Leyen", "Von der Leyen sagte");
#     terms v8: an article in Danish, Finnish, Hungarian, Norwegian or Swedish is stemmed in its
#     language (they were stemmed as English: "regeringar" did not find "regeringen").
# 25: quotations v14: a surname with a particle is the full name in English ("Assad said", "al-Assad
#     said" and "he" after "Bashar al-Assad", "de Gaulle said": Charles de Gaulle); a short text
#     reads the function words of the language they point to ("Mas Lula disse:" is Lula's); a
#     Croatian article's speakers are no longer read with Portuguese words; the name set off
#     after a descriptor speaks ("said a spokesman, John Kirby": John Kirby, not a spokesman);
#     terms v9: Croatian (Bosnian, Serbian) articles read as Portuguese and were stemmed so.
# 26: an article's `title_source` (given, headline, first_sentence, file_name) is stored with
#     its metadata; an older document has none, so it is read again.
# 27: quotations v15: a counted speaker is the whole phrase ("said one commuter": one commuter,
#     not "one"; "said two officials" had no speaker, so its quotation was dropped); a title
#     word ending the sentence leaves its period ("said the spokesman.": the spokesman).
# 28: metadata read from the text in more shapes: "Veröffentlicht am", "Publié le" and the like
#     date an article (and "Aktualisiert am" when nothing else does); a dateline's place with
#     capitals outside ASCII or a state after it ("MÜNCHEN, 21. Oktober 2025", "KANSAS CITY,
#     Mo., ..."); Ukrainian month names; "10h05" and "10:05 Uhr MESZ" after a date on its own
#     line, "Updated 2:05 PM ET, Tue October 21, 2025", "Dienstag, 21.10.2025"; a byline or a
#     date line is no title, and a byline gives the author; a title's first sentence ends before
#     a capital of any alphabet; an AP dateline such as "SÃO PAULO (AP) —" or "KYIV, Ukraine
#     (AP) —" names the Associated Press, "(dpa) –", "(EFE).-", "/ТАСС/" their agencies.
# 29: an `author` field, searchable (`author:roe`), and in the state database's article rows
#     (statedb layout 3: `list --json` gives it); a date written without its year dates an
#     article when the year is settled ("WASHINGTON, Oct. 21 —" beside "Updated Oct. 22, 2025",
#     "Tuesday, March 4" on a page saved in 2026), and a relative one ("2 hours ago", "Yesterday
#     at 5:30 PM") on a page whose saving time is recorded (`fetched:`); either, as a line of its
#     own, is no title (reader.corpus.loose_dates).
#     And an HTML page's <br> is a line break inside its paragraph, two or more in a row a paragraph
#     break, as in a feed (each line a <br> ended was a paragraph of its own): the text of such
#     a page, and the offsets after its first <br>, change.
#     And quotations v16: two people named together speak together ("Mr. Udall and Mr. Wyden said":
#     Mark Udall and Ron Wyden); a relative clause's verb is its antecedent's ("Barack Obama, who
#     called him “unfit”"); an ordinary word opening a sentence is no first name ("Both Bolton",
#     "See Sexton"); a first name tells namesakes apart ("Liz Cheney"); a comma after a possessive
#     is no noun ("a friend of the couple's, said"); an adverb in -ly is no part of the speaker
#     ("Brooke tearfully").
# 30: a stamp line without its year, with a time after it or a second stamp ("Updated Oct. 22 at
#     10:05", "Published: Tuesday, March 4 | Updated 5 mins ago", "Publié le 21 octobre à 10h05")
#     is no title, and dates the article when its year is settled, in every language read; a
#     dateline after the headline and byline ("Headline\n\nBy Jane Roe\n\nWASHINGTON, Oct. 21,
#     2025 (Reuters) -") dates it as on the first line; a byline with its date ("By Jane Roe | Oct.
#     21, 2025"), its outlet's initials ("..., CNN"), AP's "By JANE ROE Associated Press", none of
#     its word ("Jane Roe and John Doe | Reuters") gives the author, the date and (a credit the
#     registry knows) the outlet; a wire story's "(Reporting by Jane Roe; ...)" gives the author;
#     an HTML page's author field keeps its names only ("Tom Krisher; AP Auto Writer"), without
#     a label ("Текст: Венера Ерофеева", "Von Max Mustermann") or the site's host name ("Cleveland
#     com"); a byline below the headline without its word gives the author ("Jane Roe in
#     Washington", "Jane Roe" over "USA TODAY"); binary junk behind a UTF-16/32 byte-order mark
#     is no article, UTF-16 without one in any script is text.
#     Quotations v17: a speaking "they" is the group or the two people named before it ("The
#     Georgetown scholars", "Mark Udall and Ron Wyden"), left "they" when that is not clear; a
#     name after a title and its department is a person ("Secretary of State Hillary Clinton",
#     "Director of National Intelligence James Clapper"); Pastor, Fr., Rabbi, Bishop, Imam,
#     Cmdr., Assemblyman/-woman, Councilman/-woman and Professors are titles; a surname two
#     people bear is the one the sentence before names ("Bill Clinton spoke ... Clinton said").
# 31: metadata read from the text in more shapes: one name over its outlet below the headline
#     ("Jane Roe | Reuters") gives the author and the outlet; a hyphenated first name ("Jean-Luc
#     Roe in Paris"); an HTML page's author field names each person once, in the fullest form
#     ("Troy Smith; Troy L Smith": "Troy L Smith"); a title taken from the first sentence leaves
#     its dateline out ("WASHINGTON (Reuters) - The Senate ...": "The Senate ..."); relative stamps
#     in the other languages read ("vor 2 Stunden", "il y a 3 heures", "2 часа назад") and coarse
#     ones ("2 weeks ago") are no title, the former date a page whose saving time is recorded;
#     the Guardian's bylines with several places or "and agencies", the BBC's name over "BBC News,
#     Washington", a name alone over the date line, "Текст: Иван Петров", "Ein Artikel von" give
#     the author; a section's name over the headline ("Politics") is no title; "By Obama's
#     Standards" is no byline; an author field "Admin" names no author;
#     a short UTF-16/32 line without punctuation (a Chinese title saved as "Unicode") is text, and
#     a few bytes of junk behind such a byte-order mark are not (they were skipped, and listed).
#     Quotations v18: an organisation is no person a "he" or "she" stands for ("the Roman
#     Catholic Church", "Human Rights Watch", "the World Bank"); a possessive written with an
#     apostrophe alone is a mention of its person ("Francis' message"); a digest's headline is
#     no part of its item's speaker, nor is a subject a clause names ("Crows are considered the
#     “...”"); a transcript's label speaks its paragraph ("“CLINTON: I feel ...": Hillary Clinton;
#     "“VIDEO: ...": no one), not the sentence that introduced the transcript; "the Florida
#     senator" is the one the article titles with Florida ("Florida Sen. Marco Rubio", "Sen.
#     Marco Rubio (R-Fla.)"), when it names one only, and never another state's; a participle's
#     subject is the last coordinated clause's ("..., and Douglas Parker ... sent her a letter,
#     saying “...”"); an initial opening a name is no sentence end ("and J. Bradford DeLong").
# 32: a byline's outlet on the line below it ("By JANE ROE" / "Associated Press"); a row of buttons
#     ("Share", "Save", "Listen", "Copy link") no line a byline or a date must come within; an HTML
#     page's author field without an outlet, a publisher or words that are no name beside its
#     writer ("Victor Tangermann; Futurism": "Victor Tangermann"); big outlets' date lines: El
#     País's "Madrid - 21 oct 2025 - 10:05 CEST", Folha's "21.out.2025 às 10h05", Der Spiegel's
#     "21.10.2025, 10.05 Uhr • aus DER SPIEGEL 43/2025", Le Monde's "Publié hier à 10h05, modifié
#     à 12h00".
# 33: a byline's outlet and place are no author ("By Jane Roe, BBC News, Washington": Jane Roe, of
#     BBC News; "By Jane Roe, The Guardian"; "By JANE ROE AP"), nor is one word alone ("By
#     Bloomberg"), nor an outlet the registry knows or a newspaper's name after a comma ("By Jane
#     Roe, Washington Examiner", "..., Texas Tribune"), in capitals ("By Jane Roe USA TODAY") or
#     after "for" ("By JANE ROE FOR DAILYMAIL.COM"), nor the places of "By Jane Roe in London and
#     John Doe in Washington"; a name in small letters beside names in capitals is an author ("By
#     bell hooks and Jane Roe"); an HTML page's author field without the outlet the extractor ran
#     on after the name ("Finian Cunningham Sputnik International" on SputnikInt's page).
#     Quotations 19: "in X's words" and "in the words of X" name a quotation's speaker ("The
#     plan, in Pelosi's words, is “a disgrace”"), and someone's words before a quotation are no
#     term ("in his own words, “...”", not "the words “...”").
# 34: a byline's outlet the registry knows right after the names is no author ("By Jane Roe The
#     Washington Post"), nor AP's role after the names in capitals ("By JANE ROE Associated Press
#     Writer", "AP Business Writer"), whose agency is the outlet; a credit's words after a byline's
#     date ("By Jane Roe | Oct. 21, 2025 | Reuters") leave its author, date and outlet read.
#     An HTML page's headline is the one it shows (its <h1>, which its <title> names too) over its
#     og:title or twitter:title when that is another, shorter headline for shared links ("House
#     Hitler was born in to become police station" on a page headed "House Hitler was born in
#     will become a police station, Austria says"); the shown headline no longer opens the text.
# 35: news-please's `date_publish` is an article's date (in JSON Lines, a JSON file, front matter).
#     A byline's place after a comma is no author, though its first word is no name's ("By Jane
#     Roe, Los Angeles" gives Jane Roe); AP's credit after the last of names in capitals between
#     commas is no name ("By JANE ROE, JOHN DOE Associated Press Writers": two authors, outlet AP);
#     the article's own outlet after a name and a comma is no author, though the registry does not
#     know it ("By Jane Roe, Mother Jones" in an article whose metadata names Mother Jones). A
#     wire story's credit in brackets after the last sentence on its line, or its "Writing by"
#     after other parts in the brackets, gives its author ("... East. (Reporting by Jane Roe;").
#     An HTML page's author field of one writer gives way to the byline the page shows when that
#     names them and others ("By Stefan Becket, Kathryn Watson, Grace Segers" on CBS News' page).
#     An outlet's, author's or story's name drops the characters no one sees (a bidi mark or
#     isolate, a Hangul filler, a Mongolian variation selector, a tag character): "Daily
#     Gazette" with a left-to-right mark was a second outlet that read the same, and
#     "bud<LRM>get" another story.
#     Quotations 20: a state's official ("the Florida senator") is read from the state tags after
#     a capitalised word that is no state ("When Sen. Marco Rubio (R-Fla.)"), from AP's two-letter
#     abbreviations with their dots ("Sen. Bob Casey (D-Pa.)", "(D-N.H.)") and from postal codes
#     in a party tag ("D-PA").
# 36: terms v10: a word is read across the characters no one sees inside it, which its term
#     leaves out (a bidi mark or isolate, a soft hyphen, a word joiner, a Hangul filler, a tag
#     character): "bud<LRM>get" was the words `bud` and `get`, in the index and in a query.
# 37: terms v11: a run of CJK characters is read across a mark or a variation selector between
#     two (葛<U+E0100>城, 东<U+302A>京) and across the characters no one sees (東京<LRM>都), which
#     its pairs leave out: the two characters were lone ones, and the pair was not found.
#     A character keeps at most 8 combining marks (decode.cap_marks): a title or text with one
#     letter under 10,000 accents was indexed, listed and shown whole.
#     quotations v21: "the New Hampshire senator" is the one titled "N.H. Sen. Jeanne Shaheen";
#     "Sen. Marco Rubio, R-Fla. Rubio said" tags him with Florida, and a party tag without
#     brackets after a comma ends its sentence before a capital ("..., D-N.H. Shaheen said" had
#     "D-N.H. Shaheen" speak); each quotation of a chain joined by "and", a comma or a semicolon
#     is found ("“Point 1,” it said, and “Point 2,” it said": only the first was), and a chain of
#     "“...,” it said." sentences goes on with the thing named before it.
# 38: quotations v22: a name with a party tag and no title ("Marco Rubio, R-Fla.", "Marco Rubio
#     (R-Fla.)") is a member of Congress from that state, the one "the Florida senator" or "the
#     Florida congressman" stands for (a senator titled elsewhere with no state was taken); a
#     state and a party before a name are no part of it ("Florida Republican Marco Rubio" named
#     no one). A party tag in brackets before a capital ends its sentence whether its state has a
#     dot inside or not ("(D-N.H.) Shaheen said" was one sentence, "(R-Fla.) Rubio said" two),
#     and before a day or a number it does not ("(R-Ariz.) Thursday said" was split).
#     An outlet's filter term (outlet_id) is its name without an emoji's presentation selector
#     (decode.outlet_key): "Rally ❤️ News" and "Rally ❤ News" were two outlets to --outlet.
#     The characters no one sees count with a character's marks in their cap (decode.cap_marks):
#     8 marks, a tag character, 8 marks, ... (or a Mongolian vowel separator, a musical beam
#     control between astral marks) was loaded whole.
#     terms v12: a term leaves out an emoji's or a text's presentation selector (VS16, VS15), as
#     a name is matched: an author "Jane Roe" with VS16 after Roe was not found by author:roe.
# 39: quotations v23: a party tag in brackets ends no sentence before punctuation ("Sen. Chuck
#     Schumer (D-N.Y.) (pictured) said", "& Sen. Tim Kaine", "'s office"): the quotation after it
#     lost its speaker.
# 40: a story's label is its central headline (or names) whole, no longer cut to 70 characters
#     (JSON and CSV give it whole; the screens cut it to their room); an article's `time`, its
#     date's time of day when the source gives one (UTC when its zone is given: front matter,
#     JSON Lines, feeds), in its stored metadata and the state database's article rows (statedb
#     layout 4), so coverage's "first" compares moments, not days.
# 41: a title signed with its outlet's own name ("… | Fox News", "… - The New York Times", from
#     front matter, JSON or a feed) is kept without it (clean.without_outlet_signature): stored
#     titles, and the story features and labels made from them, change; an HTML page's `time`,
#     from its article:published_time or datePublished (it had none), and times written on a
#     12-hour clock ("11:30 PM") read as such.
#     Story features v4: a word opening a sentence ("Later", "Meanwhile") is no part of a name
#     (textstats.OPENING_WORDS, as the comparison's name flags read it).
# 42: story features v5: a given name that is also a grammar word stays in the name inside a
#     sentence ("actor Will Smith", "Sen. Will Hurd" were "Smith", "Hurd"; textstats.GIVEN_NAME_WORDS).
#     Times of day read where they were lost: a page's `<time itemprop="datePublished">`, `<time
#     pubdate>`, `<time class="published">`, hAtom's `<abbr class="published" title=…>`, and a
#     stamp in UTC within a day of the page's date; an ISO date with a 12-hour clock or a zone's
#     name ("2024-03-05 6:30 PM ET", "2024-03-05 18:30 EST"), a time after a date written another
#     way ("March 5, 2024 at 6:30 p.m. EST", a feed's "Di, 05 Mär 2024 18:30:00 +0100", RFC 2822's
#     "+05:30"); a given date not in ISO form
#     ("Tue, 05 Mar 2024 18:30:00 EST") kept its day and lost its time; a "date 2024-03-05 6:30
#     PM" prefix left "6:30 PM" opening the text; a stamp line's time after the date that dates
#     the text ("Published March 5, 2024 at 6:30 p.m. EST"). A number opening a URL's slug after a month's
#     folder ("/2024/03/5-things-to-know/") dated the article the 5th: it dates it no more; the
#     Guardian's "/2019/nov/19/" does.
# 43: story features v6: a stamp line with ISO 8601's moment ("Published 2024-03-05T18:30:00-05:00")
#     is a time stamp, no sentence. A zone's name of the other season ("6:30 PM EST" in July,
#     "EDT" in January) leaves the time as written, its zone not known (it was put an hour off).
#     A page's time in UTC of another day than its date comes only from its <meta> or JSON-LD (a
#     related story's <time class="published"> of the day before was taken) and only from 10:00
#     the day before to 12:00 the day after (UTC-12:00 to +14:00), not a whole day either side.
# 44: inferred dates and times (reader/corpus/infer.py, clean.py): a date whose weekday contradicts
#     it ("Tuesday, March 6, 2024") dates the article only when another date of the text, the URL's
#     or the path's agrees; an inferred date after the day a page was saved (or today) is none; a
#     year run on by a figure ("March 5, 20240") is no date; "/2024/03/05-slug/" dates the URL
#     unless the slug opens with a count ("/2024/03/10-best-phones/"); a time before its date ("6:30
#     p.m., March 5, 2024", a page's "01:38:07 PM IST Nov 20, 2019"), "18h30", "18.30 GMT", "GMT+1" give
#     their moment; "March 5, 2024 (updated March 6, 2024)" is dated the 5th (it was the update's 6th).
# 45: story features v7: a surname that is also a grammar word stays last in the name ("Theresa
#     May said", "George Will's column", "Mrs. May" were "Theresa", "George", nothing;
#     textstats.SURNAME_WORDS); an office inside a run is no part of the name after it ("Florida
#     Gov. Jeb Bush" was a name apart from "Jeb Bush"); a line in capitals with a grammar word
#     inside is no name.
# 46: story features v8 (a surname word after an owner, "Trump's May rally", is no surname; "Minister
#     of Foreign Affairs Sergei Lavrov" names Sergei Lavrov; "Read More about it" none); with
#     no saved moment, an inferred date is none only a year after the clock's day (a clock set
#     wrong, months behind a corpus's dates, dropped them all; an index kept them dropped).
#     A page's date from htmldate is bounded the same way, a day after the clock's (a page
#     published after midnight in a zone ahead of UTC was dated by an older date of the page).
# 47: story features v9 ("General Motors", "Justice Department", "U.S. Attorney's Office" were
#     "Motors", "Department", "Office"; "Speaker of the House Nancy Pelosi" was "House Nancy
#     Pelosi"; a headline's capitals are split at their grammar words).
# 48: inferred dates and times: two dates on a stamp line with no word telling them apart ("March
#     5, 2024 · March 6, 2024") date the article only where the URL's or the path's is one of them;
#     "/2024/03/15-speed-cameras/" is a count (a count's noun among the slug's first three words, no
#     zero before the number); a feed entry's date whose weekday it does not fall on is ignored
#     (with a warning) unless its link's date agrees, and one given in front matter or JSON unless
#     the URL's, the path's or the text's date agrees; the Unix epoch to the second is no date (with
#     a warning where given); a time after a date written day first ("Publié le 05/03/2024 à
#     10h05") is of that day (it was of 3 May), and an article's time of another day is none; an
#     ISO moment on a stamp line ("Published 2024-03-05T10:05:00Z") gives its time; an offset no
#     zone has ("GMT+15") gives none.
# 49: story features v10 (a headline's capitals split only on a headline's line: "Doctors
#     Without Borders", "Jane The Virgin" whole again; "told Theresa May that" names her).
# 50: inferred dates: a plural among a slug's first three words is a count's noun only where it
#     ends the slug or goes on as a count's does, not a headline's verb ("/2024/03/15-senate-
#     passes-budget/" is the 15th again), and a zero before the number is a day ("05-years-of-war");
#     two unlabelled dates on a stamp line in time order date the article by the first; a feed
#     or JSON Lines file whose weekdays are wrong throughout keeps its dates (one warning); an unlabelled
#     date on a stamp line whose other stamp is another language's is read day first.
# 51: the outlet of a site the registry does not know is its name from the URL or news-please's
#     source_domain ("example.com"; it was none; a source_domain the registry knows names its
#     outlet), a Wayback Machine copy's the archived page's outlet; a page is read without the
#     files its markup embeds as data: URIs (one in its text is kept).
# 52: an article's `previous` (the id of the version it replaces: front matter `reader fetch`
#     writes on a page edited upstream) is stored, so the newest version stands for its outlet.
# 53: the state database's stories read by key (statedb: grouped_stories keyed by id, with size and
#     smallest member; a small update reads and writes only the stories it regroups).
# 54: the outlet of a site the registry does not know is its registrable domain (news.example.co.uk
#     is example.co.uk, edition.cnn.com is cnn.com): an index of the older names kept them.
#     Inferred dates and outlets: a page that states only its last edit (article:modified_time,
#     dateModified) is dated by its text, address or path first, else by the edit marked inferred;
#     "05.03.2024 | 06.03.2024" dates the page by the first; "/13-school-districts-close" is a
#     count; an og:site_name that spells the host names the outlet over a JSON-LD publisher's desk.
# 55: terms v13: a dotted acronym is its letters (F.B.I. is found by FBI, G.O.P. by GOP).
# 56: the chains of versions are stored (statedb's versions table), with the links of versions
#     deleted since: `show`, `quotes`, `compare --json` read an article's place in one row.
# 57: story features v11 (a headline's words are names only as the text writes them outside
#     headlines: "SECRETARY OF STATE JOHN KERRY SPEAKS" was "STATE JOHN KERRY SPEAKS").
#     The outlet of a site a shared host keeps under a path is named with it
#     ("sites.google.com/view/jane", "medium.com/@jane"; they were "google.com", "medium.com").
# 58: terms v14: "US" in capitals is the country, as U.S. (a line in capitals' US the pronoun);
#     ligatures, super/subscripts, math letters fold (ﬁnance is finance, CO₂ co2); a hyphenated
#     word is also its joined word at its last part's place (e-mail is email too; re-sign is
#     not resign, co-op not coop).
# 59: terms v15: a line in capitals' "US" is the country before a noun or after "the"/"in" ("US TROOPS").
# 60: the outlet field holds the outlet's spellings joined and its registry aliases (foxnews, nytimes).
# 61: terms v16: "US'S" in capitals is the country, as "US's" is, whatever is around it (the pronoun has no possessive).
# 62: terms v17: a hyphenated word whose part ends on a mark ("हिंदी-भाषी") is also its parts joined.
# 63: terms v18: a hyphen between CJK characters is read across (東京-大阪 is 東京 京大 大阪, as 東京大阪), and one
#     beside a CJK character leaves the compound on its other side ("東京-e-mail" is also email).
# 64: story ids are 64 bits ("s" and 16 hex digits; 40 bits let two stories of a large corpus share one).
# 65: terms v19: a CJK run with hyphens is also its parts apart, placed from its start and from its end
#     (東京-大阪 is 東京 京大 大阪 with 大阪 and 東京 again at 京大's place), so the phrase "東京 大阪" finds it,
#     as "new york" finds new-york.
# 66: terms v20: a CJK run with hyphens is its pairs alone, once (the parts apart placed twice let
#     "大阪 大阪" find 東京-大阪): a query's CJK words apart are also searched joined by the pair
#     across the gap (search.with_cjk_bridges); the small and fullwidth hyphen-minus (U+FE63,
#     U+FF0D) are hyphens (東京－大阪 is 東京 京大 大阪, e－mail also email).
# 67: terms v21: a Portuguese -ões plural is its -ão singular's term (canções canção, eleições
#     eleição: Snowball left cançõ and cançã where the ending is near the word's start).
# 68: an article's `fetched` (front matter `reader fetch` writes: when it fetched the page) is stored,
#     and orders the fetched articles of one day that no time of day tells apart (statedb layout 10);
#     a file saved in a year no page was (`fetched: 9999-12-31T23:59:59Z`) is read, not skipped.
# 69: terms v22: a CJK character standing alone (a particle: the と of 東京 と 大阪) is a term,
#     so that a phrase's particle counts ("東京 と 大阪" found 東京 大阪 and 東京の大阪);
#     the rebuild also reads again the CJK files older versions read as mojibake (no charset declared).
# 70: story features v12: a later version's record names the version it replaces ("previous"), and a
#     chain of versions is grouped as one article, one story whatever its versions' dates.
# 71: terms v23: a number is one word, its separators normalised (1,000 is 1000, as 1000 is; 3,5 is
#     3.5); AT&T, P&G, C++, F# are words (AT&T, P&G also their letters: att, pg), and a domain of
#     three labels or more is also its tails (www.example.org is also example.org).
# 72: terms v24: .NET is the word .net (also net); a number written with thousands dots is its
#     digits (12.500.000 is 12500000, and 1.000 is 1000 in German, Spanish, Italian, Dutch,
#     Portuguese and Danish articles; 1.000,50 is 1000.50); a domain with a bidi mark inside it
#     is also its tails.
#     And a text's byline line ("By Jane Roe") is no part of its text once read as its author
#     (as an HTML page's byline element is not), nor a line under its headline that is only its
#     date ("2025-10-10"): plain text, Markdown, JSON Lines read again; a title loses its outlet's
#     name in parentheses at its end ("Bridge to reopen (Daily Planet)"), as after a separator.
# 73: terms v25: a comma after a lone zero is a decimal comma (0,500 is 0.500, a half; it was
#     0500, a thousands group after a zero).
# 74: terms v26: an article is stemmed in the language read now (Croatian, Bosnian or Serbian was
#     stemmed as Portuguese before session 59 named it), and its file read with today's readings
#     (short Icelandic was read as Turkish, cp1254's "Blağ" for "Blað"; a whole HTML page named
#     .txt was its markup; an .eml with a byte-order mark, or with no mail headers, was skipped):
#     an index built before keeps none of them; the update rebuilds it, with its notice ("the
#     index was built by an older version of reader") and a build's progress.
# 75: terms v27: files read with session 61's readings (Turkish whose one Turkish letter is ı,
#     "Kadıköy", was cp1252's "Kadýköy"; Icelandic's "Þurfa", "Suður", "Þungur" were Turkish's
#     "Şurfa", "Suğur", "Şungur"; a UTF-8 file with a paragraph of cp1252 pasted in was cp1252
#     whole, its UTF-8 letters mojibake, "Straße" read "StraÃŸe"): the update rebuilds an index
#     built before, with its notice and a build's progress.
# 76: terms v28: files read with session 62's readings (Icelandic words starting with a capital
#     Ý, "Ýta", "Ýsa", were Turkish's "İta", "İsa"; Turkish's ı after a y or in "-arı" ending a
#     word, "Yıl", "Yukarı", was cp1252's "Yýl", "Yukarý"): the update rebuilds an index built
#     before, with its notice and a build's progress.
# 77: files read with session 64's readings (a .txt or .md holding a JSON article, a list of
#     them or JSON Lines was its JSON as text, braces and all; a date given over a year ahead was
#     the article's; a page's site name in small letters was title-cased by trafilatura, "eNCA"
#     "Enca", nj.com's "nj" "Nj"): the update rebuilds an index built before, with its notice and
#     progress.
# 78: files read with session 65's readings (a .json file in a corpus folder is read, one of
#     no article fields skipped with that reason; an outlet, author or link that is a flag word or
#     a bare number, `source: true`, is refused; og:site_name "NJ.com" on nj.com names the outlet so,
#     not "nj.com"): the update rebuilds an index built before.
SCHEMA_VERSION = 78
# The analysis versions this schema version stores (a test checks they are current).
STORED_ANALYSIS = {"quotes": 23, "features": 12, "terms": 28}

# The wording of the reasons files are skipped with (a settings.xml in a corpus "is not an RSS or
# Atom feed (its root element is <config>)"), kept with each file's signature: bump when one is
# reworded, and the next update reads again the unchanged files that have a reason (they kept
# the old words for good), or when a file skipped is now read (2: a page a server sent
# gzip-compressed, saved as page.html; UTF-16 cut short by a byte; reasons of a file of a
# byte-order mark alone; 3: an .eml of headers only, or text under its headers with no blank line
# between, "not an email message" before; 4: an .eml with no mail headers, read as plain text, an
# MHTML file of a text/plain part alone, a mail forwarding a message encoded in base64, a .html
# file of no markup, read as text, a long text of NUL bytes at one spot early on, read without
# them; 5: a text of invisible characters alone, "no article text (only invisible characters: …)",
# not "… left after removing boilerplate"). No rebuild: only those files are read.
SKIP_REASONS = 5

# How a file over regular_file.MOST_HASHED is hashed, kept beside the hashes: 2, its sampled
# blocks between its ends too. Bump when that changes, and the next update hashes those files
# again (3 MB each, nothing else read): the hash an older reader stored of an unchanged file was
# never made again, so it matched neither the file itself (`show PATH` loaded the whole file on
# the fly each time, as though it had changed since the update) nor the file renamed.
LARGE_FILE_HASHES = 2

INDEX_NAME = "MAIN"
CURRENT_NAME = "CURRENT"
DEFAULT_DIR = "whoosh"

# Whoosh's table-of-contents file names (whoosh.index.TOC._pattern, its unescaped dot included).
_TOC_PATTERN = re.compile("^_%s_([0-9]+).toc$" % INDEX_NAME)


def current_name(index_dir: Path) -> str:
    """The name of the active Whoosh folder: a rebuild writes a new folder and switches this
    pointer atomically when it is complete, so readers never see a half-built index."""
    try:
        name = (Path(index_dir) / CURRENT_NAME).read_text(encoding="utf-8").strip()
    except OSError:
        return DEFAULT_DIR
    if name.startswith(DEFAULT_DIR) and "/" not in name and name.isprintable():
        return name
    return DEFAULT_DIR


def latest_generation(folder: Path) -> int:
    """The generation of the last commit in a Whoosh folder, from its file names (-1: none), as
    Whoosh's TOC._latest_generation finds it."""
    try:
        names = os.listdir(folder)
    except OSError:
        names = []
    found = [int(m.group(1)) for name in names if (m := _TOC_PATTERN.match(name))]
    return max(found, default=-1)


def has_index(index_dir: Path) -> bool:
    """Whether the folder holds a committed index (of any schema)."""
    return latest_generation(Path(index_dir) / current_name(index_dir)) >= 0


def toc_name(generation: int) -> str:
    return f"_{INDEX_NAME}_{generation}.toc"


class FailedAfterCommit(OSError):
    """A write that failed (a full disk) after the update's commit into the index in use: its
    articles were saved and are searched, but its record of the indexed files (the state database)
    or its checksums were not; the next update makes that record again from the index
    (update.INTERRUPTED_AFTER_COMMIT). Its errno and strerror are the failed write's."""


def write_failure_line(index_dir: Path, exc: OSError) -> str:
    """What an update that failed writing (a full disk) left, and what to do, as `reader index` and
    the app say it: the update cleaned up after itself, so the last committed index stands, or
    there was none. (The index is a cache: nothing of the user's data folder is touched.)"""
    if isinstance(exc, FailedAfterCommit):  # the commit landed: the index is not "unchanged"
        said = (
            f"cannot finish the index's update in {index_dir}: {exc.strerror or exc}; its new articles were saved"
            " and are searched, but not its record of the indexed files, which the next update makes again"
        )
    elif not has_index(index_dir):  # "the last committed index" was none
        said = f"cannot build the index in {index_dir}: {exc.strerror or exc}; nothing was kept"
    else:
        said = f"cannot update the index in {index_dir}: {exc.strerror or exc}; the last committed index is unchanged"
    advice = _WRITE_FAILURE_ADVICE.get(exc.errno or 0)
    return f"{said}; {advice}" if advice else said


# What to do of a write that failed (write_failure_line), by its errno: a full disk (or quota) is
# freed, then the same command runs again; a folder that became read-only is given up for another.
_WRITE_FAILURE_ADVICE = {
    errno.ENOSPC: "free space on its disk (or give another folder with --index DIR or READER_CACHE_DIR) and run it again",
    errno.EDQUOT: "free space within your disk quota (or give another folder with --index DIR or READER_CACHE_DIR)"
    " and run it again",
    errno.EROFS: "its disk became read-only: give a folder you can write with --index DIR or READER_CACHE_DIR",
    errno.EACCES: "it can no longer be written: give a folder you can write with --index DIR or READER_CACHE_DIR",
}
