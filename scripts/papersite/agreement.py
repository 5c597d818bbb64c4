"""Inter-coder agreement for the codebook (content/themes.yaml). In: the project's content (a loaded
RawContent) or two codings of the same sample. Out: coding/sample.yaml (a stratified sample of items
with their text and quotes, no tags), coding/first.yaml (our coding of it, read from content/), and
an agreement report: Cohen's kappa and Krippendorff's alpha per theme and per actor (each a binary
yes/no decision per item), pooled over all themes and all actors, and for the status of items.

The sample is drawn with a fixed seed, stratified by paper and kind of item (every paper × mechanism,
challenge and recommendation, proportionally with a floor, plus a few arguments and cases that carry
themes), and leaves out the items the codebook itself uses as examples, since a coder who read the
codebook has seen their coding. Nothing here writes except the two write_* functions.

    .venv/bin/python scripts/agreement.py sample    # coding/sample.yaml
    .venv/bin/python scripts/agreement.py first     # coding/first.yaml
    .venv/bin/python scripts/agreement.py report    # coding/first.yaml against coding/second.yaml
    .venv/bin/python scripts/agreement.py disagreements   # the items they code differently
"""
from __future__ import annotations

import dataclasses
import pathlib
import random
import re

import yaml

from .load import load_content
from .quotes import evidence_entries

SEED = 13  # the issue that asked for the second coding
TARGET_CORE = 66  # mechanisms, challenges and recommendations together
FLOOR = 2  # at least this many of each paper × kind (or all it has)
EXTRA_PER_PAPER = {"arguments": 1, "cases": 1}  # a few themed arguments and cases per paper
CORE_LISTS = ("mechanisms", "challenges", "recommendations")
KINDS = {"mechanisms": "mechanism", "challenges": "challenge", "recommendations": "recommendation",
         "arguments": "argument", "cases": "case"}
DEFAULT_STATUS = {"recommendation": "proposal"}  # every other kind: claim
_ITEM_REF = re.compile(r"\b([a-z0-9]+(?:-[a-z0-9]+)*)#((?:mech|chal|rec|arg|case)-[a-z0-9]+(?:-[a-z0-9]+)*)")


# --- the sample -----------------------------------------------------------------------------------

def codebook_examples(themes_file: dict) -> set[str]:
    """slug#id of every item the codebook shows as an example (theme and actor examples, and the
    items its decision rules name)."""
    refs: set[str] = set()
    for name in ("themes", "actors"):
        for entry in themes_file.get(name) or []:
            for kind in ("include_example", "exclude_example"):
                refs.add(entry[kind]["item"])
    for rule in themes_file.get("decision_rules") or []:
        for lang in ("zh", "en"):
            refs.update(f"{slug}#{item}" for slug, item in _ITEM_REF.findall(rule["example"][lang]))
    return refs


def _population(papers: dict[str, dict], excluded: set[str]) -> dict[tuple[str, str], list[dict]]:
    """(slug, list name) → the items that can be sampled, in file order."""
    strata: dict[tuple[str, str], list[dict]] = {}
    for slug in sorted(papers):
        paper = papers[slug]
        for list_name in CORE_LISTS + tuple(EXTRA_PER_PAPER):
            items = [item for item in paper[list_name] if f"{slug}#{item['id']}" not in excluded
                     and (list_name in CORE_LISTS or item.get("themes"))]
            strata[(slug, list_name)] = items
    return strata


def _allocation(strata: dict[tuple[str, str], list[dict]]) -> dict[tuple[str, str], int]:
    """How many items of each stratum: the core lists proportionally to their size with a floor
    (largest remainders, ties by stratum key), the extras a fixed few per paper."""
    core = {key: len(items) for key, items in strata.items() if key[1] in CORE_LISTS}
    size = sum(core.values())
    wanted = {key: max(min(FLOOR, n), TARGET_CORE * n / size) for key, n in core.items()}
    counts = {key: min(core[key], int(value)) for key, value in wanted.items()}
    left = TARGET_CORE - sum(counts.values())
    for key in sorted(core, key=lambda k: (-(wanted[k] - int(wanted[k])), k)):
        if left <= 0:
            break
        if counts[key] < core[key]:
            counts[key] += 1
            left -= 1
    for key, items in strata.items():
        if key[1] in EXTRA_PER_PAPER:
            counts[key] = min(EXTRA_PER_PAPER[key[1]], len(items))
    return counts


def _locator_label(paper: dict, locator: str, lang: str) -> str:
    for section in paper["outline"]:
        if section["id"] == locator:
            number = section.get("number")
            return (f"{number} " if number else "") + section["title"][lang]
    return locator


