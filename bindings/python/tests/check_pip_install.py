"""The package installs offline with pip and works from where it was
installed:

1. ``pip install --no-build-isolation --no-deps --no-index --target TMP``
   of a copy of bindings/python (the copy keeps the build's by-products,
   build/ and *.egg-info, out of the source tree);
2. with only ``PYTHONPATH=TMP`` and ``CAREALIGN_LIBRARY``, ``import
   carealign`` comes from TMP, scores a questionnaire, and ``python -m
   carealign --version`` runs;
3. with the library copied next to the installed package and no
   ``CAREALIGN_LIBRARY``, the bundled copy is the one loaded;
4. with VERSION (CMake's PROJECT_VERSION): pyproject.toml's version, the
   installed distribution's metadata and the library's
   carealign_version_string() all equal it, so a release that bumps the
   CMake project version fails here until pyproject.toml follows.

usage: check_pip_install.py SOURCE_DIR LIBRARY [VERSION]
"""

import os
import shutil
import subprocess
import sys
import tempfile

PROBE = """
import os, sys
import carealign
from carealign import _lib
print(os.path.dirname(carealign.__file__))
print(_lib.LIBRARY_PATH)
print(carealign.score("eq5d3l", [1, 2, 3, 2, 1], valueset="uk-tto-1997"))
"""


def run(cmd, env, cwd):
    result = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        raise SystemExit(f"FAIL: {' '.join(cmd)} exited {result.returncode}\n"
                         f"{result.stdout}\n{result.stderr}")
    return result.stdout


def pyproject_version(source):
    with open(os.path.join(source, "pyproject.toml"), "rb") as f:
        data = f.read()
    try:
        import tomllib
        return tomllib.loads(data.decode())["project"]["version"]
    except ImportError:  # Python < 3.11
        import re
        return re.search(rb'^version\s*=\s*"([^"]+)"', data, re.M).group(1).decode()


def installed_version(target):
    for name in os.listdir(target):
        if name.startswith("carealign-") and name.endswith(".dist-info"):
            with open(os.path.join(target, name, "METADATA"), encoding="utf-8") as f:
                for line in f:
                    if line.startswith("Version:"):
                        return line.split(":", 1)[1].strip()
    raise SystemExit(f"FAIL: no carealign-*.dist-info in {target}")


def main() -> int:
    source, library = sys.argv[1], os.path.abspath(sys.argv[2])
    expected = sys.argv[3] if len(sys.argv) > 3 else None
    if expected is not None and pyproject_version(source) != expected:
        raise SystemExit(f"FAIL: bindings/python/pyproject.toml says version "
                         f"{pyproject_version(source)!r}, the CMake project {expected!r}: "
                         f"update pyproject.toml")
    base = {k: v for k, v in os.environ.items()
            if k not in ("PYTHONPATH", "CAREALIGN_LIBRARY", "PYTHONHOME")}
    base["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    base["PIP_NO_INPUT"] = "1"
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "src")
        shutil.copytree(source, src, ignore=shutil.ignore_patterns(
            "__pycache__", "build", "*.egg-info", "libcarealign*"))
        target = os.path.join(tmp, "site")
        run([sys.executable, "-m", "pip", "install", "--no-build-isolation", "--no-deps",
             "--no-index", "--target", target, src], base, tmp)
        installed = os.path.join(target, "carealign")
        for name in ("__init__.py", "_lib.py", "__main__.py", "cli.py", "py.typed"):
            if not os.path.exists(os.path.join(installed, name)):
                raise SystemExit(f"FAIL: {name} was not installed")

        if expected is not None and installed_version(target) != expected:
            raise SystemExit(f"FAIL: installed version {installed_version(target)!r}, "
                             f"not {expected!r}")

        env = dict(base, PYTHONPATH=target, CAREALIGN_LIBRARY=library)
        where, loaded, score = run([sys.executable, "-c", PROBE], env, tmp).split()
        if os.path.realpath(where) != os.path.realpath(installed):
            raise SystemExit(f"FAIL: imported from {where}, not {installed}")
        if loaded != library or score != "0.329":
            raise SystemExit(f"FAIL: loaded {loaded}, score {score}")
        version = run([sys.executable, "-m", "carealign", "--version"], env, tmp)
        if not version.startswith("carealign "):
            raise SystemExit(f"FAIL: python -m carealign --version printed {version!r}")
        if expected is not None and version.split()[1] != expected:
            raise SystemExit(f"FAIL: the library says version {version.split()[1]!r}, "
                             f"the CMake project {expected!r}")

        bundled = os.path.join(installed, "libcarealign.so.1")
        shutil.copyfile(library, bundled)
        env = dict(base, PYTHONPATH=target)
        where, loaded, score = run([sys.executable, "-c", PROBE], env, tmp).split()
        if loaded != bundled or score != "0.329":
            raise SystemExit(f"FAIL: without CAREALIGN_LIBRARY loaded {loaded}, "
                             f"not the bundled {bundled}")
    print("ok: pip install --target, PYTHONPATH-only import, CAREALIGN_LIBRARY and the "
          "bundled copy" + (f"; version {expected} in pyproject.toml, the installed metadata "
                            f"and the library" if expected else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
