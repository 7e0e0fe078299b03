"""Short undeclared one-byte texts: how many of made-up samples, cut to 1, 2, 3, 5 words and whole,
this tree reads right against another tree's reader/corpus/decode.py, in the same run.

    python bench/bench_short_charsets.py [--before REF]

Each sample (Russian in KOI8-R and cp1251, all-capital and ordinary Greek in cp1253 and
ISO-8859-7, Turkish in cp1254, Croatian, Czech and Polish in cp1250, French, German, Spanish,
Italian, Danish, Icelandic and English naming foreigners in cp1252) is cut to its first N words and decoded as a plain file and as a page; a cut is right
when the text read is the text written. Then single words (WORDS), as written and capitalised, each as a file. Prints, for each charset and length, right before/now,
then the cuts read differently, then the processor time of both trees over all the cuts.
"""

from __future__ import annotations

import argparse
import collections
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(1, str(ROOT / "bench"))

from bench_undeclared_cjk import load_before  # noqa: E402

from reader.corpus import decode as current  # noqa: E402

SAMPLES = [
    ("koi8-r", "листопад в Москве начался рано, сказал синоптик"),
    ("koi8-r", "Новости дня: правительство одобрило бюджет на следующий год"),
    ("koi8-r", "столица готовится к выборам мэра"),
    ("koi8-r", "Погода испортилась к вечеру понедельника"),
    ("koi8-r", "министр обороны посетил завод в Туле"),
    ("koi8-r", "ТАСС сообщает о новых санкциях"),
    ("cp1251", "Лента новостей: министр финансов подал в отставку"),
    ("cp1251", "листопад в Москве начался рано, сказал синоптик"),
    ("cp1251", "МОСКВА готовится к зиме, заявил мэр"),
    ("cp1253", "ΑΘΗΝΑ ΣΗΜΕΡΑ ΟΙ ΕΚΛΟΓΕΣ ΤΗΣ ΚΥΒΕΡΝΗΣΗΣ"),
    ("cp1253", "Η κυβέρνηση ανακοίνωσε σήμερα νέα μέτρα για την οικονομία"),
    ("cp1253", "ΚΥΒΕΡΝΗΣΗΑΝΑΚΟΙΝΩΣΕΣΗΜΕΡΑ"),
    ("cp1253", "ΠΟΛΙΤΙΚΗ ΟΙΚΟΝΟΜΙΑ ΚΟΣΜΟΣ ΑΘΛΗΤΙΣΜΟΣ ΠΟΛΙΤΙΣΜΟΣ"),
    ("cp1253", "ΕΙΔΗΣΕΙΣ: ΣΕΙΣΜΟΣ ΣΤΗΝ ΚΡΗΤΗ"),
    ("cp1253", "ΝΕΑ ΔΗΜΟΚΡΑΤΙΑ ΚΑΙ ΣΥΡΙΖΑ ΣΤΗ ΒΟΥΛΗ"),
    ("cp1253", "ΠΟΛΙΤΙΚΗ ΟΙΚΟΝΟΜΙΑ ΚΟΣΜΟΣ ΑΘΛΗΤΙΣΜΟΣ ΠΟΛΙΤΙΣΜΟΣ ΤΕΧΝΟΛΟΓΙΑ ΥΓΕΙΑ ΠΕΡΙΒΑΛΛΟΝ ΚΑΙΡΟΣ"),
    ("iso8859-7", "Η ΚΥΒΕΡΝΗΣΗ ΑΝΑΚΟΙΝΩΣΕ ΣΗΜΕΡΑ ΝΕΑ ΜΕΤΡΑ ΓΙΑ ΤΗΝ ΟΙΚΟΝΟΜΙΑ ΚΑΙ ΤΗΝ ΑΝΑΠΤΥΞΗ ΤΗΣ ΧΩΡΑΣ"),
    ("iso8859-7", "ΑΘΗΝΑ ΣΗΜΕΡΑ\nΗ κυβέρνηση ανακοίνωσε σήμερα νέα μέτρα για την οικονομία και την ανάπτυξη."),
    ("koi8-r", "правительство одобрило бюджет на следующий год, сообщили в министерстве финансов"),
    ("koi8-r", "москва готовится к зиме. коммунальные службы проверяют отопление в домах и школах"),
    ("cp1254", "Başbakan yeni vergi düzenlemesini açıkladı"),
    ("cp1254", "İstanbul'da yağmur etkili oldu, dedi valilik"),
    ("cp1254", "Şehir merkezinde trafik sıkışıklığı yaşandı"),
    ("cp1254", "Cumhurbaşkanı Erdoğan Ankara'da konuştu"),
    ("cp1254", "Ağrı Dağı'nda kar yağışı başladı"),
    ("cp1254", "Türkiye'de ekonomi büyüdü, dedi bakan"),
    ("cp1254", "Şirket hisseleri değer kaybetti"),
    ("cp1254", "Uğur Mumcu anıldı"),
    ("cp1254", "Eğitim bakanı açıklama yaptı"),
    ("cp1254", "Doğu Karadeniz'de sel"),
    ("cp1254", "Şu anda ağ bağlantısı yok"),
    ("cp1252", "Alþingi samþykkti lögin í dag, sagði ráðherra"),
    ("cp1252", "Það er gott veður á Íslandi í dag"),
    ("cp1252", "Þetta er það sem þeir vilja"),
    ("cp1252", "Veður fer versnandi á morgun"),
    ("cp1252", "Ýmislegt gerðist í gær"),
    ("cp1252", "Hvað segir þú"),
    # session 59: Icelandic whose first words have þ, ð or ý and no á, é, í, ó, ú or æ, none of the
    # commonest words, and Turkish with ğ and ş where the Icelandic letters' places are told from.
    ("cp1252", "Veðrið versnar í kvöld"),
    ("cp1252", "Þingið kemur saman á morgun"),
    ("cp1252", "Leikurinn endaði með jafntefli"),
    ("cp1252", "Eldgos hafið á Reykjanesi"),
    ("cp1252", "Þrír slösuðust í árekstri"),
    ("cp1252", "Guðmundur skoraði tvö mörk"),
    ("cp1252", "Heiðar Helguson er hættur"),
    ("cp1252", "Aðgerðir stjórnvalda kynntar"),
    ("cp1252", "Fundur verður haldinn á miðvikudag"),
    ("cp1252", "Þjóðverjar unnu leikinn"),
    ("cp1252", "Eiður Smári skoraði"),
    ("cp1252", "Leiðin heim er lokuð"),
    ("cp1252", "Liðið tapaði illa í gær"),
    ("cp1252", "Þyrla sótti slasaðan mann"),
    ("cp1252", "Breiðablik vann deildina"),
    ("cp1252", "Verðbólga eykst enn"),
    # Faroese (ð, and ø that Turkish lacks)
    ("cp1252", "Veðrið verður gott í dag"),
    ("cp1252", "Landsstýrið hevur samtykt uppskotið"),
    ("cp1252", "Tað regnar í Havn"),
    ("cp1252", "Skipið sigldi út úr havnini"),
    ("cp1252", "Føroya Løgting samtykti lógina"),
    # Old English (þ and ð beside æ, which Turkish lacks)
    ("cp1252", "Hwæt! We Gardena in geardagum þeodcyninga þrym gefrunon"),
    ("cp1252", "Þa wæs on burgum Beowulf Scyldinga"),
    ("cp1254", "Diğer ülkeler de tepki gösterdi"),
    ("cp1254", "Öğretmenler yarın grevde"),
    ("cp1254", "Boğaziçi Üniversitesi'nde eylem"),
    ("cp1254", "Soğuk hava dalgası geliyor"),
    ("cp1254", "Beyoğlu'nda yangın çıktı"),
    ("cp1254", "Çiğ köfte fiyatları arttı"),
    ("cp1254", "Tuğba Ekinci konser verdi"),
    ("cp1254", "Ağzı açık kaldı"),
    ("cp1254", "Sağlık Bakanlığı açıkladı"),
    ("cp1254", "Şanlıurfa'da deprem oldu"),
    ("cp1254", "Dağ yolunda kaza"),
    ("cp1254", "Bağımsız aday seçildi"),
    ("cp1254", "Şampiyonlar Ligi kurası çekildi"),
    ("cp1254", "Ertuğrul Gazi anıldı"),
    ("cp1254", "Oğuz Atay'ın romanı basıldı"),
    ("cp1254", "Yağız Sabuncuoğlu konuştu"),
    ("cp1254", "Eğlence mekanında kavga"),
    ("cp1254", "Düğün salonunda yangın"),
    ("cp1254", "Yağsa da maç oynanacak"),
    ("cp1254", "Dağhan Küçük Doğtaş'tan ayrıldı"),
    ("cp1254", "Şimdi ne olacak"),
    ("cp1254", "Beşiktaş deplasmanda kazandı"),
    # session 62's review: Turkish's İsa (a name; Icelandic's Ýsa, haddock), Icelandic lines of
    # one þ or ð among words of ASCII alone
    ("cp1254", "Hz. İsa'nın doğum günü kutlandı"),
    ("cp1254", "İsa Yılmaz dün İstanbul'da konuştu"),
    ("cp1254", "Futbolcu İsa ve Ahmet bugün antrenmana çıktı, teknik direktör açıkladı"),
    ("cp1252", "Þoka yfir borginni"),
    ("cp1252", "Bað og sturta"),
    ("cp1252", "Ýsa fyrir alla"),
    ("cp1250", "proračun za iduću godinu usvojen je u saboru"),
    ("cp1250", "Vlada je objavila proračun, rekao je ministar."),
    ("cp1250", "Čovjek je rekao da će sutra padati kiša"),
    ("cp1250", "Příliš žluťoučký kůň úpěl ďábelské ódy"),
    ("cp1250", "Zażółć gęślą jaźń, powiedział premier"),
    ("cp1252", "Le président a déclaré mercredi que la réforme passera"),
    ("cp1252", "Très chère mère, après le dîner au café"),
    ("cp1252", "Der Bürgermeister äußerte sich zur Lösung"),
    ("cp1252", "El ministro señaló que la economía crecerá"),
    ("cp1252", "Il governo è caduto, perché la legge è passata"),
    ("cp1252", "Statsministeren sagde på mødet, at støtten øges"),
    ("cp1252", "Zoë Müller and José Sánchez met in Genève"),
    ("cp1252", "Noël à Compiègne: poème, problème, système"),
]
LENGTHS = (1, 2, 3, 5, None)
# Single words, each a file alone as written and capitalised (session 59): Turkish words of ğ, ş,
# ı and İ, Icelandic ones of þ, ð and ý with no á, é, í, ó, ú or æ (the letters alone tell them).
WORDS = {
    "cp1254": (
        "ağaç ağabey ağır ağız ağzı ağlamak ağrı ağustos ağ bağ bağımsız bağlantı bağlı bağış bağırdı bağlam "
        "başbakan başkan başka başladı başarı başarılı beğendi beğeni beşiktaş beyoğlu boğaz boğaziçi boğa "
        "boğuldu buğday buğra çağ çağrı çağdaş çağlayan çağatay çoğu çoğunluk çiğ çiğdem değer değil değişti "
        "değişiklik değerlendirme değirmen diğer dağ dağı dağıttı dağılım doğa doğal doğan doğdu doğru doğum "
        "doğu doğuş düğme düğün eğer eğitim eğlence eğilim eğri erdoğan ertuğrul göğüs gerektiğini ilgili "
        "iğne kağıt kâğıt kâğıthane kadıköy kılıçdaroğlu karaoğlu hacıoğlu alioğlu ahmetoğlu muğla niğde "
        "iğdır oğlu oğul oğuz öğle öğle öğrenci öğretmen öğrendi öğe öğün sağ sağlık sağlam sağladı sağanak "
        "sığ soğan soğuk söğüt tuğba tuğçe tuğrul uğur uğraş yağ yağmur yağış yağız yeğen yoğun yoğurt "
        "olduğunu olmadığını olacağını yapacağız geleceğiz bildiğimiz söylediği gittiği aldığı verdiği ettiği "
        "olduğu dediği sağlıklı düzenlediği iğrenç bağdat ağrıdağı iş işçi işte işlem kış kişi kişisel şehir "
        "şimdi şu şöyle şey şart şans şampiyon şanlıurfa şirket şiddet şüpheli şubat şarkı şener şahin şükrü "
        "ayşe karşı karşılaştı kurşun güneş ateş eşi eşitlik beş baş taş yaş yaşam yaşandı yaşlı savaş barış "
        "ilişki gelişme görüşme konuşma konuştu tanış çalışma çarşamba perşembe akşam aşk aşağı yukarı "
        "dışişleri içişleri dış ıslak ılık ırmak ışık iğde kırşehir ısparta ıstanbul istanbul İstanbul İzmir "
        "İran İngiltere İsrail İtalya İspanya İsveç İsviçre İçişleri İşçi İlçe İnsan Işık Ilgaz Iğdır ÇİĞ "
        "DOĞU DİĞER DEĞİL AĞRI ŞEHİR İSTANBUL BAŞBAKAN ERDOĞAN DÜĞÜN SIĞ SOĞUK KAĞIT BAĞIMSIZ OĞLU "
        "SABUNCUOĞLU AYŞE KARŞI ŞİMDİ IĞDIR ÖĞRENCİ ÖĞRETMEN GÖĞÜS bağkur bağ-kur tuğgeneral doğmuş sağmal "
        "dağcı dağlık yağsın yağsa doğsun doğsa değse boğsun sağsalim dağhan tuğhan doğtaş ağva gülşen gülşah"
        # session 60: Turkish of the shapes the Icelandic word rules look at (-ns, -şk, a double
        # consonant between vowels, two consonants starting a word of ş)
        " şans dans aşk köşk hakkında şikâyet flaş fransızca şampuan yağmurlu doğruluğu"
        # (a loan of two consonants first and its k made ğ; a g before a word's ğ)
        " trafiği trafiğe trafiğin krallığı bloğu stoğu grafiği profesörlüğü klasikliği prensliği spikerliği"
        " programlığı planlığı egemenliği egemenliğe sigortacılığı pedagoğu"
        # session 62: ı alone after a y or in "-arı" ending a word
        " yıl yılmaz yıkım onları kararları dışarı"
    ).split(),
    "cp1252": (
        "það þetta þeir þegar þar þau þess þessi þingið þing þingi þurfa þrír þriðja þykir þinn veður veðrið "
        "maður sagði gerði heiður heiðar eiður sigurður guðmundur þorsteinn þorgerður þingeyri seyðisfjörður "
        "eyjafjörður alþingi alþingis samþykkti leiðin liðið lið hafið verið komið málið sagt hvað með við "
        "eða aðeins aðgerðir aðferð aðstoð miðvikudag miðborg borðið jörð orð orðið norður suður suðurland "
        "norðurland vestur breiðablik auðvitað rauða rauður dauður sauðfé þjóð þjóðin þjóðverjar þrettán "
        "þverá því þyrla þungur þekktur þegn þurrkur þoka þúsund þriðjudag fimmtudag verðbólga verður verð "
        "verðið eldgos heiðin reiði beiðni leið leiðir greiða greiðslu neyð neyðin breyting vegurinn endaði "
        "skoraði tapaði vann kallaði fjallaði spurði lagði hafði sagðist virðist varð urðu ðu guð guðrún stuð "
        "bað blað blaðið staður staðurinn staðan kveðja kveðið"
        # session 60: the brief's words
        " miðvikudagur guðs"
        # session 61's review: Icelandic whose one letter beyond ASCII is ý (ı in cp1254), with ö
        # or starting a word or before "nda"
        " nýsköpun nýsköpunar nýjöfnun ýmsu ýta ýkjur ýsa sýndar sýndarveruleiki týnda sýnda nýr dýr"
        " kýr mýri býli skýrsla lýsing týr nýtt týsdagur"
        # session 62: Icelandic words starting with ý, capitalised too
        " ýtarleg ýtarlega ýtti ýkt ýktur ýsu"
    ).split(),
    # session 61: Czech and Slovak whose one letter beyond ASCII is ý, which cp1254 reads ı
    "cp1250": "nový dobrý výbor výzkum mlýn týn výsledek starý malý být výroba výkon týden hlavný býk zlatý prastarý".split(),
}


