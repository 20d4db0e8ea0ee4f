"""Checks the .rexcase files: format, cell types, row widths, unique names.

Usage: /usr/bin/python3 Tests/conformance/validate.py   (prints cases per file)
Mirrors Tests/ConformanceTests/CaseFile.swift; the Swift parser is the reference.
"""
import datetime, pathlib, re, sys

TYPES = {"int", "float", "text", "bool", "date", "datetime"}


def cells(line):
    out, field, quoted, inq, i = [], "", False, False, 0
    while i < len(line):
        c = line[i]
        if inq:
            if c == '"':
                if i + 1 < len(line) and line[i + 1] == '"':
                    field += '"'; i += 1
                else:
                    inq = False
            else:
                field += c
        elif c == '"' and field == "":
            inq = quoted = True
        elif c == ",":
            out.append(field if quoted or field != "NULL" else None); field, quoted = "", False
        else:
            field += c
        i += 1
    if inq:
        raise ValueError("unclosed quote: " + line)
    out.append(field if quoted or field != "NULL" else None)
    return out


def check_value(v, t):
    if v is None or t == "text":
        return
    if t == "int":
        n = int(v); assert -2**63 <= n < 2**63 and re.fullmatch(r"-?\d+", v), v
    elif t == "float":
        float(v)
    elif t == "bool":
        assert v in ("true", "false"), v
    elif t == "date":
        datetime.date.fromisoformat(v)
    elif t == "datetime":
        assert "T" in v, v; datetime.datetime.fromisoformat(v)


def table(lines, where):
    lines = [l for l in lines if l.strip()]
    if not lines:
        raise ValueError(where + ": missing header")
    header = []
    for item in cells(lines[0]):
        name, _, t = item.rpartition(":")
        if t not in TYPES or not name:
            raise ValueError(f"{where}: bad header item {item!r}")
        header.append(t)
    for n, l in enumerate(lines[1:], 1):
        row = cells(l)
        if len(row) != len(header):
            raise ValueError(f"{where}: row {n} has {len(row)} cells, header {len(header)}: {l!r}")
        for v, t in zip(row, header):
            try:
                check_value(v, t)
            except Exception as e:
                raise ValueError(f"{where}: row {n}: {v!r} is not {t} ({e})")
    return len(lines) - 1


def parse(path, names):
    count, errors = 0, 0
    case, section, arg, body, shared = None, None, "", [], set()
    cases = []

    def finish_section():
        nonlocal section, body
        if case is None or section is None:
            section, body = None, []
            return
        where = f"{path.name}: {case['name']}"
        if section == "data":
            table(body, where + " data " + arg); shared.add(arg); case["data"].add(arg)
        elif section == "use":
            if arg not in shared:
                raise ValueError(f"{where}: use of undefined {arg}")
            case["data"].add(arg)
        elif section == "pipeline":
            case["pipeline"] = "\n".join(body).strip()
        elif section == "expect":
            if arg == "error":
                case["expect"] = "error"
                if not "\n".join(body).strip():
                    raise ValueError(where + ": empty error")
            else:
                table(body, where + " expect"); case["expect"] = "table"
        elif section == "not":
            engine, colon, reason = arg.partition(":")
            if not colon or not engine.strip() or not reason.strip():
                raise ValueError(f"{where}: '--- not {arg}' needs 'ENGINE: REASON'")
            case["not"][engine.strip()] = reason.strip()
        elif section != "note":
            raise ValueError(f"{where}: unknown section {section}")
        section, body = None, []

    for raw in path.read_text(encoding="utf-8").split("\n"):
        line = raw.rstrip("\r")
        if line.startswith("=== "):
            finish_section()
            if case: cases.append(case)
            case = {"name": line[4:].strip(), "data": set(), "pipeline": "", "expect": None, "not": {}}
        elif line.startswith("--- "):
            finish_section()
            words = line[4:].split(" ", 1)
            section, arg = words[0], (words[1].strip() if len(words) > 1 else "")
            if section in ("use", "not"):
                finish_section()
        elif section is not None:
            body.append(line)
    finish_section()
    if case: cases.append(case)
    for c in cases:
        if c["name"] in names:
            raise ValueError(f"{path.name}: duplicate name {c['name']}")
        names.add(c["name"])
        if not c["pipeline"] or c["expect"] is None:
            raise ValueError(f"{path.name}: {c['name']}: missing pipeline or expect")
        for t in re.findall(r"\btable\s+(\w+)", c["pipeline"]):
            if t not in c["data"]:
                raise ValueError(f"{path.name}: {c['name']}: table {t} has no data")
    return cases


def main():
    root = pathlib.Path(__file__).parent / "cases"
    names, total, errors, not_tsql = set(), 0, 0, 0
    for path in sorted(root.glob("*.rexcase")):
        cases = parse(path, names)
        n_err = sum(1 for c in cases if c["expect"] == "error")
        errors += n_err
        total += len(cases)
        n_not = sum(1 for c in cases if "tsql" in c["not"])
        not_tsql += n_not
        print(f"{path.name}: {len(cases)} cases ({n_err} error cases, {n_not} not tsql)")
    print(f"total: {total} cases, {errors} error cases, {not_tsql} not tsql")


if __name__ == "__main__":
    main()
