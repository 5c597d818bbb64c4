"""Cross-paper comparisons: title normalisation, the ledger's agreements and conflicts (its tensions,
repeats and English values are in test_ledger.py), CSV and JSON
downloads, and a sixth paper that appears in every table, the ledger and the downloads with no code
change (the golden files in tests/golden/compare and tests/golden/data cover the exact output)."""
from __future__ import annotations

import json
import re
import shutil

import pytest

from conftest import FIXTURES
from papersite import compare
from papersite.build import load_corpus, render_all
from papersite.load import parse_yaml
from papersite.render import strings

SIXTH = "sixth-2023-copy"


def s(lang: str) -> dict:
    return {key: value[lang] for key, value in strings().items()}


@pytest.mark.parametrize("a, b", [
    ("“十四五”数字经济发展规划", "《\"十四五\" 数字经济发展规划》"),
    ("“十四五”数字经济发展规划", "「十四五」数字经济\n发展规划"),
    ("中共中央 国务院关于构建数据基础制度更好发挥数据要素作用的意见", "中共中央、国务院关于构建数据基础制度更好发挥数据要素作用的意见"),
    ("任保平.生产力现代化转型[J].经济研究,2024,59(03):12-19.", "任保平. 生产力现代化转型［Ｊ］．经济研究，2024，59（03）：12－19．"),
    ("RCEP协定", "ＲＣＥＰ 协定"),
    ("Digital Economy Partnership Agreement", "digital economy partnership agreement."),
    ("‘数字丝绸之路’合作谅解备忘录", "'数字丝绸之路'合作谅解备忘录"),
])
def test_normalise_title_matches_printings_of_one_title(a, b):
    assert compare.normalise_title(a) == compare.normalise_title(b)


def test_normalise_title_keeps_what_tells_titles_apart():
    assert compare.normalise_title("《“十四五”数字经济发展规划》") == "十四五数字经济发展规划"
    assert compare.normalise_title("2022年报告") != compare.normalise_title("2023年报告")
    assert compare.normalise_title("数字贸易发展报告") != compare.normalise_title("数字经济发展报告")


def test_csv_has_a_bom_crlf_and_defuses_formulas():
    tab = compare.table("t", "T", [compare.column("a", "甲"), compare.column("b", "B")],
                        [{"id": "r1", "cells": [compare.cell("=1+1"), compare.cell("-3.5")]},
                         {"id": "r2", "cells": [compare.cell('say "hi", ok'), compare.cell("@x")]}], "zh")
    assert compare.csv_text(tab) == '\ufeffid,甲,B\r\nr1,\'=1+1,-3.5\r\nr2,"say ""hi"", ok",\'@x\r\n'


@pytest.fixture(scope="module")
def fixture_corpus():
    return load_corpus(FIXTURES / "valid")


def test_overview_rows_follow_display_order_with_counts(fixture_corpus):
    tab = compare.overview_table(fixture_corpus, "en", s("en"), "../")
    assert [row["id"] for row in tab["rows"]] == [
        "paper-fixture-nd-supplied", "paper-fixture-2024-sample", "paper-fixture-nd-discussion"]
    assert [c["text"] for c in tab["rows"][0]["cells"]][2] == "[2026]"  # a supplied year, bracketed
    assert [c["text"] for c in tab["rows"][2]["cells"]][1:] == [
        "Invited-experts discussion", "not stated in the source", "not stated in the source", "Li Hua",
        "Expert commentary", "Data and talent", "2", "0", "4", "0"]


def test_theme_matrix_marks_absent_cells_in_words(fixture_corpus):
    tab = compare.theme_matrix(fixture_corpus, "challenges", "zh", s("zh"), "../../")
    talent = next(row for row in tab["rows"] if row["id"] == "theme-talent")
    assert talent["cells"][1]["text"] == "2 / 3 篇"
    assert [e["href"] for e in talent["cells"][3]["entries"]] == ["../../papers/fixture-2024-sample/#chal-talent"]
    data = next(row for row in tab["rows"] if row["id"] == "theme-data-flows")
    assert [(c["text"], c["state"]) for c in data["cells"][2:]] == [("未记录", "absent")] * 3


def _row(tab, row_id):
    return next(row for row in tab["rows"] if row["id"] == row_id)


