"""A strict RFC 4180 CSV reader and field writer over bytes, with the same
rules and error messages as the carealign command's reader
(tools/carealign/csv.h), so that ``python -m carealign score`` accepts and
rejects exactly the files ``carealign score`` does.

- Records end with CRLF or LF; a CR not followed by LF is an error.
- A field that begins with a double quote is quoted: it may contain commas,
  CR, LF and doubled quotes, and must be followed by a comma, a line end or
  the end of input. A quote inside an unquoted field is an error.
- A UTF-8 byte order mark at the start is skipped. NUL bytes are errors.
- The last record may end without a line end. An empty line is a record
  with one empty field; every record must have as many fields as the first.
- Errors carry the physical line and the byte column (both 1-based) and
  never repeat field contents.
"""

from __future__ import annotations

import re
from typing import Iterator, List, Tuple

__all__ = ["CsvError", "MAX_RECORD", "read_records", "first_line_crlf", "format_field"]

#: The most bytes one record may hold (fields and one terminator each).
MAX_RECORD = 1 << 20

_BOM = b"\xef\xbb\xbf"
_UNQUOTED = re.compile(rb'[^,\r\n"\x00]*')
_QUOTED_RUN = re.compile(rb'[^"\x00]*')
_NEEDS_QUOTES = re.compile(rb'[,"\r\n]')


class CsvError(ValueError):
    """Malformed CSV: ``line`` is where the record (or the problem) starts;
    ``str()`` is the C reader's message, e.g. ``line 3, column 7: quote in
    an unquoted field``."""

    def __init__(self, line: int, column: int, text: str):
        self.line = line
        self.column = column
        where = f"line {line}, column {column}" if column > 0 else f"line {line}"
        super().__init__(f"{where}: {text}")


def read_records(data: bytes) -> Iterator[Tuple[int, List[bytes]]]:
    """Yield ``(line, fields)`` for each record of ``data``: ``line`` is the
    physical line on which the record starts and ``fields`` are bytes.
    Raises :class:`CsvError` at the first malformed record (the records
    before it have been yielded)."""
    pos = 3 if data.startswith(_BOM) else 0
    end = len(data)
    line = 1
    line_start = pos  # a byte order mark takes no column
    expected = 0
    while pos < end:
        record_line = line
        fields: List[bytes] = []
        size = 0
        while True:
            if pos < end and data[pos] == 0x22:  # quoted field
                quote_line, quote_col = line, pos - line_start + 1
                parts = []
                pos += 1
                while True:
                    m = _QUOTED_RUN.match(data, pos)
                    chunk = m.group()
                    if chunk:
                        newlines = chunk.count(b"\n")
                        if newlines:
                            line += newlines
                            line_start = pos + chunk.rfind(b"\n") + 1
                        parts.append(chunk)
                    pos = m.end()
                    if pos == end:
                        raise CsvError(quote_line, quote_col,
                                       "quoted field not closed before the end of input")
                    if data[pos] == 0:
                        raise CsvError(line, pos - line_start + 1, "NUL byte")
                    # a quote: doubled, or the closing one
                    if pos + 1 < end and data[pos + 1] == 0x22:
                        parts.append(b'"')
                        pos += 2
                        continue
                    pos += 1
                    break
                field = b"".join(parts)
                if pos < end and data[pos] not in (0x2C, 0x0D, 0x0A):
                    raise CsvError(line, pos - line_start + 1, "character after a closing quote")
            else:
                m = _UNQUOTED.match(data, pos)
                field = m.group()
                pos = m.end()
                if pos < end and data[pos] == 0x22:
                    raise CsvError(line, pos - line_start + 1, "quote in an unquoted field")
                if pos < end and data[pos] == 0:
                    raise CsvError(line, pos - line_start + 1, "NUL byte")
            size += len(field) + 1
            if size >= MAX_RECORD:
                raise CsvError(record_line, 0, f"record longer than {MAX_RECORD} bytes")
            fields.append(field)
            if pos < end and data[pos] == 0x2C:
                pos += 1
                continue
            if pos < end and data[pos] == 0x0D:
                if pos + 1 >= end or data[pos + 1] != 0x0A:
                    raise CsvError(line, pos - line_start + 1,
                                   "carriage return without a line feed")
                pos += 1
            if pos < end:  # a line feed
                pos += 1
                line += 1
                line_start = pos
            break
        if expected == 0:
            expected = len(fields)
        elif len(fields) != expected:
            raise CsvError(record_line, 0, f"{len(fields)} fields where the first record "
                                           f"has {expected}")
        yield record_line, fields


def first_line_crlf(data: bytes) -> bool:
    """True when the first record of ``data`` ends with CRLF (the output
    then uses CRLF too). Only line ends outside quotes count."""
    in_quotes = False
    pos = 3 if data.startswith(_BOM) else 0
    for i in range(pos, len(data)):
        c = data[i]
        if c == 0x22:
            in_quotes = not in_quotes
        elif c == 0x0A and not in_quotes:
            return i > 0 and data[i - 1] == 0x0D
    return False


def format_field(field: bytes, only_field: bool = False) -> bytes:
    """One field as RFC 4180 needs it: quoted when it holds a comma, a
    quote, CR or LF, when it is empty and the only field of its record, or
    when it starts with the bytes of a UTF-8 byte order mark."""
    if (only_field and not field) or field.startswith(_BOM) or _NEEDS_QUOTES.search(field):
        return b'"' + field.replace(b'"', b'""') + b'"'
    return field
