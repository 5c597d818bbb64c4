"""The second-coding tools: the sample is stratified, reproducible and untagged, first.yaml is our
coding as content/ holds it, and the agreement statistics give the textbook values."""
from __future__ import annotations

import collections

import pytest
import yaml

from conftest import ROOT
from papersite import agreement
from papersite.load import load_content


@pytest.fixture(scope="module")
def raw():
    return load_content(ROOT / "content", ROOT)


def test_cohen_kappa_and_krippendorff_alpha_of_a_two_by_two_table():
    # 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no: po = .7, pe = .5·.6 + .5·.4 = .5, kappa = .4;
    # coincidences yy 40, nn 30, yn = ny 15: D_o = .3, D_e = 2·55·45 / (100·99) = .5, alpha = .4.
    a = [1] * 25 + [0] * 25
    b = [1] * 20 + [0] * 5 + [1] * 10 + [0] * 15
    assert agreement.cohen_kappa(a, b) == pytest.approx(0.4)
    assert agreement.krippendorff_alpha(a, b) == pytest.approx(0.4)


def test_alpha_differs_from_kappa_when_the_coders_marginals_differ():
    # 6 units: a = 1 1 1 1 0 0, b = 1 1 0 0 0 0. kappa: po 4/6, pe (4/6)(2/6) + (2/6)(4/6) = 4/9, kappa = 0.4.
    # alpha: yy 4, nn 4, yn = ny 2; n 12, n1 = n0 = 6; D_o = 4/12, D_e = 2·36/132; alpha = 1 − (1/3)/(6/11) = 7/18.
    a, b = [1, 1, 1, 1, 0, 0], [1, 1, 0, 0, 0, 0]
    assert agreement.cohen_kappa(a, b) == pytest.approx(0.4)
    assert agreement.krippendorff_alpha(a, b) == pytest.approx(7 / 18)


def test_statistics_are_undefined_without_variation_and_perfect_with_identical_codings():
    assert agreement.cohen_kappa([0, 0, 0], [0, 0, 0]) is None
    assert agreement.krippendorff_alpha([0, 0, 0], [0, 0, 0]) is None
    assert agreement.cohen_kappa(["a", "b", "c"], ["a", "b", "c"]) == 1
    assert agreement.krippendorff_alpha(["a", "b", "c"], ["a", "b", "c"]) == 1
    with pytest.raises(ValueError):
        agreement.cohen_kappa([1], [1, 0])


def test_the_sample_is_stratified_reproducible_and_carries_no_tags(raw):
    sample = agreement.sample_items(raw)
    assert sample == agreement.sample_items(raw)  # fixed seed
    assert len(sample) >= 60
    kinds = collections.Counter((entry["paper"], entry["kind"]) for entry in sample)
    for slug in {data["slug"] for data in raw.papers.values()}:
        for kind in ("mechanism", "challenge", "recommendation"):
            assert kinds[(slug, kind)] >= 2, (slug, kind)
    assert {"argument", "case"} <= {entry["kind"] for entry in sample}
    assert len({entry["item"] for entry in sample}) == len(sample)
    for entry in sample:
        assert set(entry) == {"item", "paper", "kind", "text", "evidence"}
        assert all(set(ev) == {"quote", "locator", "section"} for ev in entry["evidence"])
    examples = agreement.codebook_examples(raw.vocabularies["themes"])
    assert "zhou-nd-digital-trade-paths#rec-cross-border-payment-tools" in examples  # named by a rule
    assert not examples & {entry["item"] for entry in sample}


def test_committed_sample_and_first_coding_are_current(raw):
    committed = yaml.safe_load((ROOT / "coding" / "sample.yaml").read_text(encoding="utf-8"))
    assert committed == agreement.sample_items(raw), "regenerate: scripts/agreement.py sample"
    first = yaml.safe_load((ROOT / "coding" / "first.yaml").read_text(encoding="utf-8"))
    assert first == agreement.first_coding(raw, committed), "regenerate: scripts/agreement.py first"