def sample_items(raw) -> list[dict]:
    """The stratified sample, shuffled with the fixed seed: each item with its paper, kind, text in
    both languages, quotes (a see entry shows the quote it points to) and locators, and no tags."""
    papers = {data["slug"]: data for data in raw.papers.values()}
    excluded = codebook_examples(raw.vocabularies["themes"])
    strata = _population(papers, excluded)
    counts = _allocation(strata)
    rng = random.Random(SEED)
    chosen = []
    for key in sorted(strata):
        slug, list_name = key
        for item in rng.sample(strata[key], counts[key]):
            chosen.append((papers[slug], list_name, item))
    rng.shuffle(chosen)
    out = []
    for paper, list_name, item in chosen:
        quoted = {anchor: entry["quote"] for _, anchor, entry in evidence_entries(paper) if "quote" in entry}
        evidence = []
        for entry in item["evidence"]:
            shown = {"quote": entry.get("quote") or quoted[entry["see"]], "locator": entry["locator"],
                     "section": _locator_label(paper, entry["locator"], "zh")}
            if shown not in evidence:  # several entries may point to one quote
                evidence.append(shown)
        text = item["text"] if list_name != "cases" else {
            lang: f"{item['name'][lang]}：{item['text'][lang]}" if lang == "zh" else f"{item['name'][lang]}: {item['text'][lang]}"
            for lang in ("zh", "en")}
        out.append({"item": f"{paper['slug']}#{item['id']}", "paper": paper["slug"], "kind": KINDS[list_name],
                    "text": {"zh": " ".join(text["zh"].split()), "en": " ".join(text["en"].split())},
                    "evidence": evidence})
    return out


# --- codings --------------------------------------------------------------------------------------

def coding_of(item: dict, kind: str) -> dict:
    """One item's coding as both coders write it: themes, and for a recommendation actors and
    partners; status always explicit (the default of its kind where the item has none)."""
    coding = {"themes": list(item.get("themes") or [])}
    if kind == "recommendation":
        coding["actors"] = list(item.get("actors") or [])
        coding["partners"] = list(item.get("partners") or [])
    coding["status"] = item.get("status") or DEFAULT_STATUS.get(kind, "claim")
    return coding


def first_coding(raw, sample: list[dict]) -> list[dict]:
    """Our coding of the sample, read from content/."""
    items = {}
    for data in raw.papers.values():
        for list_name in KINDS:
            for item in data[list_name]:
                items[f"{data['slug']}#{item['id']}"] = item
    return [{"item": entry["item"], **coding_of(items[entry["item"]], entry["kind"])} for entry in sample]


def dump_yaml(data: object, header: str) -> str:
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100, default_flow_style=None)
    return "".join(f"# {line}\n" if line else "#\n" for line in header.splitlines()) + body


SAMPLE_HEADER = """The sample for the second coding (see coding/README.md). Generated by
`.venv/bin/python scripts/agreement.py sample`; do not edit. No tags: code each item from the codebook
(compare/codebook/ on the site, or content/themes.yaml) and its text, quotes and the source passage at
its locator, and write coding/second.yaml in the form of coding/first.yaml."""

FIRST_HEADER = """Our (the first) coding of coding/sample.yaml, read from content/papers/ by
`.venv/bin/python scripts/agreement.py first`; do not edit by hand. Do not show it to the second coder."""


def write_sample(root: pathlib.Path) -> pathlib.Path:
    raw = load_content(root / "content", root)
    path = root / "coding" / "sample.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(dump_yaml(sample_items(raw), SAMPLE_HEADER), encoding="utf-8")
    return path


def write_first(root: pathlib.Path) -> pathlib.Path:
    raw = load_content(root / "content", root)
    sample = yaml.safe_load((root / "coding" / "sample.yaml").read_text(encoding="utf-8"))
    path = root / "coding" / "first.yaml"
    path.write_text(dump_yaml(first_coding(raw, sample), FIRST_HEADER), encoding="utf-8")
    return path


# --- agreement statistics -------------------------------------------------------------------------

def cohen_kappa(a: list, b: list) -> float | None:
    """Cohen's kappa of two coders' nominal codes of the same units; None where it is undefined
    (both coders gave one and the same code to every unit, so chance agreement is 1)."""
    if len(a) != len(b) or not a:
        raise ValueError("two codings of the same, non-empty list of units are needed")
    n = len(a)
    observed = sum(x == y for x, y in zip(a, b)) / n
    categories = set(a) | set(b)
    expected = sum((a.count(c) / n) * (b.count(c) / n) for c in categories)
    if expected == 1:
        return None
    return (observed - expected) / (1 - expected)


