"""Hostile and careless input: nothing a contributor can put in content/ makes `validate` or the generator
hang, crash or run anything. Each problem is one `path: field: expected …, got …` line and exit 1;
what is valid but unusual (Windows line ends, a byte-order mark) is accepted. A property test feeds
generated changes of a valid paper to the validator and asserts that it never raises and never passes
a document that then fails to render."""
from __future__ import annotations

import copy
import dataclasses
import shutil
import subprocess
import sys

import pytest

from conftest import FIXTURES, ROOT, tree_paths
from papersite.build import render_all
from papersite.enrich import enrich
from papersite.load import load_content
from papersite.siteinfo import site_info
from papersite.validate import validate

hypothesis = pytest.importorskip("hypothesis")
st = hypothesis.strategies

SAMPLE = "content/papers/fixture-2024-sample.yaml"


def _content_with(tmp_path, text: bytes | str):
    root = tmp_path / "site"
    shutil.copytree(FIXTURES / "valid", root)
    path = root / SAMPLE
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return root


def _validate_command(root) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "cli.py"), "--root", str(root), "validate"],
                          capture_output=True, text=True, timeout=60)


SAMPLE_TEXT = (FIXTURES / "valid" / SAMPLE).read_text(encoding="utf-8")
LAUGHS = "\n".join(["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
                   + [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]) + "\n"


@pytest.mark.parametrize("name, text, expected", [
    ("billion laughs", LAUGHS + SAMPLE_TEXT,
     f"{SAMPLE}: line 1, column 5: expected no anchors and aliases (&name, *name): write the value out, "
     "got a value that an alias repeats"),
    ("deep nesting", "deep: " + "[" * 100 + "]" * 100 + "\n" + SAMPLE_TEXT,
     f"{SAMPLE}: line 1, column 47: expected at most 40 levels of nesting, got more"),
    # Deep enough to overflow libyaml's C stack if it were composed: refused from the text first.
    ("very deep nesting", "deep: " + "[" * 100_000 + "]" * 100_000 + "\n" + SAMPLE_TEXT,
     f"{SAMPLE}: line 1, column 47: expected at most 40 levels of nesting, got more"),
    ("deep compact sequences", "deep: \n" + "- " * 50_000 + "x\n" + SAMPLE_TEXT,
     f"{SAMPLE}: line 2, column 1: expected at most 40 levels of nesting, got more"),
    ("a list as a key", "? [a, b]\n: 1\n" + SAMPLE_TEXT,
     f"{SAMPLE}: line 1, column 3: expected keys that are plain text, got a key that is a list or mapping"),
    ("code in a tag", "x: !!python/object/apply:os.system ['touch /tmp/pwned']\n" + SAMPLE_TEXT,
     f"{SAMPLE}: line 1, column 4: expected valid YAML, got could not determine a constructor for the tag "
     "'tag:yaml.org,2002:python/object/apply:os.system'"),
    ("not a number", SAMPLE_TEXT.replace("value: 40\n", "value: .nan\n"),
     f"{SAMPLE}: line {SAMPLE_TEXT[:SAMPLE_TEXT.index('value: 40')].count(chr(10)) + 1}, column 16: "
     "expected a finite number, got '.nan'"),
    ("a tab for indentation", SAMPLE_TEXT.replace("\n  zh: ", "\n\tzh: ", 1), None),
    ("not UTF-8", b"slug: \xff\xfe\n" + SAMPLE_TEXT.encode("utf-8"),
     f"{SAMPLE}: (document): expected UTF-8 text, got invalid start byte"),
    ("a list, not a mapping", "- a\n- b\n", f"{SAMPLE}: (document): expected object, got array"),
    ("empty", "", None),
])
def test_hostile_files_get_one_clear_line_each_and_exit_1(tmp_path, name, text, expected):
    result = _validate_command(_content_with(tmp_path, text))
    assert result.returncode == 1, (name, result.stderr[-2000:])
    assert "Traceback" not in result.stderr, name
    lines = result.stderr.splitlines()
    assert lines[-1].endswith("problem(s) found; nothing was built."), lines[-1]
    assert all(line.startswith("content/") for line in lines[:-1]), lines
    if expected:
        assert expected in lines, (name, lines)


def test_windows_line_ends_and_a_byte_order_mark_are_accepted(tmp_path):
    text = "\ufeff" + SAMPLE_TEXT.replace("\n", "\r\n")
    result = _validate_command(_content_with(tmp_path, text))
    assert result.returncode == 0, result.stderr[-2000:]


def test_markup_and_template_syntax_in_content_is_text_not_code():
    hostile = "{{ 7*7 }}{% raw %}<script>alert(1)</script>"
    paper = copy.deepcopy(_BASE)
    paper["summary"] = {"zh": hostile, "en": hostile}
    raw = dataclasses.replace(_RAW, papers={**_RAW.papers, SAMPLE: paper}, problems=[])
    assert validate(raw) == []
    corpus = enrich(raw)
    corpus.site = site_info(corpus.changelog, "https://example.org/x/", {"SOURCE_DATE_EPOCH": "0"})
    outputs = render_all(corpus, workers=1)
    for page in (outputs["papers/fixture-2024-sample.md"], outputs["papers/fixture-2024-sample.en.md"]):
        assert "<script>" not in page and "{% raw %}" not in page and "49" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # shown as text, escaped


# --- property test -------------------------------------------------------------------------------

_RAW = load_content(FIXTURES / "valid" / "content", FIXTURES / "valid")
_BASE = _RAW.papers[SAMPLE]


PATHS = [p for p in tree_paths(_BASE) if p]
SCALARS = (st.none() | st.booleans() | st.integers(min_value=-10**12, max_value=10**12)
           | st.floats(allow_nan=False, allow_infinity=False)
           | st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=20)
           | st.sampled_from(["", " ", "sec-1", "not_stated", "数字贸易", "<b>", "{{ x }}", "a|b", "9" * 40,
                              "fixture-2024-sample#mech-data", "mech-data-q1", "10.1234/x", "2095-3283"]))
