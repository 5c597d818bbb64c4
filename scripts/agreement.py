"""Inter-coder agreement for the codebook: `python scripts/agreement.py sample|first|report|disagreements`.

sample         writes coding/sample.yaml (stratified, fixed seed, no tags)
first          writes coding/first.yaml (our coding of the sample, read from content/)
report         prints Cohen's kappa and Krippendorff's alpha per theme, per actor and pooled
               (coding/first.yaml against coding/second.yaml, or --first PATH / --second PATH)
disagreements  lists every item the two codings code differently, field by field (same options)
See coding/README.md and scripts/papersite/agreement.py."""
import argparse
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

from papersite import agreement  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parent.parent


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="agreement.py", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("sample", "first", "report", "disagreements"))
    parser.add_argument("--root", type=pathlib.Path, default=ROOT, help="project root")
    parser.add_argument("--first", type=pathlib.Path, default=None, help="first coding (default coding/first.yaml)")
    parser.add_argument("--second", type=pathlib.Path, default=None, help="second coding (default coding/second.yaml)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if args.command == "sample":
        print(agreement.write_sample(root))
    elif args.command == "first":
        print(agreement.write_first(root))
    else:
        second = args.second or root / "coding" / "second.yaml"
        if not second.is_file():
            print(f"error: {second} does not exist yet (the second coder writes it; see coding/README.md)", file=sys.stderr)
            return 2
        if args.command == "report":
            print(agreement.report(root, args.first, second), end="")
        else:
            print(agreement.report_disagreements(root, args.first, second), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
