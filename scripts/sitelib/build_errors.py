"""How a hook stops the build: one PluginError listing every finding (MkDocs prints it as
one error and exits non-zero, writing nothing), plus the findings as workflow
annotations inside a GitHub Actions job."""

import sys

from mkdocs.exceptions import PluginError

from sitelib.findings import Finding, annotating


def stop(findings: list[Finding]) -> PluginError:
    """`raise stop(findings)`."""
    if annotating():
        for finding in findings:
            print(finding.annotation(), file=sys.stdout, flush=True)
    return PluginError("\n".join(map(str, findings)))
