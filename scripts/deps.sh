#!/usr/bin/env bash
# The one-way flow, checked: every file of the engine (crates/kezhi-engine/src) belongs to a stage by
# its path, and may use (`crate::<stage>`) only its own stage and the stages before it:
#
#   lang, tolerances, time_unit → settings → import → table → models → rfm → frameworks → scoring →
#   views → settings_form
#
# A file's unit tests (`#[cfg(test)] mod tests` to the end of the file) may use any stage: they
# score the demo data to test one piece.
# The app (src/) comes after the whole engine; in it, `worker_protocol` and `charts` come before
# `worker` and `ui`, and neither of those two uses the other. Exit 1 with every reach-back listed.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 - <<'PY'
import re, sys, pathlib

ENGINE_ORDER = ["lang", "tolerances", "time_unit", "settings", "import", "table", "models", "rfm", "frameworks",
                "scoring", "views", "settings_form"]
APP_ORDER = {"charts": 1, "worker_protocol": 1, "cli": 2, "main": 2, "worker": 2, "ui": 2, "lib": 3}
level = {s: i for i, s in enumerate(ENGINE_ORDER)}
bad = []

def strip_comments(text):
    text = re.split(r"#\[cfg\(test\)\]\s*mod tests", text)[0]
    text = re.sub(r"//[^\n]*", "", text)
    return re.sub(r"/\*.*?\*/", "", text, flags=re.S)

root = pathlib.Path("crates/kezhi-engine/src")
for f in sorted(root.rglob("*.rs")):
    stage = f.relative_to(root).parts[0].removesuffix(".rs")
    if stage == "lib":
        continue
    text = strip_comments(f.read_text())
    used = set(re.findall(r"\bcrate::([a-z_]+)", text))
    for group in re.findall(r"\bcrate::\{([^}]*)\}", text):
        used |= set(re.findall(r"(?:^|,)\s*([a-z_]+)", group))
    for u in sorted(used):
        if u in level and level[u] > level[stage]:
            bad.append(f"{f}: stage `{stage}` uses the later stage `{u}`")

app = pathlib.Path("src")
for f in sorted(app.rglob("*.rs")):
    stage = f.relative_to(app).parts[0].removesuffix(".rs")
    text = strip_comments(f.read_text())
    used = set(re.findall(r"\bcrate::([a-z_]+)", text))
    for u in sorted(used):
        if u == stage or u == "engine" or u not in APP_ORDER or stage not in APP_ORDER:
            continue
        if APP_ORDER[u] > APP_ORDER[stage] or (APP_ORDER[u] == APP_ORDER[stage] == 2):
            bad.append(f"{f}: `{stage}` uses `{u}`")

if bad:
    print("the flow reaches back:")
    print("\n".join("  " + b for b in bad))
    sys.exit(1)
print("one-way flow: no stage uses a later one")
PY