def krippendorff_alpha(a: list, b: list) -> float | None:
    """Krippendorff's alpha for nominal data, two coders, no missing values: 1 − D_o / D_e from the
    coincidence matrix; None where every value is the same (D_e = 0)."""
    if len(a) != len(b) or not a:
        raise ValueError("two codings of the same, non-empty list of units are needed")
    coincidences: dict[tuple, int] = {}
    for x, y in zip(a, b):
        coincidences[(x, y)] = coincidences.get((x, y), 0) + 1
        coincidences[(y, x)] = coincidences.get((y, x), 0) + 1
    n = 2 * len(a)
    totals: dict[object, int] = {}
    for (x, _), count in coincidences.items():
        totals[x] = totals.get(x, 0) + count
    disagreement = sum(count for (x, y), count in coincidences.items() if x != y) / n
    expected = sum(totals[x] * totals[y] for x in totals for y in totals if x != y) / (n * (n - 1))
    if expected == 0:
        return None
    return 1 - disagreement / expected


@dataclasses.dataclass
class Row:
    label: str
    units: int
    first: int   # units the first coder coded yes (or: distinct codes, for status)
    second: int
    both: int
    kappa: float | None
    alpha: float | None


def _binary_rows(first: dict[str, dict], second: dict[str, dict], field: str, ids: list[str],
                 units: list[str]) -> tuple[list[Row], Row]:
    rows = []
    pooled_a, pooled_b = [], []
    for code in ids:
        a = [code in first[u][field] for u in units]
        b = [code in second[u][field] for u in units]
        pooled_a += a
        pooled_b += b
        rows.append(Row(code, len(units), sum(a), sum(b), sum(x and y for x, y in zip(a, b)),
                        cohen_kappa(a, b), krippendorff_alpha(a, b)))
    pooled = Row(f"all {field} (pooled)", len(pooled_a), sum(pooled_a), sum(pooled_b),
                 sum(x and y for x, y in zip(pooled_a, pooled_b)),
                 cohen_kappa(pooled_a, pooled_b), krippendorff_alpha(pooled_a, pooled_b))
    return rows, pooled


def agreement(first: list[dict], second: list[dict], theme_ids: list[str], actor_ids: list[str],
              kinds: dict[str, str]) -> dict:
    """Per theme and per actor (binary per item), pooled, partners pooled, status (nominal), and the
    share of items whose whole theme set is the same. kinds: item → kind (from the sample)."""
    a = {entry["item"]: entry for entry in first}
    b = {entry["item"]: entry for entry in second}
    missing = sorted(set(a) - set(b))
    extra = sorted(set(b) - set(a))
    if missing or extra:
        raise ValueError(f"the codings cover different items: missing in second {missing}, not in first {extra}")
    unknown = sorted({code for entry in second for field, vocab in (("themes", theme_ids), ("actors", actor_ids),
                                                                  ("partners", actor_ids))
                      for code in entry.get(field) or [] if code not in vocab})
    if unknown:
        raise ValueError(f"codes that are not in the codebook: {unknown}")
    # Actors and partners are coded on recommendations only: on any other item an empty list is the
    # same as no field (the second coder wrote [] throughout), a non-empty one is a coding error.
    misplaced = sorted(entry["item"] for entry in list(first) + list(second)
                       if kinds[entry["item"]] != "recommendation" and (entry.get("actors") or entry.get("partners")))
    if misplaced:
        raise ValueError(f"actors or partners on items that are not recommendations: {misplaced}")
    for entry in second:
        entry.setdefault("themes", [])
        if kinds[entry["item"]] == "recommendation":
            entry.setdefault("actors", [])
            entry.setdefault("partners", [])
        entry.setdefault("status", DEFAULT_STATUS.get(kinds[entry["item"]], "claim"))
    units = [entry["item"] for entry in first]
    recommendations = [u for u in units if kinds[u] == "recommendation"]
    theme_rows, theme_pooled = _binary_rows(a, b, "themes", theme_ids, units)
    actor_rows, actor_pooled = _binary_rows(a, b, "actors", actor_ids, recommendations)
    _, partner_pooled = _binary_rows(a, b, "partners", [i for i in actor_ids if i != "unspecified"], recommendations)
    status_a = [a[u]["status"] for u in units]
    status_b = [b[u]["status"] for u in units]
    status = Row("status", len(units), len(set(status_a)), len(set(status_b)),
                 sum(x == y for x, y in zip(status_a, status_b)), cohen_kappa(status_a, status_b),
                 krippendorff_alpha(status_a, status_b))
    same_sets = sum(set(a[u]["themes"]) == set(b[u]["themes"]) for u in units)
    defined = [row.kappa for row in theme_rows if row.kappa is not None]
    return {"units": len(units), "recommendations": len(recommendations), "themes": theme_rows,
            "themes_pooled": theme_pooled, "themes_mean_kappa": sum(defined) / len(defined) if defined else None,
            "theme_sets_identical": same_sets, "actors": actor_rows, "actors_pooled": actor_pooled,
            "partners_pooled": partner_pooled, "status": status}


