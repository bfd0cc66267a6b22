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

from pathlib import Path

from bundles import DIST, ROOT, bundle_outputs, chunk_closure, gz, room_javascript


def row(label: str, paths) -> tuple[str, int, int]:
    files = [ROOT / p for p in paths]
    return label, sum(f.stat().st_size for f in files), sum(gz(f) for f in files)


def main() -> None:
    outputs = bundle_outputs()
    room = room_javascript(outputs)
    room.add("static/dist/room.css")
    board_js = next(
        p for p in outputs if Path(p).name.startswith("board-") and p.endswith(".js")
    )
    lazy = ("prod-", "react-", "client-")
    board = chunk_closure(outputs, board_js, follow=lambda n: n.startswith(lazy))
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
