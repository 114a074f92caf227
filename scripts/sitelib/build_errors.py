"""How a hook stops the build: one PluginError listing every finding (MkDocs prints it as
one error and exits non-zero, writing nothing), plus the findings as workflow
annotations inside a GitHub Actions job."""

from mkdocs.exceptions import PluginError

from sitelib.findings import Finding, annotate, ordered


def stop(findings: list[Finding]) -> PluginError:
    """`raise stop(findings)`."""
    findings = ordered(findings)
    annotate(findings)
    return PluginError("\n".join(map(str, findings)))