def disagreements(first: list[dict], second: list[dict], kinds: dict[str, str]) -> list[dict]:
    """Every item on which the two codings differ, in the order of the first coding: for each field
    that differs (themes, actors and partners as sets, status), both values as the coders wrote them.
    Actors and partners count on recommendations only; a missing field is its empty default."""
    b = {entry["item"]: entry for entry in second}
    out = []
    for entry in first:
        unit, other, kind = entry["item"], b[entry["item"]], kinds[entry["item"]]
        fields = ("themes", "actors", "partners") if kind == "recommendation" else ("themes",)
        diff = {field: (list(entry.get(field) or []), list(other.get(field) or []))
                for field in fields if set(entry.get(field) or []) != set(other.get(field) or [])}
        default = DEFAULT_STATUS.get(kind, "claim")
        status = (entry.get("status") or default, other.get("status") or default)
        if status[0] != status[1]:
            diff["status"] = status
        if diff:
            out.append({"item": unit, "kind": kind, **diff})
    return out


def disagreements_text(rows: list[dict]) -> str:
    lines = [f"{len(rows)} items differ", ""]
    for row in rows:
        lines.append(f"{row['item']} ({row['kind']})")
        for field in ("themes", "actors", "partners", "status"):
            if field in row:
                a, b = row[field]
                lines.append(f"    {field}: 1st {a}  2nd {b}")
    return "\n".join(lines) + "\n"


def _number(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:5.2f}"


def report_text(result: dict) -> str:
    lines = [f"{result['units']} items ({result['recommendations']} recommendations)", "",
             f"{'themes':34s} {'yes 1st':>7s} {'yes 2nd':>7s} {'both':>5s} {'kappa':>6s} {'alpha':>6s}"]
    for row in result["themes"] + [result["themes_pooled"]]:
        lines.append(f"{row.label:34s} {row.first:7d} {row.second:7d} {row.both:5d} {_number(row.kappa):>6s} {_number(row.alpha):>6s}")
    lines.append(f"{'mean kappa over themes':34s} {'':7s} {'':7s} {'':5s} {_number(result['themes_mean_kappa']):>6s}")
    lines.append(f"identical theme sets: {result['theme_sets_identical']} of {result['units']}")
    lines += ["", f"{'actors (recommendations)':34s} {'yes 1st':>7s} {'yes 2nd':>7s} {'both':>5s} {'kappa':>6s} {'alpha':>6s}"]
    for row in result["actors"] + [result["actors_pooled"], result["partners_pooled"]]:
        lines.append(f"{row.label:34s} {row.first:7d} {row.second:7d} {row.both:5d} {_number(row.kappa):>6s} {_number(row.alpha):>6s}")
    row = result["status"]
    lines += ["", f"status (nominal): agree on {row.both} of {row.units}, kappa {_number(row.kappa).strip()}, "
                  f"alpha {_number(row.alpha).strip()}",
              "", "n/a: undefined, both coders gave every unit the same code (no variation to agree on)."]
    return "\n".join(lines) + "\n"


def _load_codings(root: pathlib.Path, first_path: pathlib.Path | None, second_path: pathlib.Path | None):
    sample = yaml.safe_load((root / "coding" / "sample.yaml").read_text(encoding="utf-8"))
    first = yaml.safe_load((first_path or root / "coding" / "first.yaml").read_text(encoding="utf-8"))
    second = yaml.safe_load((second_path or root / "coding" / "second.yaml").read_text(encoding="utf-8"))
    return first, second, {entry["item"]: entry["kind"] for entry in sample}


def report(root: pathlib.Path, first_path: pathlib.Path | None = None, second_path: pathlib.Path | None = None) -> str:
    raw = load_content(root / "content", root)
    themes = raw.vocabularies["themes"]
    first, second, kinds = _load_codings(root, first_path, second_path)
    result = agreement(first, second, [t["id"] for t in themes["themes"]], [a["id"] for a in themes["actors"]], kinds)
    return report_text(result)


def report_disagreements(root: pathlib.Path, first_path: pathlib.Path | None = None,
                         second_path: pathlib.Path | None = None) -> str:
    first, second, kinds = _load_codings(root, first_path, second_path)
    return disagreements_text(disagreements(first, second, kinds))
