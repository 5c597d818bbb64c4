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


def test_fast_construction_gives_what_pyyaml_gives():
    import yaml

    from papersite.load import ContentLoader, _load

    def outcome(load, text):
        try:
            return "data", repr(load(text))
        except Exception as error:  # noqa: BLE001 - the error itself is what is compared
            return type(error).__name__, str(error)

    documents = ["", "a: 1", "- 1\n- 2", "a: &x {b: 1}\nc: *x", "<<: {a: 1}\nb: 2", "a: 1\na: 2",
                 "x:\n  - {a: 1, a: 2}\ny: 1\ny: 2", "t: 2024-01-01 10:00:00", "n: null\nb: yes\nf: 1.5e3\ni: 0x10",
                 "bin: !!binary aGk=", "s: !!set {a, b}", "o: !!omap [a: 1]", "r: &r [*r]", "m: &m {a: *m}",
                 "k: {[1]: 2}", "=: 1", "a: !custom 1", "1: a\n1.0: b", "true: 1\n1: 2", "- &a x\n- *a",
                 "--- 1\n--- 2", "a: [1, 2", "!!str 1", "- !!float 1"]
    for document in documents:
        assert outcome(_load, document) == outcome(lambda t: yaml.load(t, Loader=ContentLoader), document), document
    shared = _load("a: &x {b: [1]}\nc: *x")
    assert shared["a"] is shared["c"]


def test_scalars_get_the_tags_pyyaml_gives():
    import yaml

    from papersite.load import ContentLoader

    class PlainResolver(ContentLoader):
        resolve = yaml.resolver.Resolver.resolve

    def tags(node, found):
        found.append(node.tag)
        for child in node.value if isinstance(node, yaml.SequenceNode) else []:
            tags(child, found)
        for key, value in node.value if isinstance(node, yaml.MappingNode) else []:
            tags(key, found)
            tags(value, found)
        return found

    scalars = ["", "~", "null", "Null", "nulls", "true", "TRUE", "yes", "off", "y", "0", "-0", "+1", "0x1F", "0b101",
               "0o17", "017", "1_000", "1.5", ".5", "1e3", ".inf", "-.INF", ".NaN", "2024-01-01", "2024-1-1 1:02:03",
               "12:30:00", "<<", "x", "数字", "-1.5", ".", "'1'", '"true"']
    document = "\n".join(f"k{i}: {value}" for i, value in enumerate(scalars)) + "\nlist: [" + ", ".join(scalars[1:]) + "]"
    assert tags(yaml.compose(document, Loader=ContentLoader), []) == \
        tags(yaml.compose(document, Loader=PlainResolver), [])
