#!/usr/bin/env python3
"""Writes the seed corpora and dictionaries of the fuzzers (scripts/fuzz.sh), fresh on
every run, so no binary corpus is committed.

Usage: /usr/bin/python3 scripts/fuzz-seeds.py OUTDIR [EXTRA.md ...]

OUTDIR/frontend/   rex sources: each conformance case's pipeline (Tests/conformance/cases)
                   headed by `#table NAME: COLUMNS` lines giving its tables' schemas (see
                   FuzzSchemaProvider), every code block and `rex>` line of README.md,
                   docs/*.md and the EXTRA.md files (again with `#var` lines for the
                   script variables they use), SQL passthrough with hostile variable
                   values, and prelude/prelude.rex
OUTDIR/png/        PNGs of every colour type and bit depth, interlaced or not, with text
                   and ancillary chunks (written here with zlib), and a matplotlib figure
                   as rex's own plots make them
OUTDIR/frontend.dict, OUTDIR/png.dict   libFuzzer dictionaries (keywords, chunk names)
"""
import hashlib
import pathlib
import re
import struct
import sys
import zlib

ROOT = pathlib.Path(__file__).resolve().parent.parent


def write(directory, name, data):
    directory.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    digest = hashlib.sha1(data).hexdigest()[:12]
    (directory / f"{name}-{digest}").write_bytes(data)


# ---------------------------------------------------------------- rex sources

def conformance_seeds():
    """(name, text) for each case: `#table` header lines, then its pipeline."""
    seeds = []
    for path in sorted((ROOT / "Tests/conformance/cases").glob("*.rexcase")):
        headers, tables, section, arg, body, name = {}, {}, None, "", [], None

        def finish():
            if section == "data" and body:
                headers[arg] = body[0]
                tables[arg] = body[0]
            elif section == "use":
                tables[arg] = headers.get(arg, "")
            elif section == "pipeline":
                lines = [f"#table {t}: {h}" for t, h in tables.items()]
                seeds.append((name, "\n".join(lines + ["\n".join(body).strip()]) + "\n"))

        for line in path.read_text(encoding="utf-8").split("\n"):
            if line.startswith("=== ") or line.startswith("--- "):
                finish()
                section, body = None, []
                if line.startswith("=== "):
                    name, tables = line[4:].strip(), {}
                else:
                    words = line[4:].split(" ", 1)
                    section, arg = words[0], (words[1].strip() if len(words) > 1 else "")
            elif section is not None:
                body.append(line)
        finish()
    return seeds


def markdown_seeds(path):
    """Every fenced code block whole, and each `rex>` / `rex[…]>` prompt line's statement."""
    text = path.read_text(encoding="utf-8")
    seeds = []
    for block in re.findall(r"^```[^\n]*\n(.*?)^```", text, re.S | re.M):
        seeds.append(block)
        for line in block.split("\n"):
            match = re.match(r"^rex(\[[^\]]*\])?> (.*)$", line)
            if match:
                seeds.append(match.group(2) + "\n")
            match = re.match(r"^\$ rex .*-e '([^']*)'", line)
            if match:
                seeds.append(match.group(1) + "\n")
    return seeds


# Values for `#var` lines (FrontEndFuzzTarget): each tries to end a literal, open a comment
# or start a statement in some dialect.
HOSTILE_VALUES = ["v", "42", "-7", "", "it's", 'a"b', "x' OR 1=1 --", "*/ DROP TABLE t; /*", "$$", "$t$",
                  "]; DROP TABLE t; --", "back\\slash", "line\\nbreak", "nul\\0byte", "`", "$(x)"]

# SQL passthrough texts, each with $(x) in code, a literal, a quoted name, a comment.
PASSTHROUGH = ["SELECT $(x) AS v", "SELECT '$(x)' AS v", "SELECT 'a''$(x)''b' AS v -- $(x)", 'SELECT "$(x)" FROM t',
               "SELECT 1 /* $(x) */, $(x)", "SELECT N'$(x)', [$(x) x]", "SELECT E'$(x)\\n', $$ $(x) $$, $t$$(x)$t$",
               "SELECT `$(x)`, X'$(x)'", "SELECT $(x); DROP TABLE b"]


def variable_seeds(texts):
    """Each text that names $(…) again, headed by `#var` lines for its names."""
    seeds = []
    for n, text in enumerate(texts):
        names = sorted(set(re.findall(r"\$\(([A-Za-z_][A-Za-z_0-9]*)\)", text)))
        if names:
            header = "".join(f"#var {name}={HOSTILE_VALUES[(n + i) % len(HOSTILE_VALUES)]}\n" for i, name in enumerate(names))
            seeds.append(header + text)
    return seeds


