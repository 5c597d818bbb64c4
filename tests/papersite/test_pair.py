"""The data of the side-by-side view: one small file per paper (its themed items, definitions and figures
in both languages, each with its item's anchor) and an index for the pickers; the page in both languages."""
import json

from conftest import FIXTURES
from papersite.build import load_corpus
from papersite.pair import pair_outputs


def test_one_file_per_paper_and_an_index():
    corpus = load_corpus(FIXTURES / "valid")
    outputs = pair_outputs(corpus)
    slugs = [p["slug"] for p in corpus.papers]
    assert sorted(outputs) == sorted(["data/pair/index.json", "compare/pair.md", "compare/pair.en.md"]
                                     + [f"data/pair/{slug}.json" for slug in slugs])
    index = json.loads(outputs["data/pair/index.json"])
    assert [p["slug"] for p in index["papers"]] == slugs
    assert [t["id"] for t in index["themes"]] == [t["id"] for t in corpus.themes]
    sample = json.loads(outputs["data/pair/fixture-2024-sample.json"])
    paper = corpus.papers_by_slug["fixture-2024-sample"]
    themed = [(item["id"], list_name) for list_name in ("arguments", "mechanisms", "challenges", "recommendations", "cases")
              for item in paper[list_name] if item.get("themes")]
    assert [(i["id"], i["list"]) for i in sample["items"]] == themed
    assert {d["term"] for d in sample["definitions"]} == {d["term"] for d in paper["definitions"]}
    figure = next(f for f in sample["figures"] if f["id"] == "stat-hangzhou-growth")
    assert figure["text"] == {"zh": "40%（杭州）", "en": "40% (Hangzhou)"}
    # The page carries the two default papers and reads the data from the site root.
    assert 'data-first="' + slugs[0] + '"' in outputs["compare/pair.md"]
    assert 'data-root="../../../"' in outputs["compare/pair.en.md"]
