"""Independent check of carealign's canonical framework form and its
SHA-256 identity (docs/framework.md, "Identity").

For each framework file, this script builds the canonical form itself, with
Python's json module (numbers kept as exact Decimals, duplicate members
refused) and its own writer: members sorted by UTF-16 code units, no
whitespace, RFC 8785 string escaping, numbers in ECMAScript layout applied
to the exact decimal value. It then compares the bytes with what the C
library writes (through the framework_export test program) and the hash
with hashlib's SHA-256.

usage: check_canonical.py FRAMEWORK_EXPORT FRAMEWORK.json...
"""

import decimal
import hashlib
import json
import os
import subprocess
import sys

# In sanitizer builds the interpreter runs with the sanitizer runtime
# preloaded; the exporter carries its own, and two runtimes cannot mix.
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "LD_PRELOAD"}


def no_duplicates(pairs):
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError("duplicate member")
    return dict(pairs)


def number(d: decimal.Decimal) -> str:
    if d == 0:
        return "0"
    sign = "-" if d < 0 else ""
    t = abs(d).normalize().as_tuple()
    digits = "".join(str(x) for x in t.digits)
    k = len(digits)
    n = k + t.exponent  # value = 0.digits x 10^n
    if k <= n <= 21:
        body = digits + "0" * (n - k)
    elif 0 < n <= 21:
        body = digits[:n] + "." + digits[n:]
    elif -6 < n <= 0:
        body = "0." + "0" * (-n) + digits
    else:
        e = n - 1
        mantissa = digits[0] + ("." + digits[1:] if k > 1 else "")
        body = f"{mantissa}e{'+' if e >= 0 else '-'}{abs(e)}"
    return sign + body


ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f",
           "\r": "\\r"}


def string(s: str) -> str:
    out = []
    for ch in s:
        if ch in ESCAPES:
            out.append(ESCAPES[ch])
        elif ord(ch) < 0x20:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def canonical(v) -> str:
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, decimal.Decimal):
        return number(v)
    if isinstance(v, str):
        return string(v)
    if isinstance(v, list):
        return "[" + ",".join(canonical(x) for x in v) + "]"
    keys = sorted(v, key=lambda k: k.encode("utf-16-be"))
    return "{" + ",".join(string(k) + ":" + canonical(v[k]) for k in keys) + "}"


def main() -> int:
    exporter, files = sys.argv[1], sys.argv[2:]
    failures = 0
    for path in files:
        with open(path, "rb") as f:
            doc = json.loads(f.read().decode("utf-8"), parse_float=decimal.Decimal,
                             parse_int=decimal.Decimal, object_pairs_hook=no_duplicates)
        mine = canonical(doc).encode("utf-8")
        theirs = subprocess.run([exporter, "canonical", path], check=True,
                                capture_output=True, env=CHILD_ENV).stdout
        their_hash = subprocess.run([exporter, "hash", path], check=True, capture_output=True,
                                    text=True, env=CHILD_ENV).stdout.strip()
        if mine != theirs:
            at = next((i for i, (a, b) in enumerate(zip(mine, theirs)) if a != b),
                      min(len(mine), len(theirs)))
            print(f"FAIL {path}: canonical forms differ at byte {at}:\n"
                  f"  python: {mine[max(0, at - 40):at + 40]!r}\n"
                  f"  C:      {theirs[max(0, at - 40):at + 40]!r}")
            failures += 1
        if hashlib.sha256(mine).hexdigest() != their_hash:
            print(f"FAIL {path}: SHA-256 {their_hash} is not hashlib's "
                  f"{hashlib.sha256(mine).hexdigest()}")
            failures += 1
        # The canonical form, loaded again, is its own canonical form.
        again = canonical(json.loads(theirs.decode("utf-8"), parse_float=decimal.Decimal,
                                     parse_int=decimal.Decimal, object_pairs_hook=no_duplicates))
        if again.encode("utf-8") != theirs:
            print(f"FAIL {path}: the canonical form is not a fixed point")
            failures += 1
        print(f"{path}: {len(mine)} canonical bytes, SHA-256 {their_hash}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
