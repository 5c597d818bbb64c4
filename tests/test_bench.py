"""The benchmark's synthetic corpus is valid content (so its figures are those of a real site), varied, and
reproducible; its timings are not tested here (speed lives in the benchmark itself)."""
from __future__ import annotations

import bench
from papersite.load import load_content
from papersite.validate import validate


def test_synthetic_corpus_is_valid_varied_and_reproducible(tmp_path):
    project = bench.make_project(tmp_path / "a", 12)
    raw = load_content(project / "content", project)
    assert validate(raw) == []
    papers = {paper["slug"]: paper for paper in raw.papers.values()}
    synthetic = sorted(slug for slug in papers if slug.startswith("synthetic-"))
    assert len(papers) == 12 and len(synthetic) == 12 - 5
    first, sixth = papers[synthetic[0]], papers[synthetic[5]]  # made from the same real paper
    assert first["slug"].removeprefix("synthetic-0001-") == sixth["slug"].removeprefix("synthetic-0006-")
    assert first["title"]["zh"] != sixth["title"]["zh"]
    assert first["summary"]["en"] != sixth["summary"]["en"]
    assert sorted(first["summary"]["en"].split()) == sorted(sixth["summary"]["en"].split())  # same words
    again = bench.make_project(tmp_path / "b", 12)
    for path in sorted((project / "content" / "papers").glob("*.yaml")):
        assert path.read_bytes() == (again / "content" / "papers" / path.name).read_bytes()
