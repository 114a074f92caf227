"""Runs this repository's workflows as GitHub runs them, on this machine, for the tests.

A `FakeGitHub` is one repository on a stand-in GitHub: a bare repository as `origin`
(at GITHUB_SERVER_URL/OWNER/REPO.git, so the scripts push where they would on GitHub), a
state file that the stand-in `gh` (bin/gh) answers from, the run's artifacts, the
repository's Pages setting and what Pages serves. `run(workflow, event)` reads the
workflow file from the commit GitHub would take it from and runs its jobs in `needs`
order: job and step `if:` and every `${{ }}` evaluated (expressions.py); each `run:`
step written to a file and executed in the shell GitHub uses — `bash -e {0}`, or
`bash --noprofile --norc -eo pipefail {0}` under `shell: bash` — in a clean environment
holding GitHub's variables (GITHUB_ACTIONS, CI, GITHUB_STEP_SUMMARY, GITHUB_OUTPUT,
GITHUB_ENV, RUNNER_TEMP, …) and the step's env; `uses:` steps by stand-ins (actions.py)
that behave as the actions do; a job-level `uses:` (a reusable workflow) by running the
called workflow's jobs.

What is modelled and what is not is listed in README ("Testing the workflows").
"""

import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from workflow_runner import actions
from workflow_runner.expressions import condition, interpolate
from workflow_runner.git import git

BIN = Path(__file__).parent / "bin"
OWNER, NAME = "org", "site"
SERVER = "https://github.com"  # git in the steps reads it as the local server folder
QUICK = {"make test": 'echo "make test: the suite runs on its own in these tests"'}


@dataclass
class Step:
    name: str
    outcome: str  # success, failure, skipped
    log: str


@dataclass
class Job:
    name: str
    conclusion: str  # success, failure, skipped
    steps: list[Step] = field(default_factory=list)
    outputs: dict = field(default_factory=dict)
    summary: str = ""

    @property
    def log(self) -> str:
        return "\n".join(f"--- {s.name} ({s.outcome})\n{s.log}" for s in self.steps)

    def step(self, name: str) -> Step:
        return next(s for s in self.steps if s.name == name)