def test_report_of_a_coding_against_itself_and_against_a_changed_one(raw, tmp_path):
    first = yaml.safe_load((ROOT / "coding" / "first.yaml").read_text(encoding="utf-8"))
    second = yaml.safe_load((ROOT / "coding" / "first.yaml").read_text(encoding="utf-8"))
    (tmp_path / "same.yaml").write_text(yaml.safe_dump(second, allow_unicode=True), encoding="utf-8")
    text = agreement.report(ROOT, second_path=tmp_path / "same.yaml")
    assert "all themes (pooled)" in text and "identical theme sets: %d of %d" % (len(first), len(first)) in text
    # Drop every theme the second coder gave the first item: one item differs.
    second[0]["themes"] = []
    themes = [t["id"] for t in raw.vocabularies["themes"]["themes"]]
    actors = [a["id"] for a in raw.vocabularies["themes"]["actors"]]
    kinds = {entry["item"]: entry["kind"] for entry in yaml.safe_load((ROOT / "coding" / "sample.yaml").read_text(encoding="utf-8"))}
    result = agreement.agreement(first, second, themes, actors, kinds)
    assert result["theme_sets_identical"] == len(first) - 1
    assert result["themes_pooled"].kappa < 1
    with pytest.raises(ValueError, match="not in the codebook"):
        agreement.agreement(first, [dict(e, themes=["no-such-theme"]) for e in first], themes, actors, kinds)
    with pytest.raises(ValueError, match="different items"):
        agreement.agreement(first, first[1:], themes, actors, kinds)


def _kinds():
    sample = yaml.safe_load((ROOT / "coding" / "sample.yaml").read_text(encoding="utf-8"))
    return {entry["item"]: entry["kind"] for entry in sample}


def test_empty_actors_and_partners_on_other_items_count_as_absent(raw, tmp_path):
    # The second coder wrote actors: [] and partners: [] on every item that is not a recommendation:
    # the report must be the same as without those fields, and a non-empty list there is an error.
    kinds = _kinds()
    second = yaml.safe_load((ROOT / "coding" / "second.yaml").read_text(encoding="utf-8"))
    assert any(kinds[e["item"]] != "recommendation" and e.get("actors") == [] for e in second)
    stripped = [{k: v for k, v in e.items() if kinds[e["item"]] == "recommendation" or k not in ("actors", "partners")}
                for e in second]
    (tmp_path / "with.yaml").write_text(yaml.safe_dump(second, allow_unicode=True), encoding="utf-8")
    (tmp_path / "without.yaml").write_text(yaml.safe_dump(stripped, allow_unicode=True), encoding="utf-8")
    assert agreement.report(ROOT, second_path=tmp_path / "with.yaml") == agreement.report(ROOT, second_path=tmp_path / "without.yaml")
    first = yaml.safe_load((ROOT / "coding" / "first.yaml").read_text(encoding="utf-8"))
    themes = [t["id"] for t in raw.vocabularies["themes"]["themes"]]
    actors = [a["id"] for a in raw.vocabularies["themes"]["actors"]]
    padded = [dict(e, actors=[], partners=[]) if kinds[e["item"]] != "recommendation" else e for e in first]
    same = agreement.agreement(first, padded, themes, actors, kinds)
    assert same["theme_sets_identical"] == len(first) and same["actors_pooled"].kappa == 1
    assert agreement.disagreements(first, padded, kinds) == []
    other = next(e["item"] for e in first if kinds[e["item"]] != "recommendation")
    wrong = [dict(e, actors=["firms"]) if e["item"] == other else e for e in first]
    with pytest.raises(ValueError, match="not recommendations"):
        agreement.agreement(first, wrong, themes, actors, kinds)


def test_disagreements_name_each_differing_field():
    kinds = _kinds()
    first = yaml.safe_load((ROOT / "coding" / "first.yaml").read_text(encoding="utf-8"))
    rec = next(e for e in first if kinds[e["item"]] == "recommendation")
    other = next(e for e in first if kinds[e["item"]] != "recommendation")
    second = [dict(e) for e in first]
    for e in second:
        if e["item"] == rec["item"]:
            e.update(themes=list(reversed(e["themes"])),  # order alone is no difference
                     actors=["government"] if e["actors"] == ["unspecified"] else ["unspecified"],
                     status="target" if e["status"] == "forecast" else "forecast")
        if e["item"] == other["item"]:
            e["themes"] = e["themes"] + ["talent"] if "talent" not in e["themes"] else e["themes"][:-1]
    rows = agreement.disagreements(first, second, kinds)
    assert [r["item"] for r in rows] == [e["item"] for e in first if e["item"] in (rec["item"], other["item"])]
    by_item = {r["item"]: r for r in rows}
    assert set(by_item[rec["item"]]) == {"item", "kind", "actors", "status"}
    assert by_item[rec["item"]]["status"][0] == rec["status"]
    assert set(by_item[other["item"]]) == {"item", "kind", "themes"}
    assert agreement.disagreements_text(rows).startswith("2 items differ")
