"""The articles of the fixture warehouse, written with inline markup the builder turns into rows.

`[[surface|key]]` marks a span: key `e:<entity>` is a mention, `f:<figure>` a figure,
`v:<event>` an event trigger, `q:<quote>` a quotation, `s:<source>` a cited source. The
hand-written articles are excerpts of the five seed articles (same outlets' story: Iraqi
militias cross into Syria after rebels take Aleppo), so a test's assertions read the same
against this fixture and against the warehouse the real pipeline builds from seeds/.
`synthetic_articles(n)` makes any number of articles for benchmarks.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

# key -> (name, label, aliases)
ENTITIES = {
    "hts": ("Hayat Tahrir al-Sham", "ORG", ["Hayat Tahrir al-Sham", "HTS"]),
    "aleppo": ("Aleppo", "GPE", ["Aleppo"]),
    "assad": ("Bashar Assad", "PERSON", ["Bashar Assad", "Assad", "Bashar al-Assad"]),
    "araghchi": ("Abbas Araghchi", "PERSON", ["Abbas Araghchi", "Abbas Araqchi", "Araghchi"]),
    "syria": ("Syria", "GPE", ["Syria"]),
    "iran": ("Iran", "GPE", ["Iran"]),
    "iraq": ("Iraq", "GPE", ["Iraq"]),
    "idlib": ("Idlib", "GPE", ["Idlib"]),
    "damascus": ("Damascus", "GPE", ["Damascus"]),
    "bukamal": ("Bukamal", "GPE", ["Bukamal", "Bou Kamal"]),
    "sohr": ("Syrian Observatory for Human Rights", "ORG", ["Syrian Observatory for Human Rights"]),
    "pmf": ("Popular Mobilization Forces", "ORG", ["Popular Mobilization Forces"]),
    "reuters": ("Reuters", "ORG", ["Reuters"]),
}

# What a figure counts: (unit, category). dbt's reference CSVs turn them into unit classes (sql/reference/).
FIGHTERS = ("fighter", "people")
DEATHS = ("death", "casualties")
CIVILIANS = ("civilian", "people")
NO_UNIT = (None, None)  # a bare number: a figure, not a claim


def _float(x) -> float | None:
    return None if x is None else float(x)


def fig(kind, qualifier, value, low, high, attributed_to=None, verb=None) -> dict:
    """A figure's raw columns; `attributed_to` is a phrase of the figure's sentence, `verb` the claim verb."""
    unit, category = kind
    return {
        "unit": unit,
        "category": category,
        "claim_verb": verb,
        "qualifier": qualifier,
        "value": _float(value),
        "value_low": _float(low),
        "value_high": _float(high),
        "attributed_to": attributed_to,
    }


def event(event_type, actor=None, target=None, place=None, when=None, figure=None) -> dict:
    """An event's raw columns; actor, target and place are phrases of its sentence, `figure` the key of the
    figure the event is about (dbt places a claim where its event happened)."""
    return {
        "event_type": event_type,
        "actor_text": actor,
        "target_text": target,
        "location_text": place,
        "event_date": when,
        "figure": figure,
    }


@dataclass
class Article:
    doc_id: str
    outlet: str
    title: str | None
    published_at: datetime | None
    paragraphs: list[
        list[str]
    ]  # sentences with [[surface|key]] markup; a one-sentence first paragraph may be a heading
    figures: dict[str, dict] = field(default_factory=dict)
    events: dict[str, dict] = field(default_factory=dict)
    heading: bool = False
    path: str = ""


D1, D2, D3 = date(2024, 12, 1), date(2024, 12, 2), date(2024, 12, 3)
XSS = '<script>window.__pwned=1</script> and <img src=x onerror="window.__pwned=1">'

SEED_LIKE = [
    Article(
        "f6e1a7a530e49b6b",
        "newsweek.com",
        "Iran-backed militias reinforce Assad",
        datetime(2024, 12, 8, 9),
        [
            ["Iran-backed militias reinforce [[Assad|e:assad]]"],
            [
                "Recent reports indicate a movement of militia fighters from [[Iraq|e:iraq]] into [[Syria|e:syria]] to support President [[Bashar Assad|e:assad]].",
                "According to [[Iraqi security officials|s:officials]], [[at least three hundred|f:fighters]] of these fighters [[crossed|v:cross]] into [[Syria|e:syria]] using a remote dirt road.",
            ],
            [
                "Iranian Foreign Minister [[Abbas Araqchi|e:araghchi]] affirmed that resistance groups from [[Iraq|e:iraq]] have been [[deployed|v:deploy]] to support [[Assad|e:assad]].",
                "The offensive led by [[Hayat Tahrir al-Sham|e:hts]] left [[Aleppo|e:aleppo]] under rebel occupation.",
                "The city had [[2 million|f:residents]] residents before the war.",
            ],
        ],
        figures={
            "fighters": fig(FIGHTERS, "at_least", 300, 300, None, "Iraqi security officials", verb="cross"),
            "residents": fig(NO_UNIT, "exact", 2_000_000, 2_000_000, 2_000_000),
        },
        events={
            "cross": event("movement", "fighters", None, "Syria", D1, figure="fighters"),
            "deploy": event("deployment", "resistance groups", None, "Syria", D1),
        },
        heading=True,
    ),
    Article(
        "9e010c9c7ff8f081",
        "Associated Press",
        "Iraqi militias cross into Syria",
        datetime(2024, 12, 2, 14),
        [
            [
                "Iranian-backed Iraqi militias have [[crossed|v:cross]] into [[Syria|e:syria]] to assist the government amid an insurgent takeover of [[Aleppo|e:aleppo]].",
                "The Iraqi forces, numbering [[approximately 200|f:fighters]], used the [[Bou Kamal|e:bukamal]] border crossing.",
            ],
            [
                "Airstrikes [[killed|v:kill]] [[at least 10|f:deaths]] people in [[Idlib|e:idlib]], according to the [[Syrian Observatory for Human Rights|e:sohr]].",
                "[[Abbas Araghchi|e:araghchi]] reaffirmed support for [[Bashar al-Assad|e:assad]] in [[Damascus|e:damascus]].",
            ],
        ],
        figures={
            "fighters": fig(FIGHTERS, "approximately", 200, 180, 220),
            "deaths": fig(DEATHS, "at_least", 10, 10, None, "the Syrian Observatory for Human Rights", verb="kill"),
        },
        events={
            "cross": event("movement", "Iranian-backed Iraqi militias", None, "Syria", D2),
            "kill": event("killing", "Airstrikes", "people", "Idlib", D2, figure="deaths"),
        },
    ),
    Article(
        "4417bb7a9218fca5",
        "Reuters",
        "Iran-Backed Militias Enter Syria as Rebels Seize Aleppo",
        datetime(2024, 12, 2, 8),
        [
            [
                "Iranian-backed Iraqi militias [[entered|v:enter]] eastern [[Syria|e:syria]] overnight to reinforce the Syrian army.",
                "[[Hayat Tahrir al-Sham|e:hts]] [[seized|v:seize]] [[Aleppo|e:aleppo]] last week, and [[about 10,000|f:fled]] people fled the city.",
            ],
            [
                "[[“The Iraqi militants arrived near the town of Bukamal,”|q:officer]] [[a Syrian army officer|s:officer]] told [[Reuters|e:reuters]]."
            ],
        ],
        figures={"fled": fig(CIVILIANS, "approximately", 10_000, 9_000, 11_000, verb="flee")},
        events={
            "enter": event("movement", "Iranian-backed Iraqi militias", None, "Syria", D1),
            "seize": event("capture", "Hayat Tahrir al-Sham", "Aleppo", "Aleppo", date(2024, 11, 29)),
        },
    ),
    Article(
        "2deeeecf94034bb2",
        "Al Jazeera",
        "Iraqi militias position themselves in Syria",
        datetime(2024, 12, 3, 7),
        [
            [
                "Iraqi militias backed by [[Iran|e:iran]] have positioned themselves in [[Syria|e:syria]].",
                "Insurgents led by [[Hayat Tahrir al-Sham|e:hts]] [[attacked|v:attack]] [[Aleppo|e:aleppo]] last week.",
            ],
            [
                "[[Abbas Araghchi|e:araghchi]] [[met|v:meet]] [[Bashar Assad|e:assad]] in [[Damascus|e:damascus]] on Sunday.",
                "Airstrikes [[killed|v:kill]] [[12|f:deaths]] people in [[Idlib|e:idlib]], while [[10,500|f:fled]] residents fled [[Aleppo|e:aleppo]].",
            ],
        ],
        figures={
            "deaths": fig(DEATHS, "exact", 12, 12, 12, verb="kill"),
            "fled": fig(CIVILIANS, "exact", 10_500, 10_500, 10_500, verb="flee"),
        },
        events={
            "attack": event("attack", "Insurgents", "Aleppo", "Aleppo", date(2024, 11, 27)),
            "meet": event("meeting", "Abbas Araghchi", "Bashar Assad", "Damascus", D1),
            "kill": event("killing", "Airstrikes", "people", "Idlib", D1, figure="deaths"),
        },
    ),
    Article(
        "6433a3d6d8d0894d",
        "The Guardian",
        "Iraqi fighters enter Syria",
        datetime(2024, 12, 2, 18),
        [
            [
                "[[Hundreds|f:fighters]] of fighters from Iran-backed Iraqi militias [[entered|v:enter]] [[Syria|e:syria]] overnight, according to [[Syrian and Iraqi sources|s:sources]].",
                "The [[Popular Mobilization Forces|e:pmf]] dispatched the force to [[Aleppo|e:aleppo]].",
            ],
            [
                "[[Hayat Tahrir al-Sham|e:hts]] launched a surprise offensive on [[Aleppo|e:aleppo]] and the countryside around [[Idlib|e:idlib]]."
            ],
        ],
        figures={"fighters": fig(FIGHTERS, "vague", None, 200, 999, "Syrian and Iraqi sources", verb="enter")},
        events={"enter": event("movement", "Hundreds of fighters", None, "Syria", D1, figure="fighters")},
    ),
]

# An article whose text and title carry markup that must never run in the browser.
HOSTILE = Article(
    "0badc0de0badc0de",
    "unattributed:hostile.txt",
    'Hostile <img src=x onerror="window.__pwned=1">',
    None,
    [
        [
            f"A suspicious article {XSS} mentions [[Aleppo|e:aleppo]] and [[Bashar Assad|e:assad]].",
            "It ends with <b>bold</b> & <i>italic</i> markup.",
        ],
    ],
)

FIXTURE_ARTICLES = [*SEED_LIKE, HOSTILE]
# The story of each article (the real pipeline clusters them; here they are given).
STORIES = {
    "st_fixture": ("Aleppo — deployment", [article.doc_id for article in SEED_LIKE]),
    "st_hostile": ("Hostile markup", [HOSTILE.doc_id]),
}
SYNTHETIC_STORY = ("st_synthetic", "Synthetic meetings")
VERBS = ("kill", "flee", "cross", "wound", "arrest")

QUARANTINED = [
    ("seeds/empty.txt", "empty", "The file is empty."),
    ("seeds/photo.jpg", "unsupported_extension", "'.jpg' files are not read."),
]


def synthetic_articles(
    n: int, n_entities: int = 2000, n_outlets: int = 40, seed: int = 7
) -> tuple[list[Article], dict]:
    """n articles over a pool of entities (few common, many rare), with figures of a few units and verbs (dbt groups
    them by unit, verb and place)."""
    rng = random.Random(seed)
    entities = {
        f"x{i}": (f"Person{i} Name", ("PERSON", "ORG", "GPE")[i % 3], [f"Person{i} Name"]) for i in range(n_entities)
    }
    keys = list(entities)
    weights = [1 / (rank + 1) for rank in range(n_entities)]
    kinds = [(f"unit{u}", None) for u in range(7)]
    articles = []
    for i in range(n):
        pick = rng.choices(keys, weights, k=24)
        sentences = [
            f"[[{entities[a][0]}|e:{a}]] [[met|v:m{j}]] [[{entities[b][0]}|e:{b}]] near [[{entities[c][0]}|e:{c}]]."
            for j, (a, b, c) in enumerate(zip(pick[0::3], pick[1::3], pick[2::3], strict=True))
        ]
        base = rng.randint(100, 1000)
        sentences.append(f"Officials said [[about {base}|f:n]] people were affected.")
        published = datetime(2024, 1, 1) + timedelta(days=i % 365, hours=i % 24)
        articles.append(
            Article(
                f"syn{i:08d}",
                f"Outlet {i % n_outlets}",
                f"Synthetic article {i}",
                published,
                [sentences[:4], sentences[4:]],
                figures={
                    "n": fig(rng.choice(kinds), "approximately", base, base * 0.9, base * 1.1, verb=rng.choice(VERBS))
                },
                events={
                    f"m{j}": event(
                        "meeting", entities[pick[3 * j]][0], entities[pick[3 * j + 1]][0], None, published.date()
                    )
                    for j in range(8)
                },
            )
        )
    return articles, entities