def test_matrix_cells_count_distinct_items_and_their_share(fixture_corpus):
    # fixture-nd-discussion: rec-rules (data, talent), rec-rules-again restates it (data), rec-will-train
    # is a forecast (talent): one distinct counted recommendation in all.
    tab = compare.theme_matrix(fixture_corpus, "recommendations", "en", s("en"), "../../")
    discussion = [c["key"] for c in tab["columns"]].index("paper-fixture-nd-discussion")
    data = _row(tab, "theme-data-flows")["cells"][discussion]
    assert [e["href"].split("#")[1] for e in data["entries"]] == ["rec-rules", "rec-rules-again"]
    assert [e["mark"] for e in data["entries"]] == [None, " (restatement, counted with the item it repeats)"]
    assert data["sort"] == "1" and data["summary"] == "1 of 1 (100%)"
    talent = _row(tab, "theme-talent")["cells"][discussion]
    assert [e["mark"] for e in talent["entries"]] == [None, " (forecast, not counted)"]
    assert talent["sort"] == "1"
    assert "rec-will-train" in talent["csv"] and "(forecast, not counted)" in talent["csv"]
    assert [c["text"] for c in tab["foot"][0]["cells"]] == [
        "All items (restatements once, forecasts and targets left out)", "", "0", "1", "1"]
    # A forecast alone does not make a paper raise a theme.
    assert _row(tab, "theme-talent")["cells"][1]["text"] == "2 of 3"


def test_an_empty_cell_says_none_recorded_and_points_to_arguments_and_cases(fixture_corpus):
    tab = compare.theme_matrix(fixture_corpus, "recommendations", "zh", s("zh"), "../../")
    sample = [c["key"] for c in tab["columns"]].index("paper-fixture-2024-sample")
    empty = _row(tab, "theme-data-flows")["cells"][sample]
    assert (empty["text"], empty["state"]) == ("未记录", "absent")
    assert [(p["text"], p["href"]) for p in empty["pointers"]] == [
        ("论点：数字贸易增长 | 迅速", "../../papers/fixture-2024-sample/#arg-growth")]
    assert empty["csv"] == "未记录 | 见：arg-growth"


def test_heat_map_shades_shares_not_counts(fixture_corpus):
    heat = compare.heatmap(fixture_corpus, "recommendations", "en", s("en"), "../../")
    cells = {row["id"]: [c["text"] for c in row["cells"]] for row in heat["rows"]}
    assert cells == {"theme-data-flows": ["0%", "0%", "100%"], "theme-talent": ["0%", "100%", "100%"]}
    row = next(r for r in heat["rows"] if r["id"] == "theme-talent")
    assert row["cells"][1]["fill"] == row["cells"][2]["fill"] == "#3f51b5"  # two 100 % cells, 1 and 1 items
    assert row["cells"][2]["label"] == "Talent × Li n.d.: 1 of 1 items (100%)"


def test_actor_table_counts_addressees_and_shows_partners_and_unspecified_apart(fixture_corpus):
    actors, partners = compare.page_tables(fixture_corpus, "actors", "en", s("en"), "../../")
    discussion = [c["key"] for c in actors["columns"]].index("paper-fixture-nd-discussion")
    government = _row(actors, "actor-government")["cells"][discussion]
    assert [e["href"].split("#")[1] for e in government["entries"]] == ["rec-rules", "rec-will-train"]
    assert government["sort"] == "1"  # the forecast is listed, not counted
    unspecified = _row(actors, "actor-unspecified")["cells"][discussion]
    assert [e["href"].split("#")[1] for e in unspecified["entries"]] == ["rec-rules-again"]
    assert [row["id"] for row in partners["rows"]] == ["partner-government", "partner-firms"]
    firms = _row(partners, "partner-firms")["cells"]
    assert firms[1]["text"] == "1 of 3"
    assert [e["href"].split("#")[1] for e in firms[discussion]["entries"]] == ["rec-will-train"]
    assert "rec-will-train" not in {e["href"].split("#")[1] for e in _row(actors, "actor-firms")["cells"][discussion]["entries"]}


def test_renamed_and_retired_ids_keep_their_anchors(fixture_corpus):
    outputs = render_all(fixture_corpus)
    for lang, suffix in (("zh", ""), ("en", ".en")):
        for page in ("mechanisms", "challenges", "recommendations"):
            text = outputs[f"compare/{page}{suffix}.md"]
            assert '<tr id="theme-data-flows">' in text
            assert '<span class="former-anchor" id="theme-data-rules"></span>' in text  # formerly: [data-rules]
            assert '<li id="theme-old-theory">' in text  # retired, with where its content went
            assert 'href="#theme-data-flows"' in text
        assert '<li id="actor-banks">' in outputs[f"compare/actors{suffix}.md"]
        codebook = outputs[f"compare/codebook{suffix}.md"]
        for anchor in ("{ #theme-data-flows }", "{ #actor-unspecified }", "{ #rule-own-text }",
                       'id="theme-data-rules"', 'id="theme-old-theory"', 'id="actor-banks"'):
            assert anchor in codebook, anchor
        assert "(../../papers/fixture-2024-sample/#mech-data)" in codebook or \
            'href="../../papers/fixture-2024-sample/#mech-data"' in codebook


