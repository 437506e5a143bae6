"""End-to-end tests of the carealign command: every subcommand's exit codes,
error messages (bad flags, missing files, unreadable CSV, a framework with a
typo), atomic writes, and the generated data.

Independent checks: keyed pseudonyms are recomputed with Python's hmac and
hashlib; NHS number check digits with the published Modulus 11 rule (NHS
Data Dictionary, "NHS NUMBER"), written out here again.

usage: test_cli.py --tool PATH --src SOURCE_DIR [unittest args]
"""
import argparse
import csv
import gzip
import hashlib
import hmac
import io
import json
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time
import unittest

ARGS = None
FRAMEWORK = None


def run(*args, env=None, stdin=None):
    full_env = dict(os.environ)
    full_env.pop("CAREALIGN_PROGRESS", None)
    # the sanitizer runtime preloaded for Python clashes with the one a
    # sanitized tool links; the tool runs with leak checking on
    full_env.pop("LD_PRELOAD", None)
    full_env.pop("ASAN_OPTIONS", None)
    if env:
        full_env.update(env)
    p = subprocess.run([ARGS.tool, *args], capture_output=True, env=full_env,
                       input=stdin, timeout=300)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def mod11_ok(number):
    if not re.fullmatch(r"\d{10}", number):
        return False
    total = sum(int(d) * w for d, w in zip(number[:9], range(10, 1, -1)))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(number[9])


class Temp(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="carealign-cli-")

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def path(self, name):
        return os.path.join(self.dir, name)

    def write(self, name, data):
        mode = "wb" if isinstance(data, bytes) else "w"
        with open(self.path(name), mode, newline="" if mode == "w" else None) as f:
            f.write(data)
        return self.path(name)

    def typo_framework(self):
        with open(FRAMEWORK, encoding="utf-8") as f:
            text = f.read()
        # misspell the first measure's "scoring" member
        i = text.index('"scoring"')
        return self.write("typo.json", text[:i] + '"scorng"' + text[i + 9:])

    def assert_no_temp_files(self):
        left = [n for n in os.listdir(self.dir) if ".tmp" in n or n.startswith(".")]
        self.assertEqual(left, [], "temporary files left behind")


class General(unittest.TestCase):
    def test_no_arguments_is_usage_error(self):
        code, out, err = run()
        self.assertEqual(code, 2)
        self.assertIn("usage: carealign COMMAND", err)

    def test_version(self):
        code, out, _ = run("--version")
        self.assertEqual(code, 0)
        self.assertRegex(out, r"^carealign \d+\.\d+\.\d+.* \(methods version \d+; gzip input ")

    def test_help_lists_commands(self):
        code, out, _ = run("help")
        self.assertEqual(code, 0)
        for c in ("score", "validate", "fhir", "pseudonymise", "generate"):
            self.assertIn("  " + c + " ", out)

    def test_help_and_dash_help_for_each_command(self):
        for c in ("score", "validate", "fhir", "pseudonymise", "generate"):
            code, out, _ = run("help", c)
            self.assertEqual(code, 0, c)
            self.assertIn("usage: carealign " + c, out)
            code2, out2, _ = run(c, "--help")
            self.assertEqual((code2, out2), (0, out), c)

    def test_man_page_documents_every_command(self):
        with open(os.path.join(ARGS.src, "docs", "carealign.1"), encoding="utf-8") as f:
            man = f.read()
        _, out, _ = run("help")
        commands = set(re.findall(r"^  ([a-z]+) ", out, re.M)) - {"help"}
        self.assertEqual(set(re.findall(r"^\.SS (\S+)", man, re.M)), set(commands))

    def test_no_progress_when_stderr_is_not_a_terminal(self):
        code, _, err = run("validate", "--framework", FRAMEWORK,
                           os.path.join(ARGS.src, "examples", "data", "contacts.csv"))
        self.assertEqual(code, 0)
        self.assertNotIn("\r", err)
        self.assertNotIn("records/s", err)

    def test_unknown_command(self):
        for c in ("bogus",):
            code, _, err = run(c)
            self.assertEqual(code, 2, c)
            self.assertIn("unknown command '%s'" % c, err)
        code, _, err = run("help", "bogus")
        self.assertEqual(code, 2)

    def test_unknown_flag_each_command(self):
        for c in ("validate", "fhir", "pseudonymise", "generate"):
            code, _, err = run(c, "--frobnicate")
            self.assertEqual(code, 2, c)
            self.assertIn("unknown option: --frobnicate", err)
            self.assertIn("(carealign help %s for usage)" % c, err)


