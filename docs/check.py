#!/usr/bin/env python3
"""Checks the documentation against the tree: the folder map in docs/architecture.md lists
exactly the files of `git ls-files src`; every relative link (and #anchor) resolves; every path
named in backticks exists (built outputs excepted). Run from anywhere in the repository:
python3 docs/check.py (the test command runs it).
"""
import re, os, subprocess, glob
os.chdir(subprocess.check_output(['git','rev-parse','--show-toplevel']).decode().strip())
pages = ['README.md'] + sorted(glob.glob('docs/*.md'))
txt = {p: open(p).read() for p in pages}
ok = True
# 1. folder map
arch = txt['docs/architecture.md']
sec = arch[arch.index('## Folder map'):arch.index('### Outside `src/`')]
listed = set(); folder = None
for l in sec.split('\n'):
    m = re.match(r'^### `(src(?:/[^`]*)?)/`$', l)
    if m: folder = m.group(1); continue
    m = re.match(r'^- `([^`]+)`: ', l)
    if m and folder: listed.add(folder + '/' + m.group(1))
tree = set(subprocess.check_output(['git','ls-files','src']).decode().split())
print('map: files in tree not listed:', sorted(tree - listed))
print('map: listed not in tree:', sorted(listed - tree))
ok &= tree == listed
# 2. relative links
for p in pages:
    for m in re.finditer(r'\]\(([^)\s]+)\)', txt[p]):
        link = m.group(1)
        if re.match(r'^[a-z]+:', link): continue
        path, _, anchor = link.partition('#')
        target = os.path.normpath(os.path.join(os.path.dirname(p), path)) if path else p
        if not os.path.exists(target):
            print('BROKEN LINK', p, link); ok = False; continue
        if anchor:
            heads = [re.sub(r'[^\w\- ]', '', h.strip().lower()).replace(' ', '-') for h in re.findall(r'^#+ (.*)$', open(target).read(), re.M)]
            if anchor not in heads: print('BROKEN ANCHOR', p, link); ok = False
# 3. paths named in backticks
bad = set()
for p in pages:
    for m in re.finditer(r'`([^`\s]+)`', txt[p]):
        t = m.group(1)
        if re.search(r'[<>*…]|^https?:|^#|^/', t): continue
        if not ('/' in t or re.search(r'\.(rs|mjs|json|sh|css|js|md|html|toml|cjs)$', t)): continue
        cands = [t, 'src/' + t, 'src/domain/' + t, 'src/ui/' + t]
        d = os.path.dirname(p)
        allf = subprocess.check_output(['git','ls-files']).decode().split()
        base = {os.path.basename(f) for f in allf}
        built = {'dist/', 'sw.js', 'therapist.html', 'dist/index.html', 'dist/therapist.html', 'dist/bench.md', 'bench/out/results.json', 'tests/browser/artifacts/', 'application/manifest+json', 'application/wasm'}
        if t in built or t in base: continue
        if not any(os.path.exists(c) for c in cands):
            bad.add((p, t))
for b in sorted(bad): print('PATH?', *b)
print('OK' if ok else 'FAIL')
raise SystemExit(0 if ok else 1)
