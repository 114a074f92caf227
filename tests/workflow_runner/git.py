"""git with a clean environment (no identity or configuration of this machine's)."""

import subprocess


def git(*args, cwd=None, check=True) -> str:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(cwd or "/tmp"), "GIT_AUTHOR_NAME": "Editor",
           "GIT_AUTHOR_EMAIL": "editor@example.org", "GIT_COMMITTER_NAME": "Editor",
           "GIT_COMMITTER_EMAIL": "editor@example.org", "GIT_CONFIG_NOSYSTEM": "1"}
    result = subprocess.run(["git", *map(str, args)], cwd=cwd, env=env, capture_output=True,
                            text=True, check=False)
    if check and result.returncode:
        raise RuntimeError(f"git {args[0]} failed: {result.stderr.strip()}")
    return result.stdout.strip()
