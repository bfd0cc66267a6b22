"""The whiteboard's weight: what the room loads for it, from static/dist.

    .venv/bin/python bench/board_weight.py

From static/dist (node build.mjs) and its meta.json, gzipped at level 9 as
whitenoise serves them: the room page's first load (room.js with its static
imports and the pad's chunk, and room.css), as bench/run_weight.py counts it; the
board's lazy load when its tab is first opened (board.js and what it imports, then
Excalidraw, React and React DOM's client, each with its static imports, less what
the room already has; and board.css with its interface font); Excalidraw's own
lazy chunks (languages, Mermaid...) load only when used and are not counted. The
fonts it draws with are counted apart: Excalifont's subsets and the rest, of which
a page fetches only the subsets its text needs. Prints a Markdown table.
"""

import gzip
import json
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "static" / "dist"


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 9))


def closure(outputs: dict, start: str, *, follow_dynamic=lambda name: False) -> set:
    seen: set[str] = set()

    def walk(path: str) -> None:
        if path in seen:
            return
        seen.add(path)
        for imported in outputs[path].get("imports", []):
            name = Path(imported["path"]).name
            if imported["kind"] == "import-statement" or (
                imported["kind"] == "dynamic-import" and follow_dynamic(name)
            ):
                walk(imported["path"])

    walk(start)
    return seen


def row(label: str, paths) -> tuple[str, int, int]:
    files = [ROOT / p for p in paths]
    return label, sum(f.stat().st_size for f in files), sum(gz(f) for f in files)


def main() -> None:
    if not (DIST / "meta.json").exists():
        subprocess.run(["node", "build.mjs"], cwd=ROOT, check=True)
    outputs = json.loads((DIST / "meta.json").read_text())["outputs"]
    room = closure(
        outputs, "static/dist/room.js", follow_dynamic=lambda n: n.startswith("pad-")
    )
    room.add("static/dist/room.css")
    board_js = next(
        p for p in outputs if Path(p).name.startswith("board-") and p.endswith(".js")
    )
    lazy = ("prod-", "react-", "client-")
    board = closure(outputs, board_js, follow_dynamic=lambda n: n.startswith(lazy))
    board -= room
    css = {"static/dist/board.css"} | {
        p for p in outputs if "excalidraw-assets/Assistant-" in p
    }
    fonts = sorted((DIST / "excalidraw-assets" / "fonts").rglob("*.woff2"))
    excalifont = [f for f in fonts if f.parent.name == "Excalifont"]
    rows = [
        row("room page, first load (JS + CSS)", room),
        row("board, JavaScript loaded on first open", board),
        row("board, CSS and its interface font (Assistant)", css),
    ]
    for label, files in [
        ("Excalifont, all subsets", excalifont),
        ("every font Excalidraw may draw with", fonts),
    ]:
        rows.append(
            (label, sum(f.stat().st_size for f in files), sum(gz(f) for f in files))
        )
    print("| what | bytes | served (gzipped) |\n| --- | ---: | ---: |")
    for label, size, served in rows:
        print(f"| {label} | {size:,} | {served:,} |")


if __name__ == "__main__":
    main()
