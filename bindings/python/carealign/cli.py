"""``python -m carealign``: the carealign command through the Python binding.

``score`` is implemented here over :func:`carealign.instruments.score_batch`
and behaves exactly as the C command's ``carealign score`` (same CSV rules,
same output bytes, same messages and exit statuses: 0 all rows scored, 3
some rows failed, 2 usage error, 1 other error). Other subcommands (``report``)
run the C ``carealign`` command: ``$CAREALIGN_TOOL`` when set, else
``carealign`` on ``PATH``.
"""

from __future__ import annotations

import array
import ctypes
import os
import shutil
import subprocess
import sys
from typing import BinaryIO, List, Optional, Sequence, TextIO

from . import _lib, instruments
from ._lib import CarealignError
from .csvio import CsvError, first_line_crlf, format_field, read_records

__all__ = ["main", "score_main", "find_tool", "EXIT_OK", "EXIT_ERROR", "EXIT_USAGE",
           "EXIT_ROWS_FAILED"]

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_ROWS_FAILED = 3

#: Rows scored per call of the C batch function.
CHUNK_ROWS = 8192

_USAGE = """usage: python -m carealign COMMAND [ARGS]

commands:
  score INSTRUMENT [--valueset NAME] [FILE|-]
      score questionnaire rows of a CSV file (stdin by default)
  report [ARGS]
      run the C command's report ($CAREALIGN_TOOL, else carealign on PATH)
  help [COMMAND]   show help
  --version        show the library and methods versions

exit status: 0 success, 3 some rows failed, 2 usage error, 1 other error
"""


def score_usage(out: TextIO) -> None:
    """Print the usage of ``score`` (the C command's text)."""
    out.write("usage: carealign score INSTRUMENT [--valueset NAME] [FILE|-]\n"
              "\n"
              "Scores each row of a CSV file (stdin when FILE is - or absent). The header\n"
              "names the item columns by their codes (docs/instruments.md); other columns\n"
              "pass through. Output: the input columns plus score and status. A row that\n"
              "fails keeps its line with an empty score and the status name and is\n"
              "reported on stderr with its line number.\n"
              "\n"
              "instruments and value sets (the first is the default):\n")
    for info in instruments.registry():
        out.write(f"  {info.name:<11}" + "".join(" " + v.name for v in info.valuesets) + "\n")
    out.write("\nexit status: 0 all rows scored, 3 some rows failed, 2 usage error,\n"
              "1 other error (unreadable or malformed input, missing columns)\n")


def _status_name(status: int) -> bytes:
    return {_lib.OK: b"OK", _lib.EINVAL: b"EINVAL", _lib.EMISSING: b"EMISSING"}.get(
        status, b"ERROR")


def _parse_level(text: bytes) -> Optional[int]:
    """A whole number of at most nine digits with an optional sign."""
    digits = text[1:] if text[:1] in (b"-", b"+") else text
    if not digits or len(digits) > 9 or not digits.isdigit():
        return None
    value = int(digits)
    return -value if text[:1] == b"-" else value


class _Columns:
    def __init__(self, item: List[Optional[int]], profile: Optional[int]):
        self.item = item
        self.profile = profile


def _map_columns(header: List[bytes], line: int, info: instruments.Instrument,
                 err: TextIO) -> Optional[_Columns]:
    eq5d = info.name.startswith("eq5d")
    codes = [it.code.encode().lower() for it in info.items]
    item: List[Optional[int]] = [None] * len(codes)
    profile = None
    found = 0
    for c, name in enumerate(header):
        lower = name.lower()  # ASCII only, as the C command
        if eq5d and lower == b"profile":
            if profile is not None:
                err.write(f"carealign score: line {line}: column profile appears twice\n")
                return None
            profile = c
            continue
        for j, code in enumerate(codes):
            if lower == code:
                if item[j] is not None:
                    err.write(f"carealign score: line {line}: column {info.items[j].code} "
                              "appears twice\n")
                    return None
                item[j] = c
                found += 1
    if profile is not None and found > 0:
        err.write(f"carealign score: line {line}: both a profile column and item columns; "
                  "keep one\n")
        return None
    if profile is not None or found == len(codes):
        return _Columns(item, profile)
    missing = "".join(" " + info.items[j].code for j in range(len(codes)) if item[j] is None)
    err.write(f"carealign score: line {line}: missing column(s) for {info.name}:{missing}"
              f"{' (or one profile column)' if eq5d else ''}\n")
    return None


