"""Entry point: `python scripts/cli.py <command>`; see papersite/cli.py for the commands."""
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

from papersite.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
