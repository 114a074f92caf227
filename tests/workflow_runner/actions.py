"""Stand-ins for the `uses:` steps of the workflows, each doing what the action does with
the inputs the workflows give it, and failing where it fails on GitHub:

- actions/checkout: a clone of `origin` at `ref` (or the event's commit), `fetch-depth`
  commits deep (1 unless told; 0: every branch and tag), into `path`; fails for a ref
  that does not exist. The workspace's `.venv` is the suite's own (what `make` installed
  in an earlier run).
- actions/setup-python: Python is already there (the machine's python3).
- actions/upload-artifact: the files under the run's artifacts, named; hidden files left
  out unless `include-hidden-files`; a second upload of a name fails unless `overwrite`.
- actions/upload-pages-artifact: a tar of `path` without .git, .github and (unless asked)
  hidden files, links followed, as the action's own tar command makes it.
- actions/deploy-pages: needs `pages: write` and `id-token: write`, Pages turned on with
  "GitHub Actions" as its source, and a run on the default branch (the github-pages
  environment's rule); then what Pages serves is the artifact's files.
"""

import io
import os
import shutil
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

from workflow_runner.expressions import truthy
from workflow_runner.git import git


@dataclass
class Context:
    run: object  # workflow_runner.Run
    workspace: Path
    temp: Path
    permissions: dict
    env: dict


def run(uses: str, inputs: dict, context: Context) -> tuple[int, str, dict]:
    """(exit code, log, outputs) of one `uses:` step."""
    action = uses.split("@")[0]
    if action not in STAND_INS:
        return 1, f"no stand-in for {uses}", {}
    try:
        return 0, *STAND_INS[action](inputs, context)
    except ActionFailed as failure:
        return 1, f"Error: {failure}", {}


class ActionFailed(Exception):
    pass


def flag(inputs: dict, name: str) -> bool:
    return truthy(inputs.get(name)) and str(inputs.get(name)).lower() != "false"


def checkout(inputs, context):
    run = context.run
    target = context.workspace / inputs.get("path", ".")
    target.mkdir(parents=True, exist_ok=True)
    ref = inputs.get("ref") or run.context["sha"]
    depth = int(inputs.get("fetch-depth", 1))
    git("init", "-q", cwd=target)
    git("remote", "add", "origin", run.github.origin, cwd=target)
    try:
        if not depth:  # the whole history: every branch and tag, then the ref
            git("fetch", "-q", "origin", "+refs/heads/*:refs/remotes/origin/*",
                "+refs/tags/*:refs/tags/*", cwd=target)
        git("fetch", "-q", *(["--depth", str(depth)] if depth else []), "origin", ref,
            cwd=target)
    except RuntimeError:
        raise ActionFailed(f"A branch or tag with the name '{ref}' could not be found") from None
    git("checkout", "-q", "--detach", "FETCH_HEAD", cwd=target)
    if inputs.get("path") in (None, "", "."):
        (target / ".venv").symlink_to(run.github.venv)
        node_modules = run.github.venv.parent / "node_modules"
        if node_modules.is_dir():
            (target / "node_modules").symlink_to(node_modules)
    return f"checked out {ref} into {target.name}", {}


def setup_python(inputs, context):
    return f"Python {inputs.get('python-version')} (the machine's)", {}


def artifacts(context) -> Path:
    return Path(context.run.github.state()["artifacts"]) / str(context.run.id)


def hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def upload_artifact(inputs, context):
    paths = [context.workspace / line.strip() for line in inputs["path"].splitlines()
             if line.strip()]
    target = artifacts(context) / inputs["name"]
    if target.exists():
        if not flag(inputs, "overwrite"):
            raise ActionFailed("Failed to CreateArtifact: Received non-retryable error: "
                               "Failed request: (409) Conflict: an artifact with this name "
                               "already exists on the workflow run")
        shutil.rmtree(target)
    existing = [p for p in paths if p.exists()]
    if not existing:
        if inputs.get("if-no-files-found", "warn") == "error":
            raise ActionFailed(f"No files were found with the provided path: {inputs['path']}")
        return "No files were found; no artifact uploaded", {}
    # One folder: its contents; otherwise the paths under their closest common folder.
    common = (existing[0] if len(existing) == 1 and existing[0].is_dir() else Path(
        os.path.commonpath([p if p.is_dir() else p.parent for p in existing])))
    count = 0
    for source in existing:
        for path in ([source] if source.is_file() else sorted(source.rglob("*"))):
            if path.is_file() and (flag(inputs, "include-hidden-files")
                                   or not hidden(path, common)):
                destination = target / path.relative_to(common)
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, destination)
                count += 1
    return f"uploaded {count} files as {inputs['name']}", {}


def upload_pages_artifact(inputs, context):
    source = context.workspace / inputs.get("path", "_site/")
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        for path in sorted(source.rglob("*")):
            parts = path.relative_to(source).parts
            if parts[0] in (".git", ".github") or (
                    not flag(inputs, "include-hidden-files") and hidden(path, source)):
                continue
            if path.is_file():  # links followed (--dereference)
                tar.add(path.resolve(), arcname=path.relative_to(source).as_posix())
    target = artifacts(context) / inputs.get("name", "github-pages")
    if target.exists():
        raise ActionFailed("Failed to CreateArtifact: (409) Conflict: an artifact with this "
                           "name already exists on the workflow run")
    target.mkdir(parents=True)
    (target / "artifact.tar").write_bytes(buffer.getvalue())
    return f"uploaded {source.name} as {target.name}", {}


def deploy_pages(inputs, context):
    github, run = context.run.github, context.run
    for scope in ("pages", "id-token"):
        if context.permissions.get(scope) != "write":
            raise ActionFailed(f'Ensure GITHUB_TOKEN has permission "{scope}: write".')
    pages = github.state().get("pages")
    if not pages or pages.get("build_type") != "workflow":
        raise ActionFailed("Failed to create deployment (status: 404) with build version "
                           f"{run.context['sha']}. Ensure GitHub Pages has been enabled: "
                           f"https://github.com/{run.context['repository']}/settings/pages")
    if run.context["ref"] != "refs/heads/main":
        raise ActionFailed(f'Branch "{run.context["ref_name"]}" is not allowed to deploy to '
                           "github-pages due to environment protection rules.")
    tar_path = artifacts(context) / inputs.get("artifact_name", "github-pages") / "artifact.tar"
    if not tar_path.is_file():
        raise ActionFailed("No artifacts named github-pages were found for this workflow run")
    shutil.rmtree(github.served, ignore_errors=True)
    github.served.mkdir()
    # GNU tar, as Pages unpacks it: Python 3.11.2 (Debian 12) has no extraction filters
    subprocess.run(["tar", "-x", "-f", str(tar_path), "-C", str(github.served)], check=True)
    return f"deployed to {pages['html_url']}", {"page_url": pages["html_url"]}


STAND_INS = {
    "actions/checkout": checkout,
    "actions/setup-python": setup_python,
    "actions/upload-artifact": upload_artifact,
    "actions/upload-pages-artifact": upload_pages_artifact,
    "actions/deploy-pages": deploy_pages,
}
