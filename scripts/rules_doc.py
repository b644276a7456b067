#!/usr/bin/env python3
"""Regenerates docs/RULES.md: every rule ID the tests name, the rulebook key(s) that carry it, and the tests.

Run from the repository root:  python3 scripts/rules_doc.py
Keys come from the rulebook schema (Sources/KefuDomain/Rulebook/RulebookSchema*.swift), tests from the
@Test names in Tests/ that start with rule IDs.
"""
import os, re, collections

ID = re.compile(r"\b([A-Z]{2,3}-\d{2})\b")
def snake(name): return re.sub(r"(?<!^)([A-Z])", r"_\1", name).lower()

keys = collections.defaultdict(set)
for root, _, files in os.walk("Sources/KefuDomain/Rulebook"):
    for f in files:
        if not f.startswith("RulebookSchema"): continue
        section = None
        for line in open(os.path.join(root, f), encoding="utf-8"):
            m = re.match(r"\s*static let (\w+): \[RulebookField\]", line)
            if m: section = snake(m.group(1))
            m = re.search(r'key\("(\w+)",.*?\[((?:"[A-Z]{2,3}-\d{2}",?\s*)+)\]', line)
            if m and section:
                for rule in ID.findall(m.group(2)): keys[rule].add(f"{section}.{m.group(1)}")

# Catalogue entries (fines, sanctions) name their rule IDs in default.yaml: take the path of the entry.
# A comment names the IDs of the key below it; a key line's own comment names its own.
stack, pending = [], []
for line in open("Resources/Rulebook/default.yaml", encoding="utf-8"):
    if line.strip().startswith("#"):
        pending += ID.findall(line)
        continue
    m = re.match(r"^(\s*)([A-Za-z_][\w]*):", line)
    if not m: continue
    depth = len(m.group(1)) // 2
    stack = stack[:depth] + [m.group(2)]
    for rule in pending + ID.findall(line):
        if rule not in keys and len(stack) >= 2: keys[rule].add(".".join(stack[:3]))
    pending = []

tests = collections.defaultdict(list)
for root, _, files in os.walk("Tests"):
    for f in sorted(files):
        if not f.endswith((".swift", ".py")): continue
        text = open(os.path.join(root, f), encoding="utf-8").read()
        for m in re.finditer(r'@Test\("([^"]+)"', text):
            name = m.group(1)
            lead = re.match(r"((?:[A-Z]{2,3}-\d{2}[,/ ]*)+)", name)
            if not lead: continue
            for rule in ID.findall(lead.group(1)):
                tests[rule].append(f"`{os.path.relpath(os.path.join(root, f), 'Tests')}`: {name}")

order = lambda r: (r.split("-")[0], int(r.split("-")[1]))
out = ["# Rules implemented and tested", "",
       "Every rule ID that a test names (test names start with the ID), the rulebook key(s) that carry it",
       "(`docs/RULEBOOK.md` documents each key), and the tests. Regenerate with `python3 scripts/rules_doc.py`;",
       "`../shared/tools/rule-coverage` shows the coverage per module.", "",
       "| rule | rulebook key | tests |", "|---|---|---|"]
for rule in sorted(tests, key=order):
    key = ", ".join(f"`{k}`" for k in sorted(keys.get(rule, []))) or "— (engine behaviour)"
    out.append(f"| {rule} | {key} | " + "<br>".join(tests[rule]) + " |")
open("docs/RULES.md", "w", encoding="utf-8").write("\n".join(out) + "\n")
print(f"docs/RULES.md: {len(tests)} rules")