def test_definitions_group_under_the_concept_and_move_background_passages_out(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "valid" / "content", content)
    path = content / "papers" / "fixture-nd-discussion.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "    term: digital-trade\n", "    term: cross-border-e-commerce\n    also_terms: [digital-trade]\n")
    path.write_text(text, encoding="utf-8")
    path = content / "papers" / "fixture-2024-sample.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "    term: digital-trade\n", "    term: digital-trade\n    kind: background\n"), encoding="utf-8")
    corpus = load_corpus(tmp_path)
    compared, other = compare.page_tables(corpus, "definitions", "en", s("en"), "../../")
    # Only the discussion's passage is a definition of digital trade now (via also_terms): not compared.
    assert compared["rows"] == []
    assert [(r["id"], r["cells"][3]["text"]) for r in other["rows"]] == [
        ("fixture-nd-discussion--def-digital-trade", "only one paper defines it"),
        ("fixture-2024-sample--def-digital-trade", "background (not a definition)")]


def _with_sixth_paper(tmp_path, edit=lambda text: text):
    """The valid fixture content plus a copy of its sample paper under a new slug."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "valid" / "content", content)
    text = (content / "papers" / "fixture-2024-sample.yaml").read_text(encoding="utf-8")
    text = edit(text.replace("slug: fixture-2024-sample", f"slug: {SIXTH}").replace("year: 2024", "year: 2023"))
    (content / "papers" / f"{SIXTH}.yaml").write_bytes(text.encode("utf-8"))
    return tmp_path, text


def test_a_sixth_paper_appears_in_every_table_the_ledger_and_the_downloads(tmp_path):
    root, text = _with_sixth_paper(tmp_path, lambda t: t.replace("value: 2.38", "value: 2.5"))
    corpus = load_corpus(root)
    outputs = render_all(corpus)
    for lang in ("zh", "en"):
        tables = {t["key"]: t for page in compare.PAGES
                  for t in compare.page_tables(corpus, page, lang, s(lang), "../../")}
        assert f"paper-{SIXTH}" in [r["id"] for r in tables["overview"]["rows"]]
        for key in ("mechanisms", "challenges", "recommendations", "actors"):
            assert f"paper-{SIXTH}" in [c["key"] for c in tables[key]["columns"]], key
        assert f"{SIXTH}--stat-ecommerce-2023" in [r["id"] for r in tables["statistics"]["rows"]]
        assert f"{SIXTH}--case-hangzhou" in [r["id"] for r in tables["cases"]["rows"]]
        assert f"{SIXTH}--def-digital-trade" in [r["id"] for r in tables["definitions"]["rows"]]
        plan = next(r for r in tables["sources"]["rows"] if "十四五" in r["cells"][1]["text"])
        assert plan["cells"][3]["text"] == "2"
        assert [e["href"] for e in plan["cells"][2]["entries"]] == [
            "../../papers/fixture-2024-sample/#doc-plan", f"../../papers/{SIXTH}/#doc-plan"]
        for key, tab in tables.items():
            csv = outputs[tab["csv"]]
            assert csv.startswith("\ufeff"), key
            if key not in ("findings", "definitions-other"):
                assert SIXTH in csv, key
        for page in compare.PAGES:
            assert SIXTH in outputs[f"compare/{page}{'' if lang == 'zh' else '.en'}.md"], page
    # The ledger: same indicator, period 2023, place cn; 2.38 in two papers agrees, 2.5 conflicts. The
    # copy's other figures agree with the sample's; the discussion's firm count repeats the sample's
    # words (a repeat, not an agreement) and its 41 % share is far from the 7.8 % (a tension).
    findings, _ = compare.ledger_findings(corpus, "en", s("en"))
    assert sorted((f["kind"], sorted({e["paper"]["slug"] for e in f["entries"]})) for f in findings) == [
        ("agreement", ["fixture-2024-sample", "fixture-nd-discussion"]),
        ("agreement", ["fixture-2024-sample", SIXTH]),
        ("agreement", ["fixture-2024-sample", SIXTH]),
        ("conflict", ["fixture-2024-sample", "fixture-nd-discussion", SIXTH]),
        ("repeat", ["fixture-2024-sample", "fixture-nd-discussion"]),
        ("tension", ["fixture-2024-sample", "fixture-nd-discussion"]),
    ]
    conflict = next(f for f in findings if f["kind"] == "conflict")
    assert conflict["sentence"] == (
        "The papers give different values for Cross-border e-commerce imports and exports in 2023 (China): "
        "about 2.38 trillion yuan (Wang 2024), about 2.5 trillion yuan (Wang 2023), 2.38 trillion yuan (Li n.d.).")
    assert conflict["id"] in outputs["data/en/findings.csv"]
    # The downloads: the corpus JSON has the paper as written, the YAML is the file's bytes.
    data = json.loads(outputs["data/papers.json"])
    assert [p["slug"] for p in data["papers"]] == ["fixture-nd-supplied", "fixture-2024-sample", SIXTH,
                                                   "fixture-nd-discussion"]
    assert data["papers"][2] == parse_yaml(text, "sixth")[0]
    assert set(data) == {"papers", "themes", "actors", "glossary", "indicators"}
    assert outputs[f"data/papers/{SIXTH}.yaml"] == text.encode("utf-8")


def _ecommerce_figure(edit):
    """An edit of the copy's 2.38-trillion figure only (the lines from its value to its source)."""
    block = ("    value: 2.38\n    qualifier: about\n    unit: {zh: 万亿元, en: trillion yuan}\n    period: 2023\n"
             "    status: actual\n    scope: {zh: 中国, en: China}\n    place: {area: cn}\n")
    return lambda text: text.replace(block, edit(block.replace("value: 2.38", "value: 2.5")))