class Fhir(Temp):
    def test_bundle_has_one_measure_per_framework_measure(self):
        code, out, err = run("fhir", "--framework", FRAMEWORK)
        self.assertEqual(code, 0, err)
        bundle = json.loads(out)
        with open(FRAMEWORK, encoding="utf-8") as f:
            ids = [m["id"] for m in json.load(f)["measures"]]
        self.assertEqual(bundle["resourceType"], "Bundle")
        self.assertEqual([e["resource"]["id"] for e in bundle["entry"]], ids)
        self.assertTrue(all(e["resource"]["resourceType"] == "Measure" for e in bundle["entry"]))
        self.assertNotIn('"_language"', out)

    def test_schema_strict_moves_the_language_to_an_extension(self):
        code, out, _ = run("fhir", "--framework", FRAMEWORK, "--schema-strict")
        self.assertEqual(code, 0)
        self.assertIn('"_language"', out)
        self.assertNotIn('"language":"text/x-carealign"', out.replace(" ", ""))

    def test_out_file_equals_stdout(self):
        _, out, _ = run("fhir", "--framework", FRAMEWORK, "--pretty")
        code, _, _ = run("fhir", "--framework", FRAMEWORK, "--pretty", "--out", self.path("m.json"))
        self.assertEqual(code, 0)
        with open(self.path("m.json"), encoding="utf-8") as f:
            self.assertEqual(f.read(), out)
        self.assert_no_temp_files()

    def test_out_to_a_fifo_writes_in_place(self):
        # a device or FIFO (/dev/null, /dev/stdout) is written, never replaced
        fifo = self.path("fifo")
        os.mkfifo(fifo)
        got = []
        reader = threading.Thread(target=lambda: got.append(open(fifo, "rb").read()))
        reader.start()
        code, _, err = run("fhir", "--framework", FRAMEWORK, "--out", fifo)
        reader.join(timeout=60)
        self.assertEqual(code, 0, err)
        self.assertTrue(stat.S_ISFIFO(os.stat(fifo).st_mode))
        self.assertEqual(got[0].decode(), run("fhir", "--framework", FRAMEWORK)[1])
        os.remove(fifo)
        self.assert_no_temp_files()

    def test_typo_fails_with_position_and_keeps_existing_output(self):
        typo = self.typo_framework()
        target = self.write("existing.json", "precious\n")
        code, out, err = run("fhir", "--framework", typo, "--out", target)
        self.assertEqual(code, 1)
        self.assertRegex(err, r"^carealign fhir: .*typo\.json:\d+:\d+: .*scorng")
        with open(target) as f:
            self.assertEqual(f.read(), "precious\n")
        self.assertEqual(out, "")
        os.remove(typo)
        self.assert_no_temp_files()

    def test_missing_and_bad_arguments(self):
        code, _, err = run("fhir")
        self.assertEqual(code, 2)
        self.assertIn("--framework FILE is required", err)
        code, _, err = run("fhir", "--framework")
        self.assertEqual(code, 2)
        self.assertIn("--framework needs a value", err)
        code, _, err = run("fhir", "--framework", self.path("nope.json"))
        self.assertEqual(code, 1)
        self.assertIn("cannot open", err)
        code, _, err = run("fhir", "--framework", FRAMEWORK, "--out",
                           self.path("no/such/dir/x.json"))
        self.assertEqual(code, 1)
        self.assertIn("cannot create a temporary file", err)

    def test_gzip_framework(self):
        with open(FRAMEWORK, "rb") as f:
            data = f.read()
        gz = self.write("f.json.gz", gzip.compress(data))
        code_gzip = run("--version")[1]
        code, out, err = run("fhir", "--framework", gz)
        if "gzip input yes" in code_gzip:
            self.assertEqual(code, 0, err)
            self.assertEqual(out, run("fhir", "--framework", FRAMEWORK)[1])
        else:
            self.assertEqual(code, 1)
            self.assertIn("built without zlib", err)


KEY = b"0123456789abcdef-shared-secret-key"


def pseudonym(number):
    digits = number.replace(" ", "").replace("-", "")
    return hmac.new(KEY, digits.encode("ascii"), hashlib.sha256).hexdigest()