def passthrough_seeds():
    seeds = []
    for n, sql in enumerate(PASSTHROUGH):
        value = HOSTILE_VALUES[n % len(HOSTILE_VALUES)]
        seeds.append(f"#var x={value}\n:exec {sql}\n")
        escaped = sql.replace("\\", "\\\\").replace('"', '\\"')
        seeds.append(f'#var x={value}\n#sql: a:int,s:text\nsql "{escaped}" | filter a > $(x)\n')
    return seeds


def frontend_dictionary():
    """Keywords from the grammar and the function enums, and every operator."""
    words = set(re.findall(r'"([a-z][a-z_]*)"', (ROOT / "Sources/RexLanguage/Parsing/Grammar.swift").read_text()))
    ir = (ROOT / "Sources/RexCompiler/IR.swift").read_text()
    for enum in ("ScalarFunction", "AggregateFunction"):
        body = re.search(r"enum " + enum + r"[^{]*\{(.*?)\n\}", ir, re.S).group(1)
        for line in body.split("\n"):
            line = line.strip()
            if not line.startswith("case "):
                continue
            for item in line[5:].split(","):
                item = item.strip()
                raw = re.search(r'= "([^"]+)"', item)
                words.add(raw.group(1) if raw else item.strip("`"))
    words |= {"let", "def", "replace", "append", "png", "inner", "left", "full", "sep", "iris", "airline",
              "bins", "color", "title", "by"}
    symbols = ["==", "!=", "<=", ">=", "->", "|", "(", ")", ",", "=", "~", ".", ";", "-", "+", "*", "/", "%",
               "\"\"\"", "`", "@2024-01-31", "@2024-01-31T08:30:00", ":sql ", ":python ", ":exec ",
               "#table t: a:int,s:text\n", "#sql: a:int,a:text\n", "#var x=", ":setvar ", "$(x)", "$(", "\\$(",
               "this.", "that.", "--", "/*", "*/", "$$", "E'", "N'", "''"]
    lines = [f'"{w}"' for w in sorted(words)]
    for symbol in symbols:
        escaped = "".join(c if c.isprintable() and c not in '"\\' else f"\\x{ord(c):02x}" for c in symbol)
        lines.append(f'"{escaped}"')
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- PNGs

def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]


def packed_row(samples, depth):
    """One scanline (without its filter byte) of `samples` at `depth` bits each."""
    if depth == 8:
        return bytes(samples)
    if depth == 16:
        return b"".join(struct.pack(">H", s) for s in samples)
    out, bits, filled = bytearray(), 0, 0
    for s in samples:
        bits = (bits << depth) | s
        filled += depth
        if filled == 8:
            out.append(bits)
            bits, filled = 0, 0
    if filled:
        out.append(bits << (8 - filled))
    return bytes(out)


def png(width, height, color, depth, interlace=False, extra=b""):
    """A valid PNG whose pixel samples follow a simple pattern."""
    channels = CHANNELS[color]
    top = (1 << depth) - 1
    if color == 3:
        top = min(top, 5)  # palette of six entries

    def pixel(x, y):
        return [((x * 7 + y * 13 + c * 5) * 37) % (top + 1) for c in range(channels)]

    def raw(xs, ys):  # scanlines of the pixels at xs × ys, each with filter type 0
        data = b""
        for y in ys:
            data += b"\x00" + packed_row([s for x in xs for s in pixel(x, y)], depth)
        return data

    if interlace:
        data = b""
        for x0, y0, dx, dy in ADAM7:
            xs, ys = list(range(x0, width, dx)), list(range(y0, height, dy))
            if xs and ys:
                data += raw(xs, ys)
    else:
        data = raw(list(range(width)), list(range(height)))
    head = struct.pack(">IIBBBBB", width, height, depth, color, 0, 0, 1 if interlace else 0)
    body = chunk(b"IHDR", head)
    if color == 3:
        body += chunk(b"PLTE", bytes([10, 20, 30, 200, 100, 0, 0, 255, 0, 9, 9, 9, 255, 255, 255, 1, 2, 3]))
        body += chunk(b"tRNS", bytes([0, 128, 255]))
    body += extra
    compressed = zlib.compress(data, 9)
    half = len(compressed) // 2
    body += chunk(b"IDAT", compressed[:half]) + chunk(b"IDAT", compressed[half:])
    return b"\x89PNG\r\n\x1a\n" + body + chunk(b"IEND", b"")


