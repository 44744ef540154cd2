"""A small story told by four outlets (and one reprint), as the raw tables the Python assets write.

Newsweek: at least 300 fighters crossed into Syria (Iraqi security officials); at least 10 civilians killed in Idlib.
AP News: about 200 fighters arrived (the Syrian Observatory); at least 20 killed (the White Helmets); 3 towns seized.
Reuters: approximately 200 Iraqi troops entered Syria; 3 towns captured; Hezbollah (only here, twice).
Al Jazeera: hundreds of fighters entered Syria; 7 soldiers wounded in Aleppo; 12 ambulances (no place in the sentence).
Yahoo News: AP's report, verbatim (raw_reprints).
"""

from __future__ import annotations

from datetime import date, datetime

from tests.sql.raw_rows import Article

ENTITIES = {
    "syria": ("Syria", "GPE"),
    "idlib": ("Idlib", "GPE"),
    "aleppo": ("Aleppo", "GPE"),
    "damascus": ("Damascus", "GPE"),
    "assad": ("Bashar al-Assad", "PERSON"),
    "araghchi": ("Abbas Araghchi", "PERSON"),
    "sohr": ("Syrian Observatory for Human Rights", "ORG"),
    "white_helmets": ("White Helmets", "ORG"),
    "iraqi": ("Iraqi", "NORP"),
    "hezbollah": ("Hezbollah", "ORG"),
    "bou_kamal": ("Bou Kamal", "FAC"),
}


def newsweek() -> Article:
    a = Article(
        "doc_a",
        "Newsweek",
        [
            [
                "At least 300 fighters crossed into Syria, Iraqi security officials said.",
                "Strikes killed at least 10 civilians in Idlib.",
            ],
            ["Bashar al-Assad met Abbas Araghchi in Damascus on Sunday."],
        ],
    )
    a.mention(0, "Syria", "GPE", "syria")
    a.mention(0, "Iraqi", "NORP", "iraqi")
    f = a.figure(
        0,
        "At least 300 fighters",
        value=300,
        low=300,
        high=None,
        qualifier="at_least",
        unit="fighter",
        category="people",
        claim_verb="cross",
        source="Iraqi security officials",
    )
    a.event(0, "crossed", "movement", actor="At least 300 fighters", location="Syria", figure_id=f)
    a.mention(1, "Idlib", "GPE", "idlib")
    f = a.figure(
        1,
        "at least 10 civilians",
        value=10,
        low=10,
        high=None,
        qualifier="at_least",
        unit="civilian",
        category="casualties",
        claim_verb="kill",
    )
    a.event(1, "killed", "killing", actor="Strikes", target="at least 10 civilians", location="Idlib", figure_id=f)
    a.mention(2, "Bashar al-Assad", "PERSON", "assad")
    a.mention(2, "Abbas Araghchi", "PERSON", "araghchi")
    a.mention(2, "Damascus", "GPE", "damascus")
    a.event(
        2,
        "met",
        "meeting",
        actor="Bashar al-Assad",
        target="Abbas Araghchi",
        location="Damascus",
        time="on Sunday",
        event_date=date(2024, 12, 1),
        date_precision="day",
    )
    return a


def ap_news(doc_id: str = "doc_b", outlet: str = "AP News") -> Article:
    a = Article(
        doc_id,
        outlet,
        [
            [
                "About 200 fighters arrived in Syria, the Syrian Observatory for Human Rights said.",
                "The strikes killed at least 20 civilians in Idlib, the White Helmets said.",
            ],
            [
                "Rebels seized 3 towns near Aleppo.",
                "Assad later met Araghchi.",
                '"We will support Syria," Araghchi said.',
            ],
        ],
    )
    a.mention(0, "Syria", "GPE", "syria")
    a.mention(0, "Syrian Observatory for Human Rights", "ORG", "sohr")
    f = a.figure(
        0,
        "About 200 fighters",
        value=200,
        low=180,
        high=220,
        qualifier="approximately",
        unit="fighter",
        category="people",
        claim_verb="arrive",
        source="the Syrian Observatory for Human Rights",
    )
    a.event(0, "arrived", "movement", actor="About 200 fighters", location="Syria", figure_id=f)
    a.mention(1, "Idlib", "GPE", "idlib")
    a.mention(1, "White Helmets", "ORG", "white_helmets")
    f = a.figure(
        1,
        "at least 20 civilians",
        value=20,
        low=20,
        high=None,
        qualifier="at_least",
        unit="civilian",
        category="casualties",
        claim_verb="kill",
        source="the White Helmets",
    )
    a.event(1, "killed", "killing", target="at least 20 civilians", location="Idlib", figure_id=f)
    a.mention(2, "Aleppo", "GPE", "aleppo")
    f = a.figure(
        2, "3 towns", value=3, low=3, high=3, qualifier="exact", unit="town", category="other", claim_verb="seize"
    )
    a.event(2, "seized", "capture", actor="Rebels", target="3 towns", location="Aleppo", figure_id=f)
    a.mention(3, "Assad", "PERSON", "assad")
    a.mention(3, "Araghchi", "PERSON", "araghchi")
    a.event(3, "met", "meeting", actor="Assad", target="Araghchi")
    a.mention(4, "Syria", "GPE", "syria")
    a.mention(4, "Araghchi", "PERSON", "araghchi")
    a.quote(4, "We will support Syria,", "Araghchi")
    a.cite(4, "Araghchi", "quote")
    return a


