"""Word lists the resolution rules read (rules as data, each list used by one rule).

Every list is lower-case ASCII, compared with the tokens `keys.name_parts` produces.
"""

from __future__ import annotations

# Leading words dropped from PERSON names ("King Abdullah II" -> "Abdullah II"), while one word remains.
TITLES = frozenset(
    """
    president vice prime minister foreign defense defence interior finance secretary general gen lt lieutenant
    col colonel capt captain commander sgt sergeant adm admiral marshal brig brigadier king queen prince
    princess crown emir amir sheikh sheik shaykh sultan ayatollah grand mufti imam mullah pope cardinal bishop
    archbishop rabbi rev reverend father dr doctor prof professor mr mrs ms miss sir dame lord lady sen senator
    rep congressman congresswoman gov governor mayor chancellor speaker judge justice ambassador envoy
    spokesman spokeswoman spokesperson chief deputy acting former late supreme leader
    """.split()
)

# Lower-case words that belong to a person's name ("de Gaulle", "bin Salman"), never dropped as noise.
NAME_PARTICLES = (
    "al",
    "el",
    "ul",
    "bin",
    "ibn",
    "bint",
    "abu",
    "bou",
    "de",
    "del",
    "della",
    "der",
    "den",
    "di",
    "da",
    "das",
    "dos",
    "du",
    "la",
    "le",
    "van",
    "von",
    "ter",
    "ten",
    "y",
)

# Particles dropped wherever they stand as a word of their own ("Bashar al Assad" = "Bashar al-Assad").
STANDALONE_PARTICLES = frozenset({"al"})

# Arabic article forms dropped when hyphenated to the next word ("al-Sham", "el-Sisi", "an-Nusra").
HYPHEN_PARTICLES = ("al", "el", "ul", "ad", "ar", "as", "ash", "at", "az", "an", "adh", "ath")

# Words that never give an initial to an acronym ("Syrian Observatory for Human Rights" -> SOHR).
ACRONYM_SKIP = frozenset("a an of for the and de du des la le in on at to &".split())

# A PERSON-voted name holding one of these words is an organisation ("Kataib Hezbollah").
ORG_CUES = frozenset(
    """
    forces force army party front corps council ministry group committee union observatory organization
    organisation brigade brigades movement agency institute university bank company corporation association
    federation league coalition alliance court police guard guards defense defence helmets news times post
    inc ltd llc co network herald dispatch tribune journal gazette telegraph chronicle press
    magazine radio television tv militia militias battalion regiment command authority government administration
    hezbollah hizbollah hizbullah hizb kataib liwa jaysh jaish jabhat harakat asaib saraya tahrir
    """.split()
)

# Roman numerals and ordinals kept verbatim by the folds ("Abdullah II" is never "Abdullah I").
NUMERALS = frozenset("i ii iii iv v vi vii viii ix x xi xii xiii xiv xv xvi jr sr".split())

# Country names the gazetteer's own list lacks: surface form -> ISO code.
COUNTRY_ALIASES: dict[str, str] = {
    "US": "US",
    "U.S.": "US",
    "USA": "US",
    "U.S.A.": "US",
    "United States of America": "US",
    "UK": "GB",
    "U.K.": "GB",
    "Britain": "GB",
    "Great Britain": "GB",
    "Russian Federation": "RU",
    "Czech Republic": "CZ",
    "Holland": "NL",
    "Netherlands": "NL",
    "Burma": "MM",
    "Palestine": "PS",
    "Palestinian Territories": "PS",
    "UAE": "AE",
    "Turkiye": "TR",
    "Vatican City": "VA",
    "Ivory Coast": "CI",
    "Cote d'Ivoire": "CI",
    "Swaziland": "SZ",
    "East Timor": "TL",
    "Republic of Korea": "KR",
    "DPRK": "KP",
    "Islamic Republic of Iran": "IR",
    "Syrian Arab Republic": "SY",
    "Republic of Ireland": "IE",
    "Macedonia": "MK",
    "Cape Verde": "CV",
    "DRC": "CD",
    "DR Congo": "CD",
    "People's Republic of China": "CN",
    "PRC": "CN",
}