def png_seeds():
    seeds = []
    depths = {0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16]}
    for color, allowed in depths.items():
        for depth in allowed:
            seeds.append((f"c{color}d{depth}", png(5, 3, color, depth)))
            seeds.append((f"c{color}d{depth}-adam7", png(9, 10, color, depth, interlace=True)))
    texts = (chunk(b"tEXt", b"Software\x00matplotlib version3.6.3, https://matplotlib.org/")
             + chunk(b"zTXt", b"Comment\x00\x00" + zlib.compress("caf\xe9 latin-1".encode("latin-1")))
             + chunk(b"iTXt", "Pipeline\x00\x00\x00\x00\x00sample iris | plot matrix — ü".encode("utf-8"))
             + chunk(b"iTXt", b"Context\x00\x01\x00en\x00Kontext\x00" + zlib.compress(b"server (irissql)")))
    ancillary = (chunk(b"gAMA", struct.pack(">I", 45455)) + chunk(b"sRGB", b"\x00")
                 + chunk(b"pHYs", struct.pack(">IIB", 3780, 3780, 1)) + chunk(b"tIME", struct.pack(">HBBBBB", 2024, 1, 31, 8, 30, 0))
                 + chunk(b"sBIT", b"\x08\x08\x08\x08") + chunk(b"bKGD", struct.pack(">HHH", 255, 255, 255))
                 + chunk(b"cHRM", struct.pack(">8I", 31270, 32900, 64000, 33000, 30000, 60000, 15000, 6000)))
    seeds.append(("texts", png(4, 4, 6, 8, extra=texts)))
    seeds.append(("ancillary", png(3, 3, 6, 8, extra=ancillary)))
    seeds.append(("gray-trns", png(4, 2, 0, 8, extra=chunk(b"tRNS", struct.pack(">H", 7)))))
    seeds.append(("rgb-trns", png(4, 2, 2, 16, extra=chunk(b"tRNS", struct.pack(">HHH", 1, 2, 3)))))
    seeds.append(("one-pixel", png(1, 1, 6, 8)))
    seeds.append(("wide", png(300, 1, 2, 8)))
    try:  # an image as rex's plots make them (matplotlib's Agg backend)
        import io
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        figure = plt.figure(figsize=(0.6, 0.4), dpi=50)
        plt.plot([1, 3, 2])
        out = io.BytesIO()
        figure.savefig(out, format="png")
        seeds.append(("matplotlib", out.getvalue()))
    except Exception:
        pass
    return seeds


PNG_DICTIONARY = "\n".join(f'"{k}"' for k in [
    "IHDR", "PLTE", "IDAT", "IEND", "tRNS", "gAMA", "cHRM", "sRGB", "iCCP", "sBIT", "bKGD", "hIST",
    "pHYs", "sPLT", "tIME", "tEXt", "zTXt", "iTXt", "eXIf", "oFFs", "pCAL", "sCAL", "acTL", "fcTL",
]) + '\n"\\x89PNG\\x0d\\x0a\\x1a\\x0a"\n"\\x00\\x00\\x00\\x0d"\n"\\xff\\xff\\xff\\xff"\n"\\x7f\\xff\\xff\\xff"\n'


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out = pathlib.Path(sys.argv[1])
    frontend = out / "frontend"
    for name, text in conformance_seeds():
        write(frontend, "case", text)
    docs = [ROOT / "README.md"] + sorted((ROOT / "docs").glob("*.md")) + [pathlib.Path(p) for p in sys.argv[2:]]
    for path in docs:
        if path.exists():
            texts = markdown_seeds(path)
            for text in texts + variable_seeds(texts):
                write(frontend, "doc-" + path.stem, text)
    for text in passthrough_seeds():
        write(frontend, "passthrough", text)
    write(frontend, "prelude", (ROOT / "prelude/prelude.rex").read_text(encoding="utf-8"))
    for name, data in png_seeds():
        write(out / "png", name, data)
    (out / "frontend.dict").write_text(frontend_dictionary())
    (out / "png.dict").write_text(PNG_DICTIONARY)
    print(f"seeds: {len(list(frontend.iterdir()))} rex sources, {len(list((out / 'png').iterdir()))} PNGs in {out}")


if __name__ == "__main__":
    main()