def _read_items(fields: List[bytes], info: instruments.Instrument, cols: _Columns,
                out: array.array) -> Optional[str]:
    """Append the row's items to ``out``; returns why a field is not a
    level (the row then counts as EINVAL), else None."""
    n = len(info.items)
    if cols.profile is not None:
        text = fields[cols.profile]
        if not text:
            out.extend([_lib.ITEM_MISSING] * n)
            return None
        if len(text) != n or not text.isdigit():
            out.extend([_lib.ITEM_MISSING] * n)
            return f"column profile is not {n} digits"
        out.extend(c - 0x30 for c in text)
        return None
    levels = []
    for j in range(n):
        text = fields[cols.item[j]]
        if not text:
            levels.append(_lib.ITEM_MISSING)
            continue
        value = _parse_level(text)
        if value is None:
            out.extend([_lib.ITEM_MISSING] * n)
            return f"column {info.items[j].code} is not a whole number"
        levels.append(value)
    out.extend(levels)
    return None


def _usage_error(err: TextIO, message: str) -> int:
    err.write(f"carealign score: {message}\n(carealign help score for usage)\n")
    return EXIT_USAGE


def score_main(argv: Sequence[str], stdin: Optional[BinaryIO] = None,
               stdout: Optional[BinaryIO] = None, stderr: Optional[TextIO] = None) -> int:
    """``carealign score INSTRUMENT [--valueset NAME] [FILE|-]`` on the
    given streams (the process's by default); returns the exit status."""
    stdin = stdin if stdin is not None else sys.stdin.buffer
    stdout = stdout if stdout is not None else sys.stdout.buffer
    err = stderr if stderr is not None else sys.stderr
    name = valueset = path = None
    options = True
    i = 0
    while i < len(argv):
        arg = argv[i]
        if options and arg == "--":
            options = False
        elif options and arg in ("-h", "--help"):
            text = _TextSink()
            score_usage(text)
            stdout.write(text.data())
            stdout.flush()
            return EXIT_OK
        elif options and arg == "--valueset":
            if i + 1 == len(argv):
                return _usage_error(err, "--valueset needs a NAME")
            i += 1
            valueset = argv[i]
        elif options and arg.startswith("--valueset="):
            valueset = arg[len("--valueset="):]
        elif options and arg.startswith("-") and arg != "-":
            return _usage_error(err, "unknown option: " + arg)
        elif name is None:
            name = arg
        elif path is None:
            path = arg
        else:
            return _usage_error(err, "unexpected argument: " + arg)
        i += 1
    if name is None:
        return _usage_error(err, "no INSTRUMENT given")
    try:
        info = instruments.instrument(name)
    except CarealignError:
        return _usage_error(err, "unknown instrument: " + name)
    try:
        vs = instruments.valueset(name, valueset)
    except CarealignError:
        return _usage_error(err, "unknown value set: " + str(valueset))

    if path is not None and path != "-":
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError as exc:
            err.write(f"carealign score: cannot open {path}: "
                      f"{os.strerror(exc.errno) if exc.errno else exc}\n")
            return EXIT_ERROR
        input_name = path
    else:
        data = stdin.read()
        input_name = "stdin"
    try:
        return _score(data, input_name, info, vs, stdout, err)
    except OSError:  # a closed pipe, a full disk
        err.write("carealign score: cannot write the output\n")
        return EXIT_ERROR


class _TextSink:
    """A text stream collecting what is written, for binary stdout."""

    def __init__(self):
        self._parts: List[str] = []

    def write(self, text: str) -> int:
        """Collect ``text``."""
        self._parts.append(text)
        return len(text)

    def data(self) -> bytes:
        """Everything written, as UTF-8."""
        return "".join(self._parts).encode()


