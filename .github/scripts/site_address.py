"""The published site's address, for the build (`site_url`) and the preview links,
without asking GitHub's Pages API: that answers "Not Found" until Pages is turned on, so
a new repository could never publish. It is https://OWNER.github.io/REPO/ (or
https://OWNER.github.io/ for the repository OWNER.github.io), unless the repository
variable SITE_URL names a custom domain (Settings → Secrets and variables → Actions →
Variables).

    SITE_URL=... GITHUB_REPOSITORY=owner/repo python .github/scripts/site_address.py

Prints `url=<address ending in />`, for $GITHUB_OUTPUT.
"""

import os
import re
import sys

ADDRESS = re.compile(r"https://[a-z0-9.-]+\.[a-z]{2,}(/[\w.~-]+)*/?")


def address(repository: str, variable: str) -> str:
    if variable:
        if not ADDRESS.fullmatch(variable):
            raise ValueError(f"The repository variable SITE_URL is {variable!r}: it must be the "
                             "site's https:// address, such as https://www.example.org/ "
                             "(Settings → Secrets and variables → Actions → Variables).")
        return variable.rstrip("/") + "/"
    owner, name = repository.split("/")
    host = f"{owner.lower()}.github.io"
    return f"https://{host}/" if name.lower() == host else f"https://{host}/{name}/"


def main() -> int:
    try:
        url = address(os.environ["GITHUB_REPOSITORY"], os.environ.get("SITE_URL", "").strip())
    except ValueError as error:
        print(f"::error::{error}")
        return 1
    print(f"url={url}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
