"""Changes that must change nothing readers get, shown with tools/same_site.py: the move
of the code into scripts/sitelib and tools/ (the site built from the commit before it and
from the commit that completed it are the same, byte for byte), and the move from mkdocs
to ProperDocs as the program that builds the site."""

import subprocess

import pytest
from same_site import compare

from sitelib import ROOT

BEFORE = "198ddd5af93dd1dc43acd4280041a52923ded77b"  # the last commit before the move
AFTER = "7bc120979e14a8a2e88f35ff6701613082aee512"  # the move completed
# A design commit that changed the stylesheet: the comparison must see it.
STYLE_BEFORE, STYLE_AFTER = "60ea0ad", "2479284"


def _have(*revisions):
    return all(subprocess.run(["git", "-C", str(ROOT), "cat-file", "-e", f"{rev}^{{commit}}"],
                              capture_output=True, check=False).returncode == 0
               for rev in revisions)


pytestmark = pytest.mark.skipif(
    not _have(BEFORE, AFTER, STYLE_BEFORE, STYLE_AFTER),
    reason="needs the full git history (git fetch --unshallow)")


def test_the_move_kept_the_site_byte_for_byte():
    assert compare(BEFORE, AFTER) == []


def test_a_change_readers_see_is_found():
    assert "assets/stylesheets/site.css" in compare(STYLE_BEFORE, STYLE_AFTER)


def test_properdocs_builds_what_mkdocs_built():
    """The move to ProperDocs (MAINTAINERS.md): the same commit built by the old mkdocs,
    still in the lock as a library, and by ProperDocs gives the same site."""
    assert compare("HEAD", "HEAD", runner_a="mkdocs", runner_b="properdocs") == []
