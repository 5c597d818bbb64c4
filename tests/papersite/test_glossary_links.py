"""The first prose mention of a glossary term on a paper page links to its entry; headings, links,
code, quotes, tables and attributes are never touched, and each term is linked once."""
from __future__ import annotations

from papersite.glossary_links import glossary_names, link_first_mentions

TERMS = [
    {"id": "digital-trade", "zh": "数字贸易", "en": "digital trade", "aliases": None},
    {"id": "cross-border-e-commerce", "zh": "跨境电商", "en": "cross-border e-commerce", "aliases": ["跨境电子商务"]},
]
ZH = glossary_names(TERMS, "zh")
EN = glossary_names(TERMS, "en")
DT = '<a class="glossary-link" href="../../glossary/#digital-trade">'


def link(text: str, lang: str = "zh") -> str:
    return link_first_mentions(text, ZH if lang == "zh" else EN, "../../glossary/", lang)


def test_names_are_the_zh_term_and_aliases_or_the_en_term():
    assert ZH == {"数字贸易": "digital-trade", "跨境电商": "cross-border-e-commerce",
                  "跨境电子商务": "cross-border-e-commerce"}
    assert EN == {"digital trade": "digital-trade", "cross-border e-commerce": "cross-border-e-commerce"}


def test_english_names_include_the_english_aliases():
    terms = [{"id": "depa", "zh": "数字经济伙伴关系协定", "en": "Digital Economy Partnership Agreement (DEPA)",
              "aliases": ["DEPA"], "en_aliases": ["DEPA", "Digital Economy Partnership Agreement"]},
             {"id": "pilot-zone", "zh": "试验区", "en": "pilot zone", "aliases": None, "en_aliases": ["pilot zones"]}]
    names = glossary_names(terms, "en")
    assert names == {"digital economy partnership agreement (depa)": "depa", "depa": "depa",
                     "digital economy partnership agreement": "depa", "pilot zone": "pilot-zone",
                     "pilot zones": "pilot-zone"}
    assert glossary_names(terms, "zh") == {"数字经济伙伴关系协定": "depa", "DEPA": "depa", "试验区": "pilot-zone"}
    assert link_first_mentions("Talks with DEPA members and two pilot zones.", names, "G/", "en") == (
        'Talks with <a class="glossary-link" href="G/#depa">DEPA</a> members and two '
        '<a class="glossary-link" href="G/#pilot-zone">pilot zones</a>.')


def test_only_the_first_prose_mention_is_linked():
    assert link("本文讨论数字贸易。数字贸易很重要。") == f"本文讨论{DT}数字贸易</a>。数字贸易很重要。"


def test_an_alias_links_to_its_term_and_counts_as_the_first_mention():
    assert link("跨境电子商务与跨境电商") == (
        '<a class="glossary-link" href="../../glossary/#cross-border-e-commerce">跨境电子商务</a>与跨境电商')


def test_headings_are_skipped_markdown_and_html():
    text = "# 数字贸易 { #title }\n\n<h2>数字贸易</h2>\n\n正文数字贸易"
    assert link(text) == f"# 数字贸易 {{ #title }}\n\n<h2>数字贸易</h2>\n\n正文{DT}数字贸易</a>"


def test_links_are_skipped():
    text = '<p><a class="term" href="x"><strong>数字贸易</strong></a>：数字贸易</p>'
    assert link(text) == f'<p><a class="term" href="x"><strong>数字贸易</strong></a>：{DT}数字贸易</a></p>'


def test_code_is_skipped():
    text = "`数字贸易` <code>数字贸易</code>\n```\n数字贸易\n```\n<pre>数字贸易</pre> 数字贸易"
    assert link(text) == "`数字贸易` <code>数字贸易</code>\n```\n数字贸易\n```\n<pre>数字贸易</pre> " + DT + "数字贸易</a>"


def test_evidence_quotes_are_skipped_even_with_nested_elements():
    text = ('<blockquote class="evidence" id="q1">\n<p lang="zh">“数字贸易”</p>\n<footer><a href="#s">见</a></footer>\n'
            '</blockquote>\n<p>数字贸易</p>')
    assert link(text) == text.replace("<p>数字贸易</p>", f"<p>{DT}数字贸易</a></p>")


