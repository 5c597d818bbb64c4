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