def _score(data: bytes, input_name: str, info: instruments.Instrument,
           vs: instruments.ValueSet, stdout: BinaryIO, err: TextIO) -> int:
    records = read_records(data)
    try:
        first = next(records, None)
    except CsvError as exc:
        err.write(f"carealign score: {input_name}: {exc}\n")
        return EXIT_ERROR
    if first is None:
        err.write(f"carealign score: {input_name}: empty input, no header\n")
        return EXIT_ERROR
    header_line, header = first
    cols = _map_columns(header, header_line, info, err)
    if cols is None:
        return EXIT_ERROR
    eol = b"\r\n" if first_line_crlf(data) else b"\n"
    stdout.write(b",".join([format_field(f) for f in header] + [b"score", b"status"]) + eol)

    decimals = vs.decimals
    n_items = len(info.items)
    iname, vname = info.name.encode(), vs.name.encode()
    failed = 0
    pending: list = []  # (line, fields, why)
    items = array.array("i")

    def flush() -> int:
        """Score the pending rows, write them; returns how many failed."""
        nonlocal items
        n_rows = len(pending)
        if n_rows == 0:
            return 0
        result = instruments.score_batch(info.name, items, vs.name)
        lines = []
        bad = 0
        for k, (line, fields, why) in enumerate(pending):
            status = _lib.EINVAL if why is not None else int(result.status[k])
            text = f"{result.scores[k]:.{decimals}f}".encode() if status == _lib.OK else b""
            lines.append(b",".join([format_field(f) for f in fields] +
                                   [text, _status_name(status)]) + eol)
            if status != _lib.OK:
                if why is None:
                    why = _score_message(iname, vname, items, k * n_items, n_items)
                bad += 1
                stdout.write(b"".join(lines))
                stdout.flush()
                lines = []
                err.write(f"carealign score: {input_name}: line {line}: {why}\n")
        stdout.write(b"".join(lines))
        pending.clear()
        items = array.array("i")
        return bad

    try:
        for line, fields in records:
            pending.append((line, fields, _read_items(fields, info, cols, items)))
            if len(pending) == CHUNK_ROWS:
                failed += flush()
    except CsvError as exc:
        failed += flush()
        stdout.flush()
        err.write(f"carealign score: {input_name}: {exc}\n")
        return EXIT_ERROR
    failed += flush()
    stdout.flush()
    if failed:
        err.write(f"carealign score: {failed} row(s) not scored\n")
        return EXIT_ROWS_FAILED
    return EXIT_OK


def _score_message(iname: bytes, vname: bytes, items: array.array, start: int, n: int) -> str:
    """The library's message for a row that failed (the batch gives only
    its status): the row scored once more on its own."""
    row = (ctypes.c_int32 * n)(*items[start:start + n])
    out = ctypes.c_double()
    try:
        _lib.lib.carealign_score(iname, vname, row, n, ctypes.byref(out))
    except CarealignError as exc:
        return exc.message
    return ""  # pragma: no cover - the batch and the single call agree


def find_tool() -> Optional[str]:
    """The C ``carealign`` command: ``$CAREALIGN_TOOL`` when set, else
    ``carealign`` on ``PATH``; None when neither exists."""
    env = os.environ.get("CAREALIGN_TOOL")
    if env:
        return env
    return shutil.which("carealign")


def _run_tool(argv: Sequence[str]) -> int:
    tool = find_tool()
    if tool is None:
        sys.stderr.write("carealign: the report command runs the C carealign command; set "
                         "CAREALIGN_TOOL to its path or put it on PATH\n")
        return EXIT_ERROR
    sys.stdout.flush()
    sys.stderr.flush()
    if sys.platform != "win32" and hasattr(os, "execv"):
        try:
            os.execv(tool, [tool] + list(argv))
        except OSError as exc:
            sys.stderr.write(f"carealign: cannot run {tool}: {exc.strerror}\n")
            return EXIT_ERROR
    return subprocess.call([tool] + list(argv))  # pragma: no cover - Windows


def main(argv: Optional[Sequence[str]] = None) -> int:
    """The command line: ``python -m carealign COMMAND [ARGS]``."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv:
        sys.stderr.write(_USAGE)
        return EXIT_USAGE
    command = argv[0]
    if command in ("--help", "-h", "help"):
        if len(argv) > 1 and command == "help":
            if argv[1] == "score":
                score_usage(sys.stdout)
                return EXIT_OK
            if argv[1] == "report":
                return _run_tool(["help", "report"])
            sys.stderr.write(f"carealign: unknown command '{argv[1]}'\n")
            return EXIT_USAGE
        sys.stdout.write(_USAGE)
        return EXIT_OK
    if command == "--version":
        sys.stdout.write(f"carealign {_lib.lib.carealign_version_string().decode()} "
                         f"(methods version {_lib.lib.carealign_methods_version()})\n")
        return EXIT_OK
    if command == "score":
        return score_main(argv[1:])
    if command == "report":
        return _run_tool(argv)
    sys.stderr.write(f"carealign: unknown command '{command}'\n")
    sys.stderr.write(_USAGE)
    return EXIT_USAGE
