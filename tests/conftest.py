"""Shared fixtures: one real build of the site per test session, served under /asi/."""

import os
import re
import shutil
from pathlib import Path

import pytest
import synthetic_site
from sitebuild import (
    CHROMIUM_ARGS,
    ROOT,
    SUBPATH,
    build,
    chromium_path,
    copy_project,
    free_port,
    serve,
)

# What GitHub sets in every step (GITHUB_ACTIONS, GITHUB_STEP_SUMMARY, GITHUB_OUTPUT, CI,
# RUNNER_TEMP, ...) and what the workflows give the site's scripts: a script run by a test
# would otherwise print annotations into the output the test compares and append the
# fixtures' findings to the real job summary. A test about one of them sets it itself.
CI_VARIABLES = re.compile(r"(GITHUB|RUNNER|ACTIONS)_.*|CI|CHANGED_SINCE|PREVIEW|PR_NUMBER|"
                          r"REPO_URL|MEMBERSHIP_DATA|BASE_URL|GH_TOKEN|GH_PAGES_REMOTE")


@pytest.fixture(scope="session", autouse=True)
def clean_environment():
    """The suite runs alike on a laptop and in a GitHub Actions step."""
    saved = {key: os.environ.pop(key) for key in list(os.environ) if CI_VARIABLES.fullmatch(key)}
    yield
    os.environ.update(saved)


@pytest.fixture(scope="session")
def port():
    return free_port()


@pytest.fixture(scope="session")
def site_url(port):
    return f"http://127.0.0.1:{port}/{SUBPATH}/"


@pytest.fixture(scope="session")
def site(tmp_path_factory, site_url) -> Path:
    """The site built by the real `properdocs build --strict` into a temporary folder."""
    root = tmp_path_factory.mktemp("served")
    result = build(root / SUBPATH, site_url)
    assert result.returncode == 0, f"the build failed:\n{result.stdout}\n{result.stderr}"
    return root / SUBPATH


@pytest.fixture(scope="session")
def base_url(site, port):
    """The built site served on 127.0.0.1 under the project sub-path."""
    with serve(site.parent, port) as url:
        yield url


LARGE_PAGES = 500  # per language


@pytest.fixture(scope="session")
def large_site(tmp_path_factory):
    """(site folder, base URL): a copy of the site with 500 pages per language (text drawn
    from a long-tailed vocabulary, tools/synthetic_site.py), built and served with gzip."""
    folder = tmp_path_factory.mktemp("large")
    ours, _ = synthetic_site.write(folder, LARGE_PAGES)
    port = free_port()
    site = folder / "served" / SUBPATH
    result = build(site, f"http://127.0.0.1:{port}/{SUBPATH}/", ours)
    assert result.returncode == 0, result.stderr[-3000:]
    with serve(folder / "served", port, compress=True) as base_url:
        yield site, base_url


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    """A copy of the project that make can run in (the venv shared, not copied); tests
    copy it again before changing it (test_editor_mistakes.working_copy)."""
    root = copy_project(tmp_path_factory.mktemp("pristine") / "project")
    for name in ("Makefile", "requirements.txt", "requirements-dev.txt"):
        shutil.copy2(ROOT / name, root / name)
    return root


@pytest.fixture(scope="session")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def html_pages(site: Path):
    """Every HTML page of the built site, as paths relative to the site root."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
