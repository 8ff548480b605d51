#!/usr/bin/env python3
"""Adds (or replaces) user-facing strings in both resource files, keeping them sorted.

usage: scripts/add-text.py KEY "中文" "English" [KEY "中文" "English" ...]
"""
import re
import sys
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent / "src" / "Entrust.Web" / "Resources"
ENTRY = re.compile(r'  <data name="([^"]+)" xml:space="preserve"><value>.*?</value></data>\n', re.S)


def put(path: Path, pairs: dict[str, str]) -> None:
    text = path.read_text(encoding="utf-8")
    entries = {m.group(1): m.group(0) for m in ENTRY.finditer(text)}
    start = ENTRY.search(text).start()
    end = text.rindex("</root>")
    for key, value in pairs.items():
        entries[key] = f'  <data name="{escape(key, {chr(34): "&quot;"})}" xml:space="preserve"><value>{escape(value)}</value></data>\n'
    body = "".join(entries[k] for k in sorted(entries))
    path.write_text(text[:start] + body + text[end:], encoding="utf-8")


def main(args: list[str]) -> None:
    if not args or len(args) % 3:
        sys.exit(__doc__)
    triples = [args[i:i + 3] for i in range(0, len(args), 3)]
    put(ROOT / "SharedResource.resx", {k: zh for k, zh, _ in triples})
    put(ROOT / "SharedResource.en.resx", {k: en for k, _, en in triples})


main(sys.argv[1:])
