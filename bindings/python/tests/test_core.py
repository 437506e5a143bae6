"""Core bindings. Expected values come from Python's own datetime, hashlib
and hmac (independent implementations) and from RFC 4231 / FIPS 180-4."""

import ctypes
import datetime
import hashlib
import hmac
import threading
import unittest

import carealign
from carealign import _lib


class VersionTest(unittest.TestCase):
    def test_version_agrees_with_string(self):
        major, minor, patch = (int(p) for p in carealign.version_string().split("."))
        self.assertEqual(carealign.version(), major * 10000 + minor * 100 + patch)
        self.assertGreaterEqual(carealign.methods_version(), 1)

    def test_loaded_the_library_under_test(self):
        self.assertTrue(hasattr(_lib.lib, "carealign_sha256"))


class ErrorTest(unittest.TestCase):
    def test_error_carries_status_and_message(self):
        with self.assertRaises(carealign.CarealignError) as caught:
            carealign.parse_date("2026-02-30")
        self.assertEqual(caught.exception.status, _lib.EPARSE)
        self.assertEqual(caught.exception.name, "EPARSE")
        self.assertIn("not a calendar date", caught.exception.message)

    def test_strerror_names_every_status(self):
        for status, name in _lib.STATUS_NAMES.items():
            self.assertTrue(carealign.strerror(status).startswith("CAREALIGN_" + name + ":"))

    def test_errors_are_per_thread(self):
        seen = {}

        def fail(tag, text):
            try:
                carealign.parse_date(text)
            except carealign.CarealignError as exc:
                seen[tag] = exc.message

        threads = [threading.Thread(target=fail, args=("a", "2026-13-01")),
                   threading.Thread(target=fail, args=("b", "2026-01-01x"))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertIn("not a calendar date", seen["a"])
        self.assertIn("unexpected character", seen["b"])

    def test_estimate_mirror_matches_c(self):
        self.assertEqual(ctypes.sizeof(carealign.Estimate), 40)
        self.assertEqual(carealign.Estimate.method.offset, 32)
        self.assertEqual(carealign.Estimate.flags.offset, 36)


class DateTest(unittest.TestCase):
    def test_against_python_datetime(self):
        epoch = datetime.date(1970, 1, 1)
        for text in ("0001-01-01", "1900-02-28", "1969-12-31", "2000-02-29", "2026-11-22",
                     "9999-12-31"):
            expected = (datetime.date.fromisoformat(text) - epoch).days
            self.assertEqual(carealign.parse_date(text), expected)
            self.assertEqual(carealign.format_date(expected), text)
            d = datetime.date.fromisoformat(text)
            self.assertEqual(carealign.date_to_ymd(expected), (d.year, d.month, d.day))
            self.assertEqual(carealign.date_from_ymd(d.year, d.month, d.day), expected)
            self.assertEqual(carealign.to_days(d), expected)

    def test_bad_dates(self):
        for text in ("2026-02-30", "2026-13-01", "2026-11-22 ", "26-11-22"):
            with self.assertRaises(carealign.CarealignError):
                carealign.parse_date(text)
        with self.assertRaises(carealign.CarealignError) as caught:
            carealign.format_date(_lib.DATE_MAX + 1)
        self.assertEqual(caught.exception.status, _lib.ERANGE)

    def test_age_and_financial_year(self):
        self.assertEqual(carealign.age_years("2000-02-29", "2001-02-28"), 0)
        self.assertEqual(carealign.age_years("2000-02-29", "2001-03-01"), 1)
        self.assertEqual(carealign.financial_year("2027-03-31"), 2026)
        self.assertEqual(carealign.financial_year("2027-04-01"), 2027)
        self.assertEqual(carealign.financial_year("2027-03-31", start_month=1), 2027)


class HashTest(unittest.TestCase):
    def test_sha256_matches_hashlib(self):
        for data in (b"", b"abc", b"a" * 1000, bytes(range(256)) * 3):
            self.assertEqual(carealign.sha256(data), hashlib.sha256(data).digest())

    def test_rfc4231_case_2(self):
        tag = carealign.hmac_sha256(b"Jefe", b"what do ya want for nothing?")
        self.assertEqual(tag.hex(),
                         "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")

    def test_hmac_matches_python_for_long_keys(self):
        key = b"\xaa" * 131
        data = b"Test Using Larger Than Block-Size Key - Hash Key First"
        self.assertEqual(carealign.hmac_sha256(key, data),
                         hmac.new(key, data, hashlib.sha256).digest())


class NhsNumberTest(unittest.TestCase):
    def test_normalise(self):
        self.assertEqual(carealign.nhs_number_normalise("943 476 5919"), "9434765919")
        self.assertEqual(carealign.nhs_number_normalise("943-476-5919"), "9434765919")

    def test_invalid(self):
        with self.assertRaises(carealign.CarealignError) as caught:
            carealign.nhs_number_normalise("943 476 5918")
        self.assertEqual(caught.exception.status, _lib.EINVAL)
        self.assertNotIn("943", caught.exception.message)
        with self.assertRaises(carealign.CarealignError) as caught:
            carealign.nhs_number_normalise("943 476 591")
        self.assertEqual(caught.exception.status, _lib.EPARSE)

    def test_pseudonym_is_keyed_hash_of_digits(self):
        key = b"k" * 32
        self.assertEqual(carealign.nhs_number_pseudonymise(key, "943 476 5919"),
                         hmac.new(key, b"9434765919", hashlib.sha256).digest())


if __name__ == "__main__":
    unittest.main()
