"""YAML is parsed strictly: syntax errors name line and column, repeated keys are refused, dates stay text."""
from papersite.load import parse_yaml


def test_syntax_error_names_line_and_column():
    data, problems = parse_yaml("a: 1\nb: [1, 2\nc: 3\n", "x.yaml")
    assert data is None
    assert [str(p) for p in problems] == ["x.yaml: line 3, column 2: expected valid YAML, got did not find expected ',' or ']'"]


def test_repeated_key_is_refused():
    _, problems = parse_yaml("a: 1\nb:\n  c: 1\n  c: 2\n", "x.yaml")
    assert [str(p) for p in problems] == ["x.yaml: line 4, column 3: expected unique keys, got key 'c' repeated"]


def test_dates_are_kept_as_text():
    data, problems = parse_yaml("d: 2024-06-15\n", "x.yaml")
    assert problems == [] and data == {"d": "2024-06-15"}


def test_what_pyyaml_gives_for_ordinary_documents():
    import yaml

    from papersite.load import _load

    for document in ["", "a: 1", "- 1\n- 2", "n: null\nb: yes\nf: 1.5e3\ni: 0x10", "t: 2024-01-01 10:00:00",
                     "s: 数字贸易\nq: '1'", "--- 1\n"]:
        expected = yaml.safe_load(document)
        if isinstance(expected, dict) and "t" in expected:
            expected["t"] = "2024-01-01 10:00:00"
        assert _load(document) == expected, document


def _problems(text):
    data, problems = parse_yaml(text, "x.yaml")
    assert data is None
    return [str(p) for p in problems]


def test_an_alias_is_refused_before_it_can_expand():
    # A "billion laughs": nine levels of nine aliases stand for 9**9 values in a few lines.
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    assert _problems("\n".join(lines)) == [
        "x.yaml: line 1, column 5: expected no anchors and aliases (&name, *name): write the value out, "
        "got a value that an alias repeats"]


def test_deep_nesting_is_refused_not_a_recursion_error():
    assert _problems("a: " + "[" * 5000 + "]" * 5000) == [
        "x.yaml: line 1, column 44: expected at most 40 levels of nesting, got more"]


def test_a_key_that_is_a_list_is_refused():
    assert _problems("? [a, b]\n: 1\n") == [
        "x.yaml: line 1, column 3: expected keys that are plain text, got a key that is a list or mapping"]


def test_numbers_that_are_not_finite_are_refused():
    assert _problems("value: .nan\n") == ["x.yaml: line 1, column 8: expected a finite number, got '.nan'"]
    assert _problems("value: -.inf\n") == ["x.yaml: line 1, column 8: expected a finite number, got '-.inf'"]


def test_tags_that_would_run_code_or_make_objects_are_refused():
    assert _problems("x: !!python/object/apply:os.system [echo]\n") == [
        "x.yaml: line 1, column 4: expected valid YAML, got could not determine a constructor for the tag "
        "'tag:yaml.org,2002:python/object/apply:os.system'"]
