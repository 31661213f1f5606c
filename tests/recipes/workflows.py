"""The CI recipes of contrib/ci: each file parses as YAML, has the parts
docs/ci.md promises (cron on the 1st, check --diagnostics github, the
report as an artifact, a redacted summary), and the commands of its
report steps run here against a copy of examples/.

usage: python3 workflows.py TOPDIR WORKDIR   (kith on PATH; WORKDIR a copy
of examples/ with KITH_AS_OF set by the caller)"""

import os
import subprocess
import sys

import yaml

top, work = sys.argv[1], sys.argv[2]
failures = []


def expect(cond, what):
    if not cond:
        failures.append(what)


def run(cmds, env):
    """Runs each command with sh in work; returns the exit statuses."""
    out = []
    for c in cmds:
        r = subprocess.run(["sh", "-c", c], cwd=work, env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True)
        out.append((c, r.returncode, r.stdout, r.stderr))
    return out


with open(os.path.join(top, "contrib/ci/github-monthly-report.yml")) as f:
    gh = yaml.safe_load(f)
# PyYAML reads the key 'on' as True (YAML 1.1)
on = gh.get("on", gh.get(True))
expect(on["schedule"][0]["cron"] == "0 6 1 * *", "github: cron on the 1st")
steps = gh["jobs"]["report"]["steps"]
names = [s.get("name") for s in steps]
runs = [s for s in steps if "run" in s and s.get("name") != "Install kith"]
expect(any("check --diagnostics github" in s["run"] for s in runs),
       "github: check --diagnostics github")
expect(not any("--strict" in s["run"] for s in runs),
       "github: a missed checkpoint must not stop the report")
later = steps[names.index("Check the journal") + 1:]
expect(all(s.get("if") == "${{ !cancelled() }}" for s in later),
       "github: the report runs even when the check fails")
art = [s for s in steps if s.get("uses", "").startswith(
    "actions/upload-artifact")]
expect(art and art[0]["with"]["path"] == "report.html",
       "github: report.html kept as an artifact")

summary = os.path.join(work, "step-summary.md")
env = dict(os.environ, GITHUB_STEP_SUMMARY=summary)
for c, rc, out, err in run([s["run"] for s in runs], env):
    expect(rc == 0, "github: '%s' exit %d: %s" % (c, rc, err))
expect(os.path.getsize(os.path.join(work, "report.html")) > 1000,
       "github: report.html written")
with open(summary) as f:
    s = f.read()
expect(s.startswith("# Progress report"), "github: the summary is the report")
expect("@priya" not in s and "Priya" not in s, "github: the summary is redacted")
os.remove(os.path.join(work, "report.html"))

# a checkpoint missed last month: a warning annotation, and the report
# is still made
missed = os.path.join(work, "missed")
os.makedirs(os.path.join(missed, "journal"))
with open(os.path.join(missed, "kith.yaml"), "w") as f:
    f.write("""kith: 1
include: ["journal/*.md"]
contacts:
  alice: {name: Alice Chen}
goals:
  meet-people:
    title: Meet people
    start: 2026-01-01
    end: 2026-12-31
    metrics:
      chats: {measure: interactions, target: 10, per: month}
    checkpoints:
      - date: 2026-10-31
        expect: {chats: 50}
""")
with open(os.path.join(missed, "journal", "2026-11.md"), "w") as f:
    f.write("## 2026-11-03 Coffee with @alice #coffee\n")
res = run([s["run"] for s in runs],
          dict(env, KITH_FILE=os.path.join(missed, "kith.yaml")))
expect(all(rc == 0 for c, rc, out, err in res),
       "github: a missed checkpoint stops a step: %r" % res)
expect(res[0][2].startswith("::warning file=") and
       "checkpoint-missed" in res[0][2],
       "github: the missed checkpoint is an annotation: %r" % res[0][2])
expect(os.path.isfile(os.path.join(work, "report.html")),
       "github: the report is made despite the missed checkpoint")
os.remove(os.path.join(work, "report.html"))

with open(os.path.join(top, "contrib/ci/gitlab-monthly-report.yml")) as f:
    gl = yaml.safe_load(f)["kith-monthly-report"]
expect({"if": '$CI_PIPELINE_SOURCE == "schedule"'} in gl["rules"],
       "gitlab: runs on the schedule")
expect(set(gl["artifacts"]["paths"]) == {"report.html", "summary.md"},
       "gitlab: artifacts")
expect(gl["artifacts"]["when"] == "always", "gitlab: artifacts always")
for c, rc, out, err in run(gl["script"], dict(os.environ)):
    expect(rc == 0, "gitlab: '%s' exit %d: %s" % (c, rc, err))
expect(os.path.isfile(os.path.join(work, "report.html")), "gitlab: report")
with open(os.path.join(work, "summary.md")) as f:
    expect("@priya" not in f.read(), "gitlab: the summary is redacted")

with open(os.path.join(top, ".pre-commit-hooks.yaml")) as f:
    hooks = yaml.safe_load(f)
expect([h["id"] for h in hooks] == ["kith-check", "kith-fmt"],
       "pre-commit: hook ids")
for h in hooks:
    expect(h["language"] == "system" and h["pass_filenames"] is False,
           "pre-commit: %s runs kith once" % h["id"])
for c, rc, out, err in run([h["entry"] for h in hooks], dict(os.environ)):
    expect(rc == 0, "pre-commit: '%s' exit %d: %s" % (c, rc, err))

for f in failures:
    print("FAIL recipes: " + f)
sys.exit(1 if failures else 0)