def _ecommerce_kinds(root):
    findings, _ = compare.ledger_findings(load_corpus(root), "zh", s("zh"))
    return sorted(f["kind"] for f in findings
                  if any(e["fig"]["indicator"] == "cross-border-ecommerce-trade-value" for e in f["entries"]))


@pytest.mark.parametrize("edit", [
    lambda b: b.replace("place: {area: cn}", "place: {area: cn/zhejiang}"),  # another place
    lambda b: b.replace("period: 2023", "period: {not_stated: true}"),  # no period
    lambda b: b.replace("period: 2023", "period: 2023Q4"),  # another period
    lambda b: b.replace("status: actual", "status: forecast"),  # a forecast beside actual values
], ids=["place", "no-period", "period", "status"])
def test_figures_of_another_place_period_or_status_are_not_in_conflict(tmp_path, edit):
    root, _ = _with_sixth_paper(tmp_path, _ecommerce_figure(edit))
    assert _ecommerce_kinds(root) == ["agreement"]  # the sample and the discussion still agree


def test_the_place_not_the_scope_text_decides_what_is_compared(tmp_path):
    # The same words for another place: not compared; other words for the same place: compared.
    root, _ = _with_sixth_paper(tmp_path / "a", _ecommerce_figure(lambda b: b.replace("place: {area: cn}", "place: {area: cn/zhejiang}")))
    assert _ecommerce_kinds(root) == ["agreement"]
    root, _ = _with_sixth_paper(tmp_path / "b", _ecommerce_figure(lambda b: b.replace("scope: {zh: 中国, en: China}",
                                                                                      "scope: {zh: 全国, en: The whole country}")))
    assert _ecommerce_kinds(root) == ["agreement", "conflict"]


def test_conflicting_units_are_said_to_need_conversion(tmp_path):
    root, _ = _with_sixth_paper(tmp_path, lambda t: t.replace("unit: {zh: 万亿元, en: trillion yuan}",
                                                              "unit: {zh: 亿美元, en: 100 million US dollars}"))
    findings, _ = compare.ledger_findings(load_corpus(root), "zh", s("zh"))
    conflict = next(f for f in findings if f["kind"] == "conflict")
    assert conflict["sentence"].endswith("；单位不同，比较前须先换算。")
    assert re.search(r"约2\.38亿美元（王小明 2023）", conflict["sentence"])


def test_paper_pages_link_their_yaml_download(fixture_corpus):
    outputs = render_all(fixture_corpus)
    assert "(../data/papers/fixture-2024-sample.yaml)" in outputs["papers/fixture-2024-sample.md"]
    assert "(../data/papers/fixture-2024-sample.yaml)" in outputs["papers/fixture-2024-sample.en.md"]


def test_papers_json_holds_everything_in_content_as_loaded(fixture_corpus):
    data = json.loads(compare.corpus_json(fixture_corpus))
    assert data["papers"] == [fixture_corpus.raw_papers[p["slug"]] for p in fixture_corpus.papers]
    assert data["glossary"] == fixture_corpus.raw_vocabularies["glossary"]
    assert set(data) == {"papers", "themes", "actors", "glossary", "indicators"}
