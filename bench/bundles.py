"""The built front-end bundles (static/dist and esbuild's meta.json), as the weight
benchmarks read them: which files a page loads from an entry, and their size
gzipped at level 9, as whitenoise serves them."""

import gzip
import json
import subprocess
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "static" / "dist"


def bundle_outputs() -> dict:
    """esbuild's outputs by path, building static/dist first if it was never built."""
    if not (DIST / "meta.json").exists():
        subprocess.run(["node", "build.mjs"], cwd=ROOT, check=True)
    return json.loads((DIST / "meta.json").read_text())["outputs"]


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 9))


def chunk_closure(
    outputs: dict, start: str, *, follow: Callable[[str], bool] = lambda name: False
) -> set:
    """`start` and every output it imports statically, and those it imports lazily
    whose file name `follow` accepts, each with its own imports."""
    seen: set[str] = set()

    def walk(path: str) -> None:
        if path in seen:
            return
        seen.add(path)
        for imported in outputs[path].get("imports", []):
            if imported["kind"] == "import-statement" or follow(
                Path(imported["path"]).name
            ):
                walk(imported["path"])

    walk(start)
    return seen


def room_javascript(outputs: dict) -> set:
    """The room page's JavaScript at first load: room.js with its static imports
    and the pad's chunk, which it imports lazily but always at once."""
    return chunk_closure(
        outputs, "static/dist/room.js", follow=lambda name: name.startswith("pad-")
    )
