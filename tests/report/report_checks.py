"""Checks shared by the report tests: SVG as XML, accessibility, Chromium."""
import os
import re
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

SVG_NS = "{http://www.w3.org/2000/svg}"


def svgs(html):
    """Every <svg>...</svg> of the page, as text."""
    return re.findall(r"<svg\b.*?</svg>", html, re.S)


def check_svgs(test, html):
    """Each SVG parses as XML and has a <title> and a <desc> first."""
    found = svgs(html)
    for text in found:
        root = ET.fromstring(text)  # raises on bad XML
        test.assertEqual(root.tag, SVG_NS + "svg")
        kids = list(root)
        test.assertGreaterEqual(len(kids), 2)
        test.assertEqual(kids[0].tag, SVG_NS + "title")
        test.assertTrue((kids[0].text or "").strip())
        test.assertEqual(kids[1].tag, SVG_NS + "desc")
        test.assertTrue((kids[1].text or "").strip())
        labelled = root.get("aria-labelledby", "").split()
        test.assertEqual(labelled, [kids[0].get("id"), kids[1].get("id")])
    return found


class Outline(HTMLParser):
    """Headings in order, table headers, scripts and external references."""

    def __init__(self):
        super().__init__()
        self.headings = []
        self.th_without_scope = 0
        self.scripts = 0
        self.external = []
        self.tables = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "th" and a.get("scope") not in ("row", "col"):
            self.th_without_scope += 1
        if tag == "script":
            self.scripts += 1
        if tag == "table":
            self.tables += 1
        for k in ("src", "href"):
            v = a.get(k)
            if v and tag != "a" and not v.startswith("#"):
                self.external.append(v)
        if tag == "link":
            self.external.append(a.get("href", ""))


def check_page(test, html):
    o = Outline()
    o.feed(html)
    test.assertEqual(o.scripts, 0)
    test.assertEqual(o.external, [])
    test.assertEqual(o.th_without_scope, 0)
    test.assertTrue(o.headings and o.headings[0] == 1)
    for a, b in zip(o.headings, o.headings[1:]):
        test.assertLessEqual(b, a + 1, "heading level skipped")
    return o


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def screenshot_distinct_pixels(test, html_path):
    """Open the page in headless Chromium; return the number of distinct
    pixel values of a 1200x3000 screenshot (a blank page has one)."""
    exe = chromium()
    test.assertIsNotNone(exe, "chromium is not installed (tests/debian-packages.txt)")
    from PIL import Image  # Debian python3-pil

    with tempfile.TemporaryDirectory() as tmp:
        png = os.path.join(tmp, "shot.png")
        cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
               "--user-data-dir=" + os.path.join(tmp, "profile"),
               "--screenshot=" + png, "--window-size=1200,3000",
               "file://" + os.path.abspath(html_path)]
        env = dict(os.environ)
        env.pop("LD_PRELOAD", None)  # the sanitizer runtime preloaded for Python
        env.pop("ASAN_OPTIONS", None)
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                       timeout=180, check=False)
        test.assertTrue(os.path.exists(png), "chromium wrote no screenshot")
        with Image.open(png) as im:
            test.assertEqual(im.size, (1200, 3000))
            colours = im.convert("RGB").getcolors(maxcolors=1 << 24)
            return len(colours)
