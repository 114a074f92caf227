"""scripts/new_page.py, run on a copy of the project: never on the real mkdocs.yml."""

import json
import subprocess
import sys

import pytest
import yaml
from sitebuild import build, copy_project

from sitelib.site_pages import parse_config


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project")


def new_page(project, name, title_en, title_zh):
    """The copied script, as `make page` runs it: it works on the folder it sits in."""
    return subprocess.run(
        [sys.executable, str(project / "scripts/new_page.py"), "--name", name,
         "--title-en", title_en, "--title-zh", title_zh],
        cwd=project, capture_output=True, text=True, check=False)


def nav_and_translations(config_text):
    config = parse_config(config_text)
    zh = next(lang for plugin in config["plugins"] if isinstance(plugin, dict)
              and "i18n" in plugin for lang in plugin["i18n"]["languages"]
              if lang["locale"] == "zh")
    return config["nav"], zh["nav_translations"]


@pytest.mark.parametrize("title_en, title_zh", [
    ("Governance", "治理"),
    ("Governance: how ASI decides", "治理：ASI如何决策"),  # needs YAML quoting
])
def test_creates_both_pages_and_navigation(project, title_en, title_zh):
    before = (project / "mkdocs.yml").read_text(encoding="utf-8")
    result = new_page(project, "governance", title_en, title_zh)
    assert result.returncode == 0, result.stderr

    after = (project / "mkdocs.yml").read_text(encoding="utf-8")
    added = [line for line in after.splitlines() if line not in before.splitlines()]
    assert len(added) == 2 and len(after.splitlines()) == len(before.splitlines()) + 2
    kept = [line for line in after.splitlines() if line not in added]
    assert kept == before.splitlines()  # comments, !ENV tags and layout untouched
    nav, translations = nav_and_translations(after)
    assert nav[-1] == {title_en: "governance.md"}
    assert translations[title_en] == title_zh

    for path, title in (("docs/governance.md", title_en), ("docs/zh/governance.md", title_zh)):
        text = (project / path).read_text(encoding="utf-8")
        meta = yaml.safe_load(text.split("---\n")[1])
        assert meta["description"] == title
        assert f"\n# {title}\n" in text

    status = subprocess.run([sys.executable, str(project / "scripts/translations.py"), "--json"],
                            cwd=project, capture_output=True, text=True, check=True)
    rows = {(row["page"], row["status"]) for row in json.loads(status.stdout)}
    assert ("governance.md", "ok") in rows
    assert not any(status == "nav-untranslated" for _, status in rows)


def test_new_page_builds_in_both_languages(project, tmp_path):
    assert new_page(project, "governance", "Governance", "治理").returncode == 0
    site = tmp_path / "site"
    result = build(site, "http://127.0.0.1:8000/asi/", config=project / "mkdocs.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Governance" in (site / "governance.html").read_text(encoding="utf-8")
    chinese_home = (site / "zh" / "index.html").read_text(encoding="utf-8")
    assert 'href="governance.html"' in chinese_home and "治理" in chinese_home


@pytest.mark.parametrize("existing", ["docs/governance.md", "docs/zh/governance.md"])
def test_refuses_to_overwrite_a_page(project, existing):
    (project / existing).write_text("# Mine\n", encoding="utf-8")
    before = (project / "mkdocs.yml").read_text(encoding="utf-8")
    result = new_page(project, "governance", "Governance", "治理")
    assert result.returncode == 1
    assert f"{existing} already exists" in result.stderr
    assert (project / existing).read_text(encoding="utf-8") == "# Mine\n"
    assert (project / "mkdocs.yml").read_text(encoding="utf-8") == before
    other = "docs/zh/governance.md" if existing == "docs/governance.md" else "docs/governance.md"
    assert not (project / other).exists()


@pytest.mark.parametrize("name, title_en, title_zh, message", [
    ("", "Governance", "治理", "NAME is missing"),
    ("Governance", "Governance", "治理", "lowercase letters"),
    ("../governance", "Governance", "治理", "lowercase letters"),
    ("gov_ernance", "Governance", "治理", "lowercase letters"),
    ("governance", "", "治理", "TITLE_EN is missing"),
    ("governance", "Governance", "", "TITLE_ZH is missing"),
    ("governance", "Home", "首页", "already has"),  # a title the nav already uses
    ("index-2", "Start", "开始", None),  # valid: control case
])
def test_rejects_bad_requests(project, name, title_en, title_zh, message):
    before = (project / "mkdocs.yml").read_text(encoding="utf-8")
    result = new_page(project, name, title_en, title_zh)
    if message is None:
        assert result.returncode == 0, result.stderr
        return
    assert result.returncode == 1
    assert message in result.stderr
    assert (project / "mkdocs.yml").read_text(encoding="utf-8") == before
