"""The statistics ledger that reasons: figures compared by their structured place, period and status;
a figure repeating another paper's words shown as a repeat, never as an agreement; related measures
far apart listed as tensions with why they are not strictly comparable; the editors' notes on a
figure in its check column; English values as people write them. Run on the fixture corpus (edited
copies of it) and on the real content, whose two findings of the audit (41 % against 7.8 %, and the
100,000 firms printed twice) must stay as they are."""
from __future__ import annotations

import shutil

import pytest
from markupsafe import Markup

from conftest import FIXTURES, ROOT
from papersite import compare
from papersite.build import load_corpus
from papersite.render import environment, escape, strings


def s(lang: str) -> dict:
    return {key: value[lang] for key, value in strings().items()}


def _copy(tmp_path, edits: dict[str, list[tuple[str, str]]]):
    """The valid fixture content with exact replacements in its paper files (file stem → [(old, new)])."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "valid" / "content", content)
    for stem, replacements in edits.items():
        path = content / "papers" / f"{stem}.yaml"
        text = path.read_text(encoding="utf-8")
        for old, new in replacements:
            assert text.count(old) == 1, old
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")
    return load_corpus(tmp_path)


def _findings(corpus, lang="en"):
    return compare.ledger_findings(corpus, lang, s(lang))[0]


def _refs(finding):
    return [f"{e['paper']['slug']}#{e['fig']['id']}" for e in finding["entries"]]


@pytest.fixture(scope="module")
def fixture_corpus():
    return load_corpus(FIXTURES / "valid")


@pytest.fixture(scope="module")
def project_corpus():
    return load_corpus(ROOT)


# --- tensions ---------------------------------------------------------------------------------------

def test_related_measures_far_apart_are_a_tension_with_the_reasons(fixture_corpus):
    (tension,) = [f for f in _findings(fixture_corpus) if f["kind"] == "tension"]
    assert _refs(tension) == ["fixture-2024-sample#stat-cbec-export-share-2024q1",
                              "fixture-nd-discussion#stat-cbec-share-of-trade"]
    assert tension["id"] == "tension-cross-border-ecommerce-share-7baa7e11"
    assert tension["sentence"] == (
        "Related measures 5.3 times apart: 7.8% (Wang 2024) and 41% (Li n.d.); not strictly comparable: "
        "different measures (Cross-border e-commerce as a share of exports; Cross-border e-commerce as a share "
        "of foreign trade); different periods (2024Q1; not stated in the source); no source given (Wang 2024, Li n.d.).")
    (zh,) = [f for f in _findings(fixture_corpus, "zh") if f["kind"] == "tension"]
    assert zh["sentence"] == (
        "相关指标的数值相差 5.3 倍：7.8%（王小明 2024）与41%（李华 年份未载）；二者并不严格可比：口径不同（跨境电商占出口比重；"
        "跨境电商占外贸比重），时期不同（2024Q1；原文未载明）；未注明来源：王小明 2024、李华 年份未载。")
    assert (tension["period"], tension["scope"]) == ("2024Q1, not stated in the source", "China, China's foreign trade")


def test_related_measures_less_than_three_times_apart_are_no_tension(tmp_path):
    corpus = _copy(tmp_path, {"fixture-nd-discussion": [("    value: 41\n", "    value: 23\n")]})
    assert "tension" not in [f["kind"] for f in _findings(corpus)]


def test_undated_figures_of_one_measure_and_place_far_apart_are_a_tension(tmp_path):
    # Both undated, same indicator and place: not a conflict (nothing says they measure one moment),
    # but far apart: a tension whose only reason is that neither gives a period.
    corpus = _copy(tmp_path, {"fixture-2024-sample": [
        ("    indicator: cross-border-ecommerce-share-of-exports\n    value: 7.8\n    unit: {zh: \"%\", en: \"%\"}\n    period: 2024Q1\n",
         "    indicator: cross-border-ecommerce-share-of-foreign-trade\n    value: 7.8\n    unit: {zh: \"%\", en: \"%\"}\n    period: {not_stated: true}\n")]})
    (tension,) = [f for f in _findings(corpus) if f["kind"] == "tension"]
    assert tension["sentence"] == ("Related measures 5.3 times apart: 7.8% (Wang 2024) and 41% (Li n.d.); not strictly "
                                   "comparable: neither gives a period; no source given (Wang 2024, Li n.d.).")
    assert "conflict" not in [f["kind"] for f in _findings(corpus)]


def test_a_tension_names_nested_scopes_and_a_different_status(tmp_path):
    corpus = _copy(tmp_path, {"fixture-2024-sample": [
        ("    period: 2024Q1\n    status: actual\n    scope: {zh: 中国, en: China}\n    place: {area: cn}\n",
         "    period: 2024Q1\n    status: target\n    scope: {zh: 浙江, en: Zhejiang}\n    place: {area: cn/zhejiang}\n")]})
    (tension,) = [f for f in _findings(corpus) if f["kind"] == "tension"]
    assert "nested scopes (Zhejiang within China's foreign trade)" in tension["sentence"]
    assert "different status (target; actual)" in tension["sentence"]


_QUALITY_INDICATORS = ("- id: product-yield-rate\n  label: {zh: 良品率, en: Product yield rate}\n  family: product-quality\n"
                       "- id: defect-rate\n  label: {zh: 产品缺陷率, en: Product defect rate}\n  family: product-quality\n"
                       "  complement_of: product-yield-rate\n")
_QUALITY_FIGURE = ("  - id: stat-quality\n    indicator: {indicator}\n    value: {value}\n    unit: {{zh: \"%\", en: \"%\"}}\n"
                   "    period: {{not_stated: true}}\n    status: actual\n    scope: {{zh: 某鞋企, en: A shoemaker}}\n"
                   "    place: {{area: cn/fujian, subject: a-shoemaker}}\n    source: {{not_stated: true}}\n"
                   "    evidence: [{{quote: 质量数据{value}, locator: {locator}}}]\n")


def _quality_corpus(folder, yield_rate):
    """The fixture with a yield rate in the sample and a 0.8 % defect rate in the discussion."""
    content = folder / "content"
    shutil.copytree(FIXTURES / "valid" / "content", content)
    with (content / "indicators.yaml").open("a", encoding="utf-8") as out:
        out.write(_QUALITY_INDICATORS)
    for stem, indicator, value, locator in (("fixture-2024-sample", "product-yield-rate", yield_rate, "sec-1"),
                                            ("fixture-nd-discussion", "defect-rate", 0.8, "sec-li")):
        path = content / "papers" / f"{stem}.yaml"
        figure = _QUALITY_FIGURE.format(indicator=indicator, value=value, locator=locator)
        path.write_text(path.read_text(encoding="utf-8").replace("\ndefinitions:\n", "\n" + figure + "definitions:\n", 1),
                        encoding="utf-8")
    return load_corpus(folder)


def test_a_complement_is_compared_as_100_minus_its_value(tmp_path):
    def quality_tensions(yield_rate):
        folder = tmp_path / str(yield_rate)
        return [f for f in _findings(_quality_corpus(folder, yield_rate)) if f["id"].startswith("tension-product-quality")]
    # A 99.2 % yield rate and a 0.8 % defect rate say the same thing: no tension.
    assert quality_tensions(99.2) == []
    # A 90 % yield rate (10 % defective) against a 0.8 % defect rate: 12.5 times apart.
    (tension,) = quality_tensions(90)
    assert tension["sentence"] == (
        "Related measures 12.5 times apart: 0.8% (Li n.d.) and 90% (Wang 2024); not strictly comparable: different "
        "measures (Product defect rate; Product yield rate), complements of each other (Product yield rate compared "
        "as 100 minus its value); neither gives a period; no source given (Li n.d., Wang 2024).")


# --- repeats ----------------------------------------------------------------------------------------

def test_a_repeat_is_shown_as_not_independent_never_as_an_agreement(fixture_corpus, tmp_path):
    findings = _findings(fixture_corpus)
    (repeat,) = [f for f in findings if f["kind"] == "repeat"]
    assert _refs(repeat) == ["fixture-2024-sample#stat-cbec-firms-2023", "fixture-nd-discussion#stat-cbec-firms-2023"]
    assert repeat["sentence"] == (
        "The same words in Wang 2024 and Li n.d. (Number of cross-border e-commerce businesses, 2023, China: over "
        "100,000 firms): one report repeated, not two papers confirming each other; only Wang 2024 gives a source.")
    assert not any(f["kind"] == "agreement" and "fixture-nd-discussion#stat-cbec-firms-2023" in _refs(f) for f in findings)
    # Without the mark the same two figures are independent, and agree.
    corpus = _copy(tmp_path, {"fixture-nd-discussion": [("    repeats: fixture-2024-sample#stat-cbec-firms-2023\n", "")]})
    kinds = {f["kind"] for f in _findings(corpus) if "fixture-nd-discussion#stat-cbec-firms-2023" in _refs(f)}
    assert kinds == {"agreement"}


def test_a_repeat_keeps_the_anchor_the_agreement_had(fixture_corpus):
    (repeat,) = [f for f in _findings(fixture_corpus) if f["kind"] == "repeat"]
    assert repeat["anchors"] == ["agreement-cross-border-ecommerce-entities-2023-196d25cd"]
    _, findings = compare.statistics_table(fixture_corpus, "en", s("en"), "../../")
    row = next(r for r in findings["rows"] if r["id"] == repeat["id"])
    assert row["cells"][0]["anchors"] == repeat["anchors"]


# --- the check column ------------------------------------------------------------------------------

def test_the_check_column_lists_findings_and_the_notes_on_a_figure(fixture_corpus):
    ledger, _ = compare.statistics_table(fixture_corpus, "en", s("en"), "../../")
    check = {row["id"]: row["cells"][-1] for row in ledger["rows"]}
    cell = check["fixture-2024-sample--stat-cbec-export-share-2024q1"]
    assert [(e["text"], e["href"], e["kind"]) for e in cell["entries"]] == [
        ("Tension", "#tension-cross-border-ecommerce-share-7baa7e11", "tension"),
        ("Note: Disagrees with another paper", "../../papers/fixture-nd-discussion/#note-share-conflict", "note")]
    assert cell["csv"] == ("Tension [tension-cross-border-ecommerce-share-7baa7e11] | Note: Disagrees with another "
                           "paper [fixture-nd-discussion#note-share-conflict]")
    # A note on a case concerns its figures; a figure with nothing to check has an empty cell.
    assert [e["text"] for e in check["fixture-2024-sample--stat-hangzhou-growth"]["entries"]] == ["Note: Claim without a source"]
    assert check["fixture-nd-discussion--stat-data-market-2030"]["entries"] == []


def test_the_ledger_rows_carry_period_status_and_place(fixture_corpus):
    ledger, _ = compare.statistics_table(fixture_corpus, "en", s("en"), "../../")
    assert [c["key"] for c in ledger["columns"]] == ["indicator", "period", "value", "unit", "status", "scope",
                                                    "paper", "source", "check"]
    row = next(r for r in ledger["rows"] if r["id"] == "fixture-nd-discussion--stat-data-market-2030")
    assert [c["text"] for c in row["cells"][1:6]] == ["2030", "US$301.1 billion", "US dollars", "forecast", "World"]
    assert (row["cells"][2]["sort"], row["cells"][5]["csv"]) == ("301100000000", "World [world]")
    # Related measures stand together: the two shares of the family are adjacent rows.
    ids = [r["id"] for r in ledger["rows"]]
    share = ids.index("fixture-nd-discussion--stat-cbec-share-of-trade")
    assert ids[share + 1] == "fixture-2024-sample--stat-cbec-export-share-2024q1"


# --- the real corpus: the audit's findings ---------------------------------------------------------

def test_the_corpus_41_against_7_8_percent_is_a_tension(project_corpus):
    findings = _findings(project_corpus)
    tension = next(f for f in findings if "lu-nd-npf-digital-economy-trade#stat-cross-border-ecommerce-share-of-trade" in _refs(f))
    assert tension["kind"] == "tension"
    assert _refs(tension) == ["liu-nd-digital-trade-reform#stat-cbec-export-share-2024q1",
                              "lu-nd-npf-digital-economy-trade#stat-cross-border-ecommerce-share-of-trade"]
    assert tension["sentence"] == (
        "Related measures 5.3 times apart: 7.8% (Liu et al. n.d.) and 41% (Lu n.d.); not strictly comparable: "
        "different measures (Cross-border e-commerce as a share of exports; Cross-border e-commerce as a share of "
        "foreign trade); different periods (2024Q1; not stated in the source); no source given (Liu et al. n.d., Lu n.d.).")
    ledger, _ = compare.statistics_table(project_corpus, "en", s("en"), "../../")
    check = next(r for r in ledger["rows"] if r["id"] == "lu-nd-npf-digital-economy-trade--stat-cross-border-ecommerce-share-of-trade")["cells"][-1]
    hrefs = [e["href"] for e in check["entries"]]
    assert hrefs[0] == f"#{tension['id']}"
    assert "../../papers/lu-nd-npf-digital-economy-trade/#note-cbec-share-conflict" in hrefs
    assert "../../papers/liu-nd-digital-trade-reform/#note-cbec-share-conflict" in hrefs


def test_the_corpus_100000_firms_are_a_repeat_not_an_agreement(project_corpus):
    findings = _findings(project_corpus)
    assert [f for f in findings if f["kind"] == "agreement"] == []
    (repeat,) = [f for f in findings if f["kind"] == "repeat"]
    assert _refs(repeat) == ["npf-digital-trade-2025#stat-cross-border-ecommerce-entities-2023",
                             "liu-nd-digital-trade-reform#stat-cbec-firms-2023"]
    # The public anchor of the old "agreement" lands on the repeat's row.
    assert repeat["anchors"] == ["agreement-cross-border-ecommerce-entities-2023-196d25cd"]
    assert "over 100,000 firms" in repeat["sentence"]


def test_every_corpus_figure_has_a_place_a_status_and_a_period(project_corpus):
    for entry in compare.all_figures(project_corpus):
        fig = entry["fig"]
        assert fig["place"]["area"] and fig["status"] in ("actual", "estimate", "forecast", "target"), fig["id"]
        assert "year" not in fig and fig["period"] is not None, fig["id"]


# --- English values ---------------------------------------------------------------------------------

@pytest.mark.parametrize("value, unit, text, name", [
    (10, "10,000 firms", "100,000 firms", "firms"),
    (3666.1, "100 million US dollars", "US$366.61 billion", "US dollars"),
    (1500, "100 million US dollars", "US$150 billion", "US dollars"),
    (3190, "100 million yuan", "319 billion yuan", "yuan"),
    (2.38, "trillion yuan", "2.38 trillion yuan", "yuan"),
    (337.7, "10,000 base stations", "3.377 million base stations", "base stations"),
    (8.05, "100 million users", "805 million users", "users"),
    (23.32, "100 million users", "2.332 billion users", "users"),
    (1.5, "10,000 firms", "15,000 firms", "firms"),
    (3, "US dollars per pair", "US$3 per pair", "US dollars per pair"),
    (7.8, "%", "7.8%", "%"),
    (32.85, "ZB (zettabytes)", "32.85 ZB (zettabytes)", "ZB (zettabytes)"),
])
def test_english_values_read_as_people_write_them(value, unit, text, name):
    assert compare.english_amount(value, unit) == (text, name)


def test_paper_pages_print_every_figure_as_the_ledger_does(project_corpus, fixture_corpus):
    # The paper pages' macro and compare.figure_value_text are one rule written twice (a template cannot
    # call the module): every figure of the real and the fixture corpus reads the same in both.
    macro = environment().get_template("macros.j2").module.figure_value
    checked = 0
    for corpus in (project_corpus, fixture_corpus):
        for entry in compare.all_figures(corpus):
            for lang in ("zh", "en"):
                assert macro(entry["fig"], lang) == Markup(escape(compare.figure_value_text(entry["fig"], lang))), entry["fig"]["id"]
                checked += 1
    assert checked > 200
    firms = next(e["fig"] for e in compare.all_figures(project_corpus) if e["fig"]["id"] == "stat-cbec-firms-2023")
    assert compare.figure_value_text(firms, "en") == "over 100,000 firms"
    wto = next(e["fig"] for e in compare.all_figures(project_corpus) if e["fig"]["id"] == "stat-digitally-deliverable-services-trade-2023")
    assert compare.figure_value_text(wto, "en") == "US$366.61 billion"


def test_an_agreement_of_figures_that_give_one_source_says_so(tmp_path):
    corpus = _copy(tmp_path, {"fixture-nd-discussion": [(
        "    place: {area: cn}\n    source: {not_stated: true}\n    evidence: [{quote: 跨境电商进出口2.38万亿元, locator: sec-li}]\n",
        "    place: {area: cn}\n    source: {zh: 海关总署, en: General Administration of Customs}\n"
        "    evidence: [{quote: 跨境电商进出口2.38万亿元, locator: sec-li}]\n")]})
    (agreement,) = [f for f in _findings(corpus) if f["kind"] == "agreement"]
    assert agreement["sentence"] == (
        "2 papers, each in its own words, give the same value for Cross-border e-commerce imports and exports in 2023 (China): "
        "about 2.38 trillion yuan (Wang 2024, Li n.d.); but all give the same source (General Administration of "
        "Customs): one report passed on, not independent confirmation.")
