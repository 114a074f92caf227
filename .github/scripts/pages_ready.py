"""Whether GitHub Pages will take a deployment from this workflow: turned on, with
"GitHub Actions" as its source. Says in one line what to change in Settings when not,
before actions/deploy-pages fails with an API error. Uses the `gh` command.

    GH_TOKEN=... GITHUB_REPOSITORY=owner/repo python .github/scripts/pages_ready.py
"""

import json
import os
import subprocess
import sys

SETTING = "Settings → Pages → Build and deployment → Source: GitHub Actions"


def main() -> int:
    repository = os.environ["GITHUB_REPOSITORY"]
    result = subprocess.run(["gh", "api", f"repos/{repository}/pages"], capture_output=True,
                            text=True, check=False)
    if result.returncode and "HTTP 404" in result.stderr:
        problem = "GitHub Pages is not turned on for this repository"
    elif result.returncode:
        print(f"::error::Could not ask GitHub about Pages: {result.stderr.strip()}")
        return 1
    elif json.loads(result.stdout).get("build_type") != "workflow":
        problem = "GitHub Pages serves a branch, not this workflow's deployments"
    else:
        return 0
    print(f"::error::{problem}: choose {SETTING}, then re-run this job. The site is kept in "
          "the gh-pages branch, so nothing is lost.")
    return 1


if __name__ == "__main__":
    sys.exit(main())