class Pseudonymise(Temp):
    ROWS = [("a", "943 476 5919"), ("b", "9434765919"), ("c", "943-476-5919"),
            ("d", "9434765918"), ("e", ""), ("f", "94347659"), ("g", "401 023 2137")]

    def input_csv(self, rows=None):
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["name", "NHS_Number", "note"])
        for name, number in rows or self.ROWS:
            w.writerow([name, number, "x,y"])
        return buf.getvalue()

    def key_file(self, key=KEY + b"\n"):
        return self.write("key", key)

    def test_matches_python_hmac(self):
        src = self.write("in.csv", self.input_csv())
        code, out, err = run("pseudonymise", "--key-file", self.key_file(), "--column",
                             "nhs_number", src)
        self.assertEqual(code, 3, err)
        rows = list(csv.reader(io.StringIO(out)))
        self.assertEqual(rows[0], ["name", "NHS_Number", "note"])
        want = {}
        for name, number in self.ROWS:
            ok = mod11_ok(number.replace(" ", "").replace("-", ""))
            want[name] = pseudonym(number) if ok else ""
        self.assertEqual({r[0]: r[1] for r in rows[1:]}, want)
        self.assertTrue(all(r[2] == "x,y" for r in rows[1:]))
        self.assertIn("7 rows: 4 pseudonymised, 2 invalid, 1 missing", err)
        self.assertIn("line 5: column nhs_number: not a valid NHS number", err)
        for _, number in self.ROWS:
            if number:
                self.assertNotIn(number, err)
                self.assertNotIn(number.replace(" ", ""), err)

    def test_key_from_environment_and_all_valid(self):
        rows = [r for r in self.ROWS if r[0] in "abcg"]
        src = self.write("in.csv", self.input_csv(rows))
        code, out, err = run("pseudonymise", "--key-env", "CA_KEY", "--column", "NHS_Number",
                             src, env={"CA_KEY": KEY.decode()})
        self.assertEqual(code, 0, err)
        got = [r[1] for r in csv.reader(io.StringIO(out))][1:]
        self.assertEqual(got, [pseudonym(n) for _, n in rows])

    def test_stdin_crlf_and_gzip(self):
        data = self.input_csv().replace("\n", "\r\n").encode()
        code, out, _ = run("pseudonymise", "--key-file", self.key_file(), "--column",
                           "nhs_number", stdin=data)
        self.assertEqual(code, 3)
        self.assertTrue(out.startswith("name,NHS_Number,note\r\n"))
        if "gzip input yes" in run("--version")[1]:
            gz = self.write("in.csv.gz", gzip.compress(data))
            code2, out2, _ = run("pseudonymise", "--key-file", self.key_file(), "--column",
                                 "nhs_number", gz)
            self.assertEqual((code2, out2), (3, out))

    def test_key_never_on_the_command_line(self):
        for flag in (["--key", "secretsecretsecret"], ["--key=secretsecretsecret"]):
            code, _, err = run("pseudonymise", *flag, "--column", "x")
            self.assertEqual(code, 2)
            self.assertIn("--key is not accepted", err)
            self.assertIn("--key-file FILE or --key-env VAR", err)
            self.assertNotIn("secretsecretsecret", err)

    def test_key_problems(self):
        src = self.write("in.csv", self.input_csv())
        code, _, err = run("pseudonymise", "--key-env", "CA_UNSET_KEY", "--column", "x", src)
        self.assertEqual(code, 1)
        self.assertIn("CA_UNSET_KEY is not set", err)
        code, _, err = run("pseudonymise", "--key-file", self.key_file(b"short\n"),
                           "--column", "x", src)
        self.assertEqual(code, 1)
        self.assertIn("at least 16 are needed", err)
        code, _, err = run("pseudonymise", "--key-file", self.path("missing"), "--column", "x")
        self.assertEqual(code, 1)
        code, _, err = run("pseudonymise", "--key-file", self.key_file(), "--key-env", "X",
                           "--column", "x")
        self.assertEqual(code, 2)
        code, _, err = run("pseudonymise", "--key-file", self.key_file(), src)
        self.assertEqual(code, 2)
        self.assertIn("--column NAME is required", err)
        code, _, err = run("pseudonymise", "--key-file", self.key_file(), "--column", "nope", src)
        self.assertEqual(code, 1)
        self.assertIn("line 1: no column nope", err)

    def test_malformed_csv_leaves_existing_output(self):
        src = self.write("in.csv", self.input_csv() + 'h,"9434765919,unclosed\n')
        target = self.write("out.csv", "precious\n")
        code, _, err = run("pseudonymise", "--key-file", self.key_file(), "--column",
                           "nhs_number", src, "--out", target)
        self.assertEqual(code, 1)
        self.assertRegex(err, r"in\.csv: line 9, column \d+: quoted field not closed")
        with open(target) as f:
            self.assertEqual(f.read(), "precious\n")
        self.assert_no_temp_files_except({"in.csv", "out.csv", "key"})

    def assert_no_temp_files_except(self, names):
        self.assertEqual(set(os.listdir(self.dir)), names)

    def test_interrupted_run_leaves_nothing_behind(self):
        target = self.write("out.csv", "precious\n")
        env = dict(os.environ)
        for name in ("LD_PRELOAD", "ASAN_OPTIONS", "CAREALIGN_PROGRESS"):
            env.pop(name, None)
        p = subprocess.Popen([ARGS.tool, "pseudonymise", "--key-file", self.key_file(),
                              "--column", "nhs_number", "--out", target],
                             stdin=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        # more than the input buffers hold, so that the tool has started
        # writing and waits for the rest
        p.stdin.write(b"nhs_number\n" + b"9434765919\n" * 50000)
        p.stdin.flush()
        deadline = time.time() + 30
        while time.time() < deadline and not any(n.startswith(".out.csv.")
                                                 for n in os.listdir(self.dir)):
            time.sleep(0.05)
        self.assertTrue(any(n.startswith(".out.csv.") for n in os.listdir(self.dir)),
                        "the temporary file was never created")
        p.send_signal(signal.SIGTERM)
        p.wait(timeout=30)
        p.stdin.close()
        p.stderr.close()
        self.assertEqual(p.returncode, -signal.SIGTERM)
        with open(target) as f:
            self.assertEqual(f.read(), "precious\n")
        self.assert_no_temp_files_except({"out.csv", "key"})

    def test_out_file_replaced_when_it_works(self):
        src = self.write("in.csv", self.input_csv())
        target = self.write("out.csv", "old\n")
        code, out, _ = run("pseudonymise", "--key-file", self.key_file(), "--column",
                           "nhs_number", src, "--out", target)
        self.assertEqual((code, out), (3, ""))
        with open(target) as f:
            self.assertTrue(f.read().startswith("name,NHS_Number,note\n"))
        self.assert_no_temp_files_except({"in.csv", "out.csv", "key"})


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


class Generate(Temp):
    ARGS = ["--people", "400", "--organisations", "12", "--months", "12", "--seed", "99"]
    FILES = ["people.csv", "organisations.csv", "populations.csv", "responses.csv",
             "fft.csv", "contacts.csv", "MANIFEST.csv"]

    def gen(self, name, *extra):
        code, out, err = run("generate", *self.ARGS, "--out", self.path(name), *extra)
        self.assertEqual(code, 0, err)
        self.assertEqual(out, "")
        return self.path(name)

    def contents(self, d):
        out = {}
        for n in self.FILES:
            with open(os.path.join(d, n), "rb") as f:
                out[n] = f.read()
        return out

    def test_same_seed_same_bytes(self):
        a = self.contents(self.gen("a"))
        b = self.contents(self.gen("b"))
        self.assertEqual(a, b)
        code, _, _ = run("generate", *self.ARGS[:-1], "100", "--out", self.path("c"))
        self.assertEqual(code, 0)
        self.assertNotEqual(self.contents(self.path("c"))["people.csv"], a["people.csv"])

    def test_bad_rows_change_nothing_else_and_are_listed(self):
        clean = self.contents(self.gen("clean"))
        d = self.gen("bad", "--bad-rows", "0.05")
        bad = self.contents(d)
        manifest = read_csv(os.path.join(d, "MANIFEST.csv"))
        self.assertGreater(len(manifest), 20)
        # only the listed lines differ from the clean files
        listed = {(m["file"], int(m["line"])) for m in manifest}
        for n in self.FILES[:-1]:
            a = clean[n].decode().split("\n")
            b = bad[n].decode().split("\n")
            self.assertEqual(len(a), len(b), n)
            changed = {(n, i + 1) for i, (x, y) in enumerate(zip(a, b)) if x != y}
            self.assertEqual(changed, {k for k in listed if k[0] == n}, n)
        # validate rejects each listed row for the listed field
        files = [os.path.join(d, n) for n in self.FILES[:-1]]
        code, out, err = run("validate", "--framework", FRAMEWORK, *files)
        self.assertEqual(code, 3, err)
        # each listed row is rejected: for the listed field, or for an
        # earlier one when it refers to a person broken in people.csv
        rejected = {}
        for line in err.splitlines():
            found = re.match(r"carealign validate: (.*):(\d+): field (\w+): ", line)
            if found:
                rejected[(os.path.basename(found.group(1)), found.group(2))] = found.group(3)
        for m in manifest:
            field = rejected.get((m["file"], m["line"]))
            self.assertIn(field, (m["field"], "person_id"), m)
        for line in out.splitlines()[1:]:
            read, used, rejected = map(int, re.search(
                r"read (\d+), used (\d+), rejected (\d+)", line).groups())
            self.assertEqual(used + rejected, read, line)
        # messages never carry an NHS number or other values
        self.assertIsNone(re.search(r"\b999\d{7}\b", err))

    def test_realistic_and_consistent(self):
        code, _, err = run("generate", "--people", "4000", "--organisations", "20", "--months",
                           "24", "--seed", "5", "--out", self.path("big"), "--quiet")
        self.assertEqual((code, err), (0, ""))
        d = self.path("big")
        people = read_csv(os.path.join(d, "people.csv"))
        self.assertEqual(len(people), 4000)
        self.assertTrue(all(mod11_ok(p["person_id"]) for p in people))
        self.assertEqual(len({p["person_id"] for p in people}), 4000)
        ages = [2026 - int(p["birth_year"]) for p in people]
        old = sum(a >= 65 for a in ages) / len(ages)
        self.assertTrue(0.55 < old < 0.75, old)
        opted = sum(p["opted_out"] == "1" for p in people) / len(people)
        self.assertTrue(0.035 < opted < 0.065, opted)
        dec = [int(p["imd_decile"]) for p in people if p["imd_decile"]]
        self.assertGreater(sum(d_ <= 3 for d_ in dec), 1.5 * sum(d_ >= 8 for d_ in dec))
        orgs = read_csv(os.path.join(d, "organisations.csv"))
        sectors = {o["sector"] for o in orgs}
        self.assertTrue({"nhs_acute", "local_authority", "primary_care", "nhs_community",
                         "independent_provider"} <= sectors, sectors)
        org_ids = {o["org_id"] for o in orgs}
        contacts = read_csv(os.path.join(d, "contacts.csv"))
        self.assertTrue(all(c["org_id"] in org_ids for c in contacts))
        # grouped by person, in date order within a person
        seen, last = set(), None
        for c in contacts:
            if c["person_id"] != last:
                self.assertNotIn(c["person_id"], seen)
                seen.add(c["person_id"])
                last, last_date = c["person_id"], ""
            self.assertGreaterEqual(c["start_date"], last_date)
            last_date = c["start_date"]
        # heavy tail of contacts per person
        per = {}
        for c in contacts:
            per[c["person_id"]] = per.get(c["person_id"], 0) + 1
        counts = sorted(per.values())
        median, p99 = counts[len(counts) // 2], counts[int(len(counts) * 0.99)]
        self.assertGreater(p99, 5 * median)
        # older and more deprived: more emergency admissions per person
        by_id = {p["person_id"]: p for p in people}
        def rate(pred):
            ids = [p["person_id"] for p in people if pred(p)]
            n = sum(1 for c in contacts if c["type"] == "emergency_admission"
                    and pred(by_id[c["person_id"]]))
            return n / len(ids)
        self.assertGreater(rate(lambda p: 2026 - int(p["birth_year"]) >= 85),
                           2 * rate(lambda p: 2026 - int(p["birth_year"]) < 65))
        self.assertGreater(rate(lambda p: p["imd_decile"] in ("1", "2", "3")),
                           rate(lambda p: p["imd_decile"] in ("8", "9", "10")))
        # outcomes: EQ-5D-5L levels worse (higher) for the older
        responses = read_csv(os.path.join(d, "responses.csv"))
        instruments = {r["instrument"] for r in responses}
        self.assertEqual(instruments, {"ascot_sct4", "eq5d5l", "swemwbs", "gas"})
        def mean_level(pred):
            levels = [int(x) for r in responses if r["instrument"] == "eq5d5l"
                      and pred(by_id[r["person_id"]]) for x in r["items"].split(";") if x]
            return sum(levels) / len(levels)
        self.assertGreater(mean_level(lambda p: 2026 - int(p["birth_year"]) >= 85),
                           mean_level(lambda p: 2026 - int(p["birth_year"]) < 80))
        self.assertTrue(any(r["proxy"] == "1" for r in responses))
        self.assertTrue(any(";;" in r["items"] or r["items"].startswith(";")
                            or r["items"].endswith(";") for r in responses))
        code, out, err = run("validate", "--framework", FRAMEWORK,
                             *[os.path.join(d, n) for n in self.FILES[:-1]])
        self.assertEqual(code, 0, err)

    def test_bad_arguments(self):
        for args, msg in ((["--people", "0"], "--people"),
                          (["--bad-rows", "2"], "--bad-rows"),
                          (["--bad-rows", "1e-3"], "--bad-rows"),
                          (["--end", "2026-13"], "--end"),
                          (["--months", "x"], "--months")):
            code, _, err = run("generate", *self.ARGS, "--out", self.path("x"), *args)
            self.assertEqual(code, 2, args)
            self.assertIn(msg, err)
        code, _, err = run("generate", *self.ARGS)
        self.assertEqual(code, 2)
        self.assertIn("are required", err)
        blocker = self.write("afile", "x")
        code, _, err = run("generate", *self.ARGS, "--out", blocker)
        self.assertEqual(code, 1)
        self.assertIn("cannot create the directory", err)


class Sample(unittest.TestCase):
    def test_committed_sample_is_reproducible_and_valid(self):
        sample = os.path.join(ARGS.src, "examples", "data")
        with open(os.path.join(sample, "README.md"), encoding="utf-8") as f:
            command = re.search(r"carealign (generate [^`\n]*)", f.read()).group(1).split()
        with tempfile.TemporaryDirectory() as d:
            out_at = command.index("--out")
            command[out_at + 1] = d
            code, _, err = run(*command, "--quiet")
            self.assertEqual(code, 0, err)
            for n in Generate.FILES:
                with open(os.path.join(d, n), "rb") as a, open(os.path.join(sample, n), "rb") as b:
                    self.assertEqual(a.read(), b.read(), n)
        total = sum(os.path.getsize(os.path.join(sample, n)) for n in Generate.FILES)
        self.assertLess(total, 3_000_000)
        code, out, err = run("validate", "--framework", FRAMEWORK,
                             *[os.path.join(sample, n) for n in Generate.FILES[:-1]])
        self.assertEqual(code, 0, err)


class Validate(Temp):
    def test_framework_only(self):
        code, out, err = run("validate", "--framework", FRAMEWORK)
        self.assertEqual((code, err), (0, ""))
        self.assertRegex(out, r"framework england-integrated-care version \S+: 17 measures, "
                              r"sha256 [0-9a-f]{64}\n$")

    def test_framework_typo(self):
        code, out, err = run("validate", "--framework", self.typo_framework())
        self.assertEqual(code, 1)
        self.assertRegex(err, r"typo\.json:\d+:\d+: measure '[^']+': .*scorng")

    def test_missing_and_unreadable_files(self):
        code, _, err = run("validate", "--framework", FRAMEWORK, self.path("none.csv"))
        self.assertEqual(code, 1)
        self.assertIn("cannot open", err)
        bad = self.write("people.csv", 'person_id,birth_year,birth_month\n"9434765919,1950,3\n')
        code, _, err = run("validate", "--framework", FRAMEWORK, bad)
        self.assertEqual(code, 1)
        self.assertIn("line 2, column 1: quoted field not closed", err)
        other = self.write("weird.csv", "colour,flavour\nred,sweet\n")
        code, _, err = run("validate", "--framework", FRAMEWORK, other)
        self.assertEqual(code, 1)
        self.assertIn("not one of the formats", err)
        code, _, err = run("validate")
        self.assertEqual(code, 2)

    def test_broken_gzip(self):
        with open(os.path.join(ARGS.src, "examples", "data", "people.csv"), "rb") as f:
            packed = gzip.compress(f.read())
        cut = self.write("cut.csv.gz", packed[:len(packed) // 2])
        code, _, err = run("validate", "--framework", FRAMEWORK, cut)
        self.assertEqual(code, 1)
        if "gzip input yes" not in run("--version")[1]:
            self.assertIn("built without zlib", err)
            return
        self.assertRegex(err, r"cut\.csv\.gz: line \d+: read error: truncated gzip file")
        damaged = bytearray(packed)
        damaged[len(damaged) // 3] ^= 0xFF
        bad = self.write("bad.csv.gz", bytes(damaged))
        code, _, err = run("validate", "--framework", FRAMEWORK, bad)
        self.assertEqual(code, 1)
        self.assertIn("read error", err)
        self.assertEqual(err.count("bad.csv.gz"), 1, err)

    def test_header_problems(self):
        p = self.write("p.csv", "person_id,birth_year,birth_month,imd_decle\n9434765919,1950,3,4\n")
        code, _, err = run("validate", "--framework", FRAMEWORK, p)
        self.assertEqual(code, 1)
        self.assertIn("column 4: not a column of the people format", err)
        p = self.write("q.csv", "person_id,birth_month\n9434765919,3\n")
        code, _, err = run("validate", "--framework", FRAMEWORK, p)
        self.assertEqual(code, 1)
        self.assertIn("the required column birth_year is missing", err)

    def test_rows_and_references(self):
        orgs = self.write("o.csv", "org_id,name,sector\nRA1,A,nhs_acute\nLA1,L,council\n")
        people = self.write("p.csv", "person_id,birth_year,birth_month,sex\n"
                                     "9434765919,1940,2,2\n9434765919,1941,2,2\n")
        contacts = self.write("c.csv", "person_id,org_id,type,start_date,end_date\n"
                                       "9434765919,RA1,emergency_admission,2025-05-01,2025-05-04\n"
                                       "9434765919,LA1,review,2025-05-01,\n"
                                       "4010232137,RA1,review,2025-05-01,\n"
                                       "9434765919,RA1,admission,2025-05-01,2025-04-30\n")
        resp = self.write("r.csv", "person_id,date,instrument,value_set,items\n"
                                   "9434765919,2025-05-01,eq5d5l,uk-2026,1;2;3;4;5\n"
                                   "9434765919,2025-05-01,eq5d5l,england-2018,1;2;;4;5\n"
                                   "9434765919,2025-05-01,eq5d5l,,1;2;3;4;6\n"
                                   "9434765919,2025-05-01,eq5d5l,,1;2;3;4\n"
                                   "9434765919,2025-05-01,gas,tscore-rho-0.3,-2;0;2\n"
                                   "9434765919,2025-05-01,gas,,3\n"
                                   "9434765919,2025-05-01,eq5d5l,metric,1;1;1;1;1\n")
        code, out, err = run("validate", "--framework", FRAMEWORK, contacts, resp, people, orgs)
        self.assertEqual(code, 3, err)
        self.assertIn(orgs + ": organisations: read 2, used 1, rejected 1", out)
        self.assertIn(people + ": people: read 2, used 1, rejected 1", out)
        self.assertIn(contacts + ": contacts: read 4, used 1, rejected 3", out)
        self.assertIn(resp + ": responses: read 7, used 3, rejected 4", out)
        self.assertIn(orgs + ":3: field sector: unknown sector", err)
        self.assertIn(people + ":3: field person_id: a duplicate", err)
        self.assertIn(contacts + ":3: field org_id: unknown organisation", err)
        self.assertIn(contacts + ":4: field person_id: unknown person", err)
        self.assertIn(contacts + ":5: field end_date: before start_date", err)
        self.assertIn(resp + ":4: field items: a level out of its item's range", err)
        self.assertIn(resp + ":5: field items: not as many levels", err)
        self.assertIn(resp + ":8: field value_set: not a value set of the instrument", err)
        self.assertNotIn("4010232137", err)
        # the order of the arguments does not matter: organisations and
        # people are read first
        lines = out.splitlines()
        self.assertTrue(lines[1].startswith(orgs) and lines[2].startswith(people))


def main():
    global ARGS, FRAMEWORK
    parser = argparse.ArgumentParser()
    parser.add_argument("--tool", required=True)
    parser.add_argument("--src", required=True)
    ARGS, rest = parser.parse_known_args()
    FRAMEWORK = os.path.join(ARGS.src, "examples", "frameworks", "england-integrated-care.json")
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)


if __name__ == "__main__":
    main()