def test_attributes_and_front_matter_are_never_changed():
    text = '---\ntitle: "数字贸易"\n---\n<p title="数字贸易" data-x=\'数字贸易\'>数字贸易</p>'
    assert link(text) == f'---\ntitle: "数字贸易"\n---\n<p title="数字贸易" data-x=\'数字贸易\'>{DT}数字贸易</a></p>'


def test_tables_are_skipped():
    text = "<table><tr><td>数字贸易</td></tr></table>\n\n数字贸易"
    assert link(text) == f"<table><tr><td>数字贸易</td></tr></table>\n\n{DT}数字贸易</a>"


def test_english_matches_whole_words_in_any_case_and_keeps_the_text():
    assert link("Digital trades. Digital trade grows; digital trade.", "en") == (
        f"Digital trades. {DT}Digital trade</a> grows; digital trade.")


def test_english_never_matches_inside_an_entity_or_a_longer_word():
    assert link("&#35;digital trade-x and predigital trade", "en") == "&#35;digital trade-x and predigital trade"


def test_each_term_is_linked_once_per_page_independently():
    assert link("跨境电商和数字贸易，数字贸易和跨境电商") == (
        '<a class="glossary-link" href="../../glossary/#cross-border-e-commerce">跨境电商</a>和'
        f"{DT}数字贸易</a>，数字贸易和跨境电商")


# --- the fast paths give what searching each gap between tokens on its own gives ------------------

def test_case_partners_are_every_non_ascii_character_re_i_matches_with_an_ascii_letter():
    import re
    import string

    from papersite.glossary_links import _CASE_PARTNERS
    everything = "".join(map(chr, range(0x110000)))
    partners = {c for c in re.compile("[a-z]", re.I).findall(everything) if c not in string.ascii_letters}
    assert partners == set(_CASE_PARTNERS.pattern.strip("[]"))


def test_whole_text_search_matches_gap_by_gap_search_on_random_pages():
    import random

    from papersite.glossary_links import _FRONT_MATTER, _link_segment_by_segment, _pattern
    terms = TERMS + [{"id": "data", "zh": "数据", "en": "data", "aliases": ["数据要素"]},
                     {"id": "ccpa", "zh": "加州消费者隐私法", "en": "privacy act (ccpa)", "aliases": None}]
    names = {lang: glossary_names(terms, lang) for lang in ("zh", "en")}
    bits = ["<a href='x'>", "</a>", "<p>", "</p>", "<code>", "</code>", "`", "``", "```\n", "~~~\n", "\n# ",
            "\n   ## ", "\n    # ", "<!--", "-->", "<blockquote>", "</blockquote>", "<br/>", "<table>", "</table>",
            '<p title="a>b">', "<b x='\"'>", "\n", " ", "#", "<", ">", "-", "&#35;", "(", ")", "数字贸易",
            "跨境电子商务", "数据要素", "Digital Trade", "digital trade-", "DATA", "Data", "privacy act (CCPA)",
            "e-commerce", "ſ", "K", "ı", "İ", "---\ntitle: x\n---\n", "<a href='#x'>数字贸易</a>", "<a/>", "<A>",
            "</A>", "<a\n>", "<a title='/'>", "<a href=x/>", "<ab>", "<a_b>", "<a-b>", "<h2>", "</h2>", "<Code>",
            "\t", "  ", "\n  # x\n", "<span class=\"t\">", "</span>", "<!-- <a> -->", "`<a>`"]
    rng = random.Random(6)
    for _ in range(4000):
        text = "".join(rng.choice(bits) for _ in range(rng.randint(1, 40)))
        for lang in ("zh", "en"):
            front = _FRONT_MATTER.match(text)
            expected = _link_segment_by_segment(text, front.end() if front else 0,
                                                _pattern(tuple(names[lang]), lang), names[lang], "G/", lang)
            assert link_first_mentions(text, names[lang], "G/", lang) == expected, (text, lang)