class FakeGitHub:
    """One repository, new: main holds the project as it is in `project`, nothing else is
    configured (no gh-pages branch, Pages off) unless a test sets it."""

    def __init__(self, root: Path, project: Path, venv: Path):
        self.root = root
        self.server = root / "server"
        self.origin = self.server / OWNER / f"{NAME}.git"
        self.served = root / "served"  # what GitHub Pages serves after a deployment
        self.venv = venv
        self.state_file = root / "github.json"
        self.runs = 0
        self.variables: dict[str, str] = {}
        self.origin.mkdir(parents=True)
        git("init", "-q", "--bare", "-b", "main", self.origin)
        git("config", "uploadpack.allowAnySHA1InWant", "true", cwd=self.origin)
        work = root / "editor"
        shutil.copytree(project, work, symlinks=True)
        git("init", "-q", "-b", "main", cwd=work)
        git("add", "-A", cwd=work)
        git("commit", "-qm", "The site", cwd=work)
        git("remote", "add", "origin", self.origin, cwd=work)
        git("push", "-q", "origin", "main", cwd=work)
        self.editor = work  # an editor's clone, to push more commits from
        self.save({"repository": f"{OWNER}/{NAME}", "pulls": [], "comments": {},
                   "artifacts": str(root / "artifacts"), "pages": None})

    # -- the stand-in GitHub's state -------------------------------------------------------
    def state(self) -> dict:
        return json.loads(self.state_file.read_text(encoding="utf-8"))

    def save(self, state: dict) -> None:
        self.state_file.write_text(json.dumps(state), encoding="utf-8")

    def update(self, **changes) -> None:
        self.save({**self.state(), **changes})

    def turn_on_pages(self, build_type="workflow") -> None:
        """Settings → Pages → Source: GitHub Actions ("workflow") or a branch ("legacy")."""
        self.update(pages={"build_type": build_type, "html_url": self.address})

    @property
    def address(self) -> str:
        return f"https://{OWNER}.github.io/{NAME}/"

    def sha(self, ref="main") -> str:
        return git("rev-parse", ref, cwd=self.origin)

    def files(self, ref="gh-pages") -> set[str]:
        return set(git("ls-tree", "-r", "--name-only", ref, cwd=self.origin).split())

    def branch(self, name: str, edit) -> str:
        """A branch from main with edit(work folder) committed and pushed; its head."""
        git("checkout", "-q", "-B", name, "main", cwd=self.editor)
        edit(self.editor)
        git("add", "-A", cwd=self.editor)
        git("commit", "-qm", f"Edit on {name}", cwd=self.editor)
        git("push", "-q", "-f", "origin", name, cwd=self.editor)
        git("checkout", "-q", "main", cwd=self.editor)
        return self.sha(name)

    def open_pull(self, number: int, branch: str, **extra) -> dict:
        pull = {"number": number, "state": "open",
                "head": {"sha": self.sha(branch), "ref": branch,
                         "repo": {"full_name": f"{OWNER}/{NAME}"}},
                "base": {"sha": self.sha("main"), "ref": "main"}, **extra}
        self.update(pulls=[*self.state()["pulls"], pull])
        return pull

    def close_pull(self, number: int) -> dict:
        state = self.state()
        pull = next(p for p in state["pulls"] if p["number"] == number)
        pull["state"] = "closed"
        self.save(state)
        return pull

    # -- events ----------------------------------------------------------------------------
    def repository(self) -> dict:
        return {"full_name": f"{OWNER}/{NAME}", "name": NAME, "default_branch": "main",
                "owner": {"login": OWNER}}

    def push_event(self) -> tuple[str, dict, str, str]:
        sha = self.sha()
        return "push", {"ref": "refs/heads/main", "after": sha,
                        "repository": self.repository()}, "refs/heads/main", sha

    def pull_request_event(self, pull: dict, name="pull_request", action="opened"):
        """pull_request runs on the pull request's commit; pull_request_target on the base
        branch's tip."""
        payload = {"action": action, "number": pull["number"], "pull_request": pull,
                   "repository": self.repository()}
        if name == "pull_request":
            return name, payload, f"refs/pull/{pull['number']}/merge", pull["head"]["sha"]
        return name, payload, "refs/heads/main", self.sha()

    def workflow_run_event(self, run_id: int, pull: dict, conclusion="success"):
        run = {"id": run_id, "event": "pull_request", "conclusion": conclusion,
               "head_sha": pull["head"]["sha"], "head_branch": pull["head"]["ref"],
               "head_repository": pull["head"]["repo"]}
        return "workflow_run", {"action": "completed", "workflow_run": run,
                                "repository": self.repository()}, \
            "refs/heads/main", self.sha()

    def schedule_event(self):
        return "schedule", {"schedule": "17 4 * * 1", "repository": self.repository()}, \
            "refs/heads/main", self.sha()

    # -- running a workflow ----------------------------------------------------------------
    def run(self, workflow: str, event: tuple, quick=QUICK, extra_env=None) -> dict[str, Job]:
        """Every job of .github/workflows/<workflow>, for the event; {job id: Job}."""
        name, payload, ref, sha = event
        self.runs += 1
        spec = load(git("show", f"{sha}:.github/workflows/{workflow}", cwd=self.origin))
        triggered(spec, name, payload, ref)
        run = Run(self, self.runs, name, payload, ref, sha, quick, extra_env or {})
        return run.workflow(spec)


def triggered(workflow: dict, event: str, payload: dict, ref: str) -> None:
    """Raise unless GitHub would start this workflow for the event (its `on:`: the event,
    its `types:` and, for a push, its `branches:`)."""
    on = workflow["on"]
    on = {on: {}} if isinstance(on, str) else dict.fromkeys(on, {}) if isinstance(on, list) \
        else {key: value or {} for key, value in on.items()}
    if event not in on:
        raise AssertionError(f"the workflow does not run on {event} (on: {sorted(on)})")
    spec = on[event] if isinstance(on[event], dict) else {}  # schedule: a list of crons
    types, branches = spec.get("types"), spec.get("branches")
    if types and payload.get("action", "completed") not in types:
        raise AssertionError(f"the workflow runs on {event} {types}, not {payload.get('action')}")
    if branches and ref.removeprefix("refs/heads/") not in branches:
        raise AssertionError(f"the workflow runs on pushes to {branches}, not {ref}")


def load(text: str) -> dict:
    workflow = yaml.safe_load(text)
    workflow["on"] = workflow.pop(True, workflow.get("on"))  # PyYAML reads `on` as True
    return workflow


