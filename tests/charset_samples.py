"""Made-up news text in legacy charsets, declared nowhere, for the tests of how undeclared bytes are
read (test_corpus_load) and bench/bench_undeclared_cjk.py."""

# Each CJK charset (as browsers read its national standard), with the ASCII words and figures
# such text holds.
CJK_TEXTS = [
    (
        "cp932",
        "東京都は十五日、新型の感染者が確認されたと発表した。都内の病院に入院している。①政府は対策を急ぐ方針だ。",
    ),
    ("euc_jp", "iPhone 15の発売日は9月22日。Appleは新しいMacBook Proも発表した。価格は税込みで12万4800円から。"),
    ("gb18030", "据新华社报道，2024年3月15日，iPhone在中国的销量下降了24%。苹果公司CEO库克表示将继续投资。"),
    ("big5hkscs", "據新華社報道，2024年3月15日，iPhone在中國的銷量下降了24%。蘋果公司CEO庫克表示將繼續投資。"),
    ("cp949", "삼성전자는 2024년 3월 15일 갤럭시 S24를 출시했다고 밝혔다. 가격은 115만원이다."),
]

# One-byte text that no CJK charset may take: Latin-1 words whose accents stand two together
# ("ção" is a Shift_JIS character and an "o"), Cyrillic in KOI8-R (half-width katakana in
# Shift_JIS) and Thai (Big5 ideographs).
ONE_BYTE_TEXTS = [
    (
        "latin-1",
        "Große Straße, Ökonomie und Übermaß, sagte der Bürgermeister. Die Füße taten ihm weh, er aß süße Äpfel.",
    ),
    ("latin-1", "A informação da administração é que a população não aceitará a situação. Coração, nação, ações."),
    ("latin-1", "Größe Füße Ökonomie informação coração Ärger Übung Öl"),
    ("cp1252", "L’été dernier, le maire a dit « c’est bien » à Orléans. “Ölpreis” — €5… ‘déjà’"),
    ("cp1250", "Příliš žluťoučký kůň úpěl ďábelské ódy. Vláda schválila návrh zákona o rozpočtu."),
    ("cp1251", "Президент России заявил, что встреча не состоится. «Это неприемлемо», — сказал он."),
    ("koi8-r", "Президент России заявил, что встреча с американским коллегой не состоится."),
    ("cp1253", "Ο πρωθυπουργός δήλωσε ότι η συνάντηση δεν θα γίνει σήμερα."),
    ("cp874", "นายกรัฐมนตรีกล่าวว่าการประชุมจะไม่เกิดขึ้นในวันนี้"),
    # A few words: too few bytes to tell, each read as three or four ideographs.
    ("cp1252", "the ‘déjà’ said"),
    ("latin-1", "làdéjàÖkonomie"),
    ("cp1250", "Zażółć wody hőség"),
    ("cp1253", "ΒΟΥΛΉΣΉΜΕΡΑΑΘΉΝΑ"),
    ("iso8859_15", "Šárka Šárka"),
]

# Arabic, Hebrew and Greek written without spaces between words (a run-together headline, a slug):
# charset-normalizer takes such a run of letters for gibberish, so the Arabic was read as EUC-JP
# or GBK ideographs, or as cp1252, and the Hebrew as cp1252.
SPACELESS_TEXTS = [
    ("cp1256", "قالرئيسالوزراءإنالاجتماعلنيعقداليوموأضافأنالحكومةستدرسالاقتراح"),
    ("cp1256", "أعلنتوزارةالصحةعنتسجيلحالاتجديدةفيالعاصمة"),
    ("cp1256", "ارتفاعأسعارالنفطفيالأسواقالعالميةاليوم"),
    ("cp1255", "ראשהממשלהאמרשהפגישהלאתתקייםהיוםוהממשלהתבחןאתההצעה"),
    ("cp1255", "משרדהבריאותדיווחעלמקריםחדשיםבירושלים"),
    ("cp1253", "Ηκυβέρνησηανακοίνωσεσήμερανέαμέτραγιατηνοικονομία"),
]

# Western and Central European news text in the one-byte charset its language is written in,
# declared nowhere: Central European in cp1250 (read as cp1252, "Pøíliš", "Za¿ó³æ"), and text
# with the letters and sign ISO-8859-15 holds where Latin-1 has symbols (š ž œ €: "¦árka"),
# beside the Western European text cp1252 reads right, which must stay so.
LATIN_TEXTS = [
    ("cp1252", "Le président a déclaré mercredi que la réforme des retraites serait adoptée à l’automne."),
    ("cp1252", "Der Bürgermeister äußerte sich am Dienstag zur Lösung der Verkehrsprobleme in München."),
    ("cp1252", "El ministro señaló que la economía crecerá un 2,5% este año, según la información oficial."),
    ("cp1252", "O governo português anunciou ações para reduzir a inflação e apoiar as famílias."),
    ("cp1252", "Il presidente della Repubblica ha firmato la legge, così com’è stata approvata."),
    ("cp1252", "Statsministeren sagde på mødet, at regeringen vil øge støtten til de ældre."),
    ("cp1252", "Regeringen föreslår att skatten sänks för pensionärer under nästa år."),
    ("cp1252", "Forsætisráðherra sagði að ríkisstjórnin myndi bregðast við þessu á morgun."),
    ("cp1252", "Zoë Müller, José Sánchez and François Hollande met in Genève on Tuesday, the ministry said."),
    ("cp1252", "Price: 5 ¤ or 4 £, 10° warmer, 100 m³ and ½ — “quoted” ¿Qué? ¡Sí!"),
    ("cp1252", "A pool of 100 m³ was built."),
    ("cp1250", "Vláda schválila návrh zákona o státním rozpočtu na příští rok, řekl ministr financí."),
    ("cp1250", "Premier powiedział, że rząd przyjął projekt ustawy o podatku dochodowym w środę."),
    ("cp1250", "A kormány szerdán elfogadta a költségvetési törvényjavaslatot, közölte a szóvivő."),
    ("cp1250", "Vláda Slovenskej republiky schválila návrh zákona o štátnom rozpočte na budúci rok."),
    ("cp1250", "Vlada je usvojila prijedlog zakona o proračunu; oporba će glasati protiv, rekao je šef kluba."),
    ("cp1250", "Łódź, Kraków i Gdańsk: zażółć gęślą jaźń."),
    ("iso8859_15", "Hallitus esitti šekkien käytön lopettamista, ja žurnalistit kysyivät hinnasta 5 €."),
    ("iso8859_15", "Le cœur de l'œuvre, dit-il, coûte 20 € ; Œdipe et sœur."),
]
