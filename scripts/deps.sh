#!/usr/bin/env bash
# The one-way flow, checked: every file of the engine (crates/kezhi-engine/src) belongs to a stage by
# its path, and may use (`crate::<stage>`) only its own stage and the stages before it:
#
#   lang, texts, tolerances, time_unit → settings → import → table → models → rfm → frameworks → scoring →
#   fitted_model → views → settings_form
#
# A file's unit tests (`#[cfg(test)] mod tests` to the end of the file) may use any stage: they
# score the demo data to test one piece.
# The app (src/) comes after the whole engine; in it, `protocol` and `charts` come before
# `worker` and `ui`, and neither of those two uses the other.
# Inside the page (src/ui), in layers, a file uses only its own layer and those before it:
#
#   i18n, format, frames, offline, probes, download, settings_store → state → worker_client →
#   widgets/ → screens/ → documents/ → tabs, warm_up, deep_link → app
#
# and no files of one layer use each other in a circle. Exit 1 with every reach-back listed.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 - <<'PY'
import re, sys, pathlib

ENGINE_ORDER = ["lang", "texts", "tolerances", "time_unit", "settings", "import", "table", "models", "rfm", "frameworks",
                "scoring", "fitted_model", "views", "settings_form"]
APP_ORDER = {"charts": 1, "protocol": 1, "cli": 2, "main": 2, "worker": 2, "ui": 2, "lib": 3}
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

UI_LAYERS = [["i18n", "format", "frames", "offline", "probes", "download", "settings_store"], ["state"],
             ["worker_client"], ["widgets"], ["screens"], ["documents"], ["tabs", "warm_up", "deep_link"], ["app"]]
ui_level = {m: i for i, layer in enumerate(UI_LAYERS) for m in layer}
ui = pathlib.Path("src/ui")

def ui_module(f):
    """`widgets/rfm_panels.rs` → ("widgets", "widgets::rfm_panels"); `widgets.rs` → ("widgets", "widgets")."""
    parts = f.relative_to(ui).with_suffix("").parts
    return parts[0], "::".join(parts)

def ui_target(path):
    """The file a `crate::ui::a::b::c` path names: the longest prefix that is a module file."""
    parts = path.split("::")
    for k in range(len(parts), 0, -1):
        if (ui / pathlib.Path(*parts[:k])).with_suffix(".rs").exists():
            return "::".join(parts[:k])
    return None

graph = {}
for f in sorted(ui.rglob("*.rs")):
    top, name = ui_module(f)
    if top not in ui_level:
        bad.append(f"{f}: not in a layer of scripts/deps.sh")
        continue
    text = strip_comments(f.read_text())
    graph[name] = set()
    if re.search(r"\bsuper::", text):
        bad.append(f"{f}: uses `super::`; write `crate::ui::…` so the layers can be checked")
    paths = set(re.findall(r"\bcrate::ui::([a-z_:]+[a-z_])", text))
    for prefix, group in re.findall(r"\bcrate::ui::((?:[a-z_]+::)*)\{([^}]*)\}", text):
        paths |= {prefix + m for m in re.findall(r"[a-z_][a-z_:]*", group)}
    for path in paths:
        target = ui_target(path)
        if target is None or target == name:
            continue
        graph[name].add(target)
        if ui_level[target.split("::")[0]] > ui_level[top]:
            bad.append(f"{f}: `{top}` uses the later `{target}`")

def cycle_from(start):
    stack, seen = [(start, [start])], set()
    while stack:
        node, trail = stack.pop()
        for nxt in graph.get(node, ()):
            if nxt == start:
                return trail
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, trail + [nxt]))
    return None

reported = set()
for name in sorted(graph):
    trail = cycle_from(name)
    if trail and frozenset(trail) not in reported:
        reported.add(frozenset(trail))
        bad.append("a circle in src/ui: " + " → ".join(trail + [name]))

if bad:
    print("the flow reaches back:")
    print("\n".join("  " + b for b in bad))
    sys.exit(1)
print("one-way flow: no stage uses a later one")
PY