class Run:
    """One workflow run: its id, event and jobs."""

    def __init__(self, github, run_id, event_name, payload, ref, sha, quick, extra_env):
        self.github, self.id, self.quick, self.extra_env = github, run_id, quick, extra_env
        self.folder = github.root / f"run-{run_id}"
        self.folder.mkdir()
        event_path = self.folder / "event.json"
        event_path.write_text(json.dumps(payload), encoding="utf-8")
        self.context = {
            "event_name": event_name, "event": payload, "ref": ref, "sha": sha,
            "ref_name": ref.rsplit("/", 1)[-1], "repository": f"{OWNER}/{NAME}",
            "repository_owner": OWNER, "server_url": SERVER,
            "api_url": "https://api.github.invalid", "run_id": str(run_id), "run_attempt": "1",
            "token": "ghs_standin", "actor": "editor", "event_path": str(event_path),
            "workflow": "", "job": ""}

    def workflow(self, workflow: dict, permissions_cap=None) -> dict[str, Job]:
        jobs: dict[str, Job] = {}
        specs = workflow["jobs"]
        pending = list(specs)
        while pending:
            ready = [j for j in pending if all(n in jobs for n in needs(specs[j]))]
            for job_id in ready:
                pending.remove(job_id)
                jobs[job_id] = self.job(workflow, job_id, specs[job_id], jobs, permissions_cap)
        return jobs

    def contexts(self, **more) -> dict:
        return {"github": self.context, "vars": dict(self.github.variables),
                "runner": {"os": "Linux", "temp": str(self.folder / "temp")},
                "env": {}, "steps": {}, "needs": {}, "inputs": {}, **more}

    def job(self, workflow, job_id, spec, done, permissions_cap) -> Job:
        needed = {n: {"result": done[n].conclusion, "outputs": done[n].outputs}
                  for n in needs(spec)}
        status = {"success": all(v["result"] == "success" for v in needed.values()),
                  "failure": any(v["result"] == "failure" for v in needed.values()),
                  "always": True, "cancelled": False}
        contexts = self.contexts(needs=needed)
        if not condition(spec.get("if"), contexts, status):
            return Job(job_id, "skipped")
        permissions = spec.get("permissions", workflow.get("permissions", {}))
        if permissions_cap is not None:
            permissions = {k: v for k, v in permissions.items() if permissions_cap.get(k) == v
                           or permissions_cap.get(k) == "write"}
        if "uses" in spec:  # a reusable workflow of this repository, at the run's commit
            path = spec["uses"].removeprefix("./")
            called = load(git("show", f"{self.context['sha']}:{path}", cwd=self.github.origin))
            results = self.workflow(called, permissions)
            conclusion = ("failure" if any(j.conclusion == "failure" for j in results.values())
                          else "success")
            job = Job(job_id, conclusion)
            for inner in results.values():
                job.steps += inner.steps
                job.summary += inner.summary
            return job
        return self.steps(job_id, spec, workflow, contexts, permissions)

    def steps(self, job_id, spec, workflow, contexts, permissions) -> Job:
        job = Job(job_id, "success")
        workspace = self.folder / job_id / "workspace"
        temp = self.folder / job_id / "temp"
        workspace.mkdir(parents=True)
        temp.mkdir()
        contexts["runner"]["temp"] = str(temp)
        self.context["job"] = job_id
        env = {**interpolate(workflow.get("env", {}), contexts)}
        contexts["env"] = env
        env.update(interpolate(spec.get("env", {}), contexts))
        for number, step in enumerate(spec.get("steps", [])):
            name = step.get("name") or step.get("uses") or step.get("run", "").split("\n")[0]
            status = {"success": job.conclusion == "success",
                      "failure": job.conclusion == "failure", "always": True,
                      "cancelled": False}
            if not condition(step.get("if"), contexts, status):
                job.steps.append(Step(name, "skipped", ""))
                continue
            step_env = {**env, **interpolate(step.get("env", {}), contexts)}
            files = {key: temp / f"{key.lower()}-{number}" for key in
                     ("GITHUB_OUTPUT", "GITHUB_ENV", "GITHUB_STEP_SUMMARY", "GITHUB_PATH")}
            for path in files.values():
                path.touch()
            variables = self.variables(job_id, workspace, temp, files, step_env)
            if "uses" in step:
                context = actions.Context(self, workspace, temp, permissions, variables)
                code, log, outputs = actions.run(step["uses"],
                                                 interpolate(step.get("with", {}), contexts),
                                                 context)
            else:
                code, log = self.shell(step, contexts, variables, workspace)
                outputs = read_pairs(files["GITHUB_OUTPUT"])
                env.update(read_pairs(files["GITHUB_ENV"]))
            job.summary += files["GITHUB_STEP_SUMMARY"].read_text(encoding="utf-8")
            outcome = "success" if code == 0 else "failure"
            job.steps.append(Step(name, outcome, log))
            if "id" in step:
                contexts["steps"][step["id"]] = {"outputs": outputs, "outcome": outcome,
                                                 "conclusion": outcome}
            if code and not step.get("continue-on-error"):
                job.conclusion = "failure"
        job.outputs = interpolate(spec.get("outputs", {}), contexts)
        return job

    def variables(self, job_id, workspace, temp, files, step_env) -> dict:
        """A step's whole environment: nothing of this machine's but a plain PATH."""
        return {"PATH": f"{BIN}:/usr/bin:/bin", "HOME": str(self.folder / "home"),
                "LANG": "C.UTF-8", "GITHUB_ACTIONS": "true", "CI": "true",
                "GITHUB_WORKSPACE": str(workspace), "GITHUB_EVENT_NAME": self.context["event_name"],
                "GITHUB_EVENT_PATH": self.context["event_path"],
                "GITHUB_REPOSITORY": self.context["repository"],
                "GITHUB_REPOSITORY_OWNER": OWNER, "GITHUB_SHA": self.context["sha"],
                "GITHUB_REF": self.context["ref"], "GITHUB_REF_NAME": self.context["ref_name"],
                "GITHUB_SERVER_URL": self.context["server_url"],
                "GITHUB_API_URL": self.context["api_url"], "GITHUB_RUN_ID": str(self.id),
                "GITHUB_RUN_ATTEMPT": "1", "GITHUB_JOB": job_id, "GITHUB_ACTOR": "editor",
                "RUNNER_TEMP": str(temp), "RUNNER_OS": "Linux",
                "GH_STANDIN_STATE": str(self.github.state_file), "GH_PAGES_PAUSE": "0.05",
                "GIT_CONFIG_COUNT": "1", "GIT_CONFIG_KEY_0": f"url.{self.github.server}/.insteadOf",
                "GIT_CONFIG_VALUE_0": f"{SERVER}/",
                **{key: str(path) for key, path in files.items()},
                **self.extra_env, **{k: str(v) for k, v in step_env.items()}}

    def shell(self, step, contexts, variables, workspace) -> tuple[int, str]:
        script = interpolate(step["run"], contexts)
        for command, stand_in in self.quick.items():
            script = re.sub(rf"(?<![\w-]){re.escape(command)}(?![\w-])", stand_in, script)
        temp = Path(variables["RUNNER_TEMP"])
        path = temp / f"step-{len(os.listdir(temp))}.sh"
        path.write_text(script, encoding="utf-8")
        shell = {None: ["bash", "-e"],
                 "bash": ["bash", "--noprofile", "--norc", "-eo", "pipefail"]}[step.get("shell")]
        cwd = workspace / step.get("working-directory", ".")
        result = subprocess.run([*shell, str(path)], cwd=cwd, env=variables,
                                capture_output=True, text=True, check=False, timeout=900)
        return result.returncode, result.stdout + result.stderr


def needs(spec) -> list[str]:
    value = spec.get("needs", [])
    return [value] if isinstance(value, str) else list(value)


def read_pairs(path: Path) -> dict:
    """key=value lines and key<<DELIMITER blocks, as GitHub reads GITHUB_OUTPUT/GITHUB_ENV."""
    pairs, lines = {}, path.read_text(encoding="utf-8").splitlines()
    while lines:
        line = lines.pop(0)
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            key, delimiter = line.split("<<", 1)
            value = []
            while lines and lines[0] != delimiter:
                value.append(lines.pop(0))
            lines.pop(0) if lines else None
            pairs[key] = "\n".join(value)
        elif "=" in line:
            key, value = line.split("=", 1)
            pairs[key] = value
    return pairs