VALUES = st.recursive(SCALARS, lambda children: st.lists(children, max_size=3)
                      | st.dictionaries(st.sampled_from(["zh", "en", "not_stated", "note", "quote", "see",
                                                         "locator", "id", "x"]), children, max_size=3),
                      max_leaves=6)
MUTATION = st.tuples(st.sampled_from(PATHS), st.sampled_from(["replace", "delete"]), VALUES)


def _apply(paper: dict, mutation) -> dict:
    path, action, value = mutation
    node = paper
    for step in path[:-1]:
        if not isinstance(node, (dict, list)):
            return paper
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            return paper
    last = path[-1]
    try:
        if action == "delete":
            del node[last]
        else:
            node[last] = value
    except (KeyError, IndexError, TypeError):
        pass
    return paper


@hypothesis.settings(max_examples=60, deadline=None, derandomize=True, database=None,
                     suppress_health_check=[hypothesis.HealthCheck.too_slow])
@hypothesis.given(st.lists(MUTATION, min_size=1, max_size=3))
def test_the_validator_never_raises_and_what_it_passes_renders(mutations):
    paper = copy.deepcopy(_BASE)
    for mutation in mutations:
        paper = _apply(paper, mutation)
    raw = dataclasses.replace(_RAW, papers={**_RAW.papers, SAMPLE: paper}, problems=[])
    problems = validate(raw)  # must not raise
    assert all(str(problem).startswith("content/") for problem in problems)
    if not problems:
        corpus = enrich(raw)
        corpus.site = site_info(corpus.changelog, "https://example.org/x/", {"SOURCE_DATE_EPOCH": "0"})
        render_all(corpus, workers=1)  # must not raise