def reuters() -> Article:
    a = Article(
        "doc_c",
        "Reuters",
        [
            [
                "Approximately 200 Iraqi troops entered Syria via the Bou Kamal crossing.",
                "Rebels captured 3 towns near Aleppo.",
            ],
            ["Hezbollah fighters joined them, and Hezbollah denied it.", "Assad thanked Araghchi."],
        ],
    )
    a.mention(0, "Iraqi", "NORP", "iraqi")
    a.mention(0, "Syria", "GPE", "syria")
    a.mention(0, "Bou Kamal", "FAC", "bou_kamal")
    f = a.figure(
        0,
        "Approximately 200 Iraqi troops",
        value=200,
        low=180,
        high=220,
        qualifier="approximately",
        unit="troop",
        category="people",
        claim_verb="enter",
    )
    a.event(0, "entered", "movement", actor="Approximately 200 Iraqi troops", location="Syria", figure_id=f)
    a.mention(1, "Aleppo", "GPE", "aleppo")
    f = a.figure(
        1, "3 towns", value=3, low=3, high=3, qualifier="exact", unit="town", category="other", claim_verb="capture"
    )
    a.event(1, "captured", "capture", actor="Rebels", target="3 towns", location="Aleppo", figure_id=f)
    a.mention(2, "Hezbollah", "ORG", "hezbollah")
    a.mention(2, "Hezbollah", "ORG", "hezbollah", nth=1)
    a.mention(3, "Assad", "PERSON", "assad")
    a.mention(3, "Araghchi", "PERSON", "araghchi")
    return a


def al_jazeera() -> Article:
    a = Article(
        "doc_d",
        "Al Jazeera",
        [
            ["Hundreds of fighters entered Syria overnight.", "Araghchi visited Damascus."],
            ["Separately, 7 soldiers were wounded in Aleppo.", "Officials counted 12 ambulances."],
        ],
        published_at=datetime(2024, 12, 3, 7, 30),
    )
    a.mention(0, "Syria", "GPE", "syria")
    f = a.figure(
        0,
        "Hundreds of fighters",
        value=None,
        low=200,
        high=999,
        qualifier="vague",
        unit="fighter",
        category="people",
        claim_verb="enter",
    )
    a.event(0, "entered", "movement", actor="Hundreds of fighters", location="Syria", time="overnight", figure_id=f)
    a.mention(1, "Araghchi", "PERSON", "araghchi")
    a.mention(1, "Damascus", "GPE", "damascus")
    a.event(1, "visited", "meeting", actor="Araghchi", target="Damascus", location="Damascus")
    a.mention(2, "Aleppo", "GPE", "aleppo")  # no event: the place comes from the sentence
    a.figure(
        2,
        "7 soldiers",
        value=7,
        low=7,
        high=7,
        qualifier="exact",
        unit="soldier",
        category="people",
        claim_verb="wound",
    )
    a.figure(
        3,
        "12 ambulances",
        value=12,
        low=12,
        high=12,
        qualifier="exact",
        unit="ambulance",
        category="other",
        claim_verb="count",
    )  # no place in the sentence: the document's main place (Syria)
    return a


def story_articles() -> list[Article]:
    """Four outlets report the story; Yahoo News runs AP's report verbatim."""
    return [newsweek(), ap_news(), reuters(), al_jazeera(), ap_news("doc_e", "Yahoo News")]


def story_rows(articles: list[Article]) -> dict[str, list[dict]]:
    """The stories step's tables: every article in one story, doc_e a verbatim reprint of doc_b."""
    return {
        "raw_stories": [
            {
                "story_id": "s1",
                "label": "Syria — movement — 2024-12-02",
                "central_doc_id": "doc_b",
                "headline": "About 200 fighters arrived in Syria",
                "n_documents": len(articles),
                "n_outlets": len({a.outlet for a in articles}),
                "n_independent_reports": len(articles) - 1,
                "n_report_families": len(articles) - 1,
                "top_entities": ["Syria", "Abbas Araghchi"],
                "clustering_version": "test",
            }
        ],
        "raw_document_stories": [
            {"doc_id": a.doc_id, "story_id": "s1", "similarity": 0.5, "assigned_by": "cluster"} for a in articles
        ],
        "raw_reprints": [
            {"doc_id": "doc_e", "reprint_of": "doc_b", "similarity": 1.0, "band": "verbatim", "story_id": "s1"}
        ],
    }