def cut(text: str, words: int | None) -> str:
    return text if words is None else " ".join(text.split()[:words])


def _capitalised(word: str, encoding: str) -> str:
    """The word with a capital, as its language writes it (Turkish: i is İ)."""
    if encoding == "cp1254" and word[:1] == "i":
        return "İ" + word[1:]
    return word[:1].upper() + word[1:]


def is_right(module, text: str, encoding: str, html: bool) -> bool:
    data = (f"<html><body><p>{text}</p></body></html>" if html else text).encode(encoding)
    try:
        read = module.decode_bytes(data, html=html)[0]
    except module.BinaryFile:
        return False
    return text in read


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", default="origin/main")
    args = parser.parse_args()
    subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--verify", args.before], check=True, capture_output=True)
    before = load_before(args.before)
    right: dict[tuple[str, str], list[int]] = collections.defaultdict(lambda: [0, 0, 0])
    changed: list[str] = []
    spent = {"before": 0.0, "now": 0.0}
    for encoding, sample in SAMPLES:
        for words in LENGTHS:
            text = cut(sample, words)
            for html in (False, True):
                said = []
                for name, module in (("before", before), ("now", current)):
                    start = time.process_time()
                    said.append(is_right(module, text, encoding, html))
                    spent[name] += time.process_time() - start
                row = right[(encoding, "whole" if words is None else f"{words} words")]
                row[0] += said[0]
                row[1] += said[1]
                row[2] += 1
                if said[0] != said[1]:
                    verdicts = ["right" if ok else "WRONG" for ok in said]
                    where = "page" if html else "file"
                    changed.append(f"{encoding:<8} {where}: {text!r} {verdicts[0]} -> {verdicts[1]}")
    for encoding, words in WORDS.items():
        for word in words:
            for text in dict.fromkeys([word, _capitalised(word, encoding)]):
                said = [is_right(module, text, encoding, False) for module in (before, current)]
                row = right[(encoding, "a word")]
                row[0] += said[0]
                row[1] += said[1]
                row[2] += 1
                if said[0] != said[1]:
                    verdicts = ["right" if ok else "WRONG" for ok in said]
                    changed.append(f"{encoding:<8} word: {text!r} {verdicts[0]} -> {verdicts[1]}")
    print(f"{'charset':<8} {'length':<8} {'before':>7} {'now':>7}")
    totals = [0, 0, 0]
    for (encoding, length), (was, now, cases) in right.items():
        print(f"{encoding:<8} {length:<8} {was:>3}/{cases:<3} {now:>3}/{cases:<3}")
        totals = [totals[0] + was, totals[1] + now, totals[2] + cases]
    print(f"all: right before {totals[0]}/{totals[2]}, now {totals[1]}/{totals[2]}")
    for line in changed:
        print(f"  changed: {line}")
    print(f"decoding CPU time: before {spent['before'] * 1000:.1f} ms, now {spent['now'] * 1000:.1f} ms")


if __name__ == "__main__":
    main()
