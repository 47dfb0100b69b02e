"""Write a wheel for every pinned requirement, rebuilt from the installed distribution.

usage: python3 wheelhouse.py REQUIREMENTS OUTDIR

The package index cannot be reached from the machines this project is tested on, so the
test of `make tools` cannot download its wheels. It makes them instead from what this
Python has installed: each distribution's files as its RECORD lists them (scripts left out:
pip writes them anew from entry_points.txt), its metadata, and a fresh RECORD with hashes.
A requirement whose version is not the installed one is an error: the wheelhouse then does
not stand for requirements.txt.
"""

import base64
import csv
import hashlib
import importlib.metadata as md
import io
import os
import re
import sys
import zipfile

SKIP_META = {"RECORD", "INSTALLER", "REQUESTED", "direct_url.json"}


def requirements(path):
    for line in open(path, encoding="utf-8"):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        m = re.fullmatch(r"([A-Za-z0-9_.-]+)(\[[^\]]*\])?==([^\s;]+)", line)
        if not m:
            sys.exit(f"{path}: not a pinned requirement: {line}")
        yield m.group(1), m.group(3)


def digest(data):
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def wheel(name, version, outdir):
    dist = md.distribution(name)
    if dist.version != version:
        sys.exit(f"{name}: {dist.version} is installed, requirements pin {version}")
    info = [f for f in dist.files if f.parts[0].endswith(".dist-info")]
    if not info:
        sys.exit(f"{name}: no .dist-info")
    info_dir = info[0].parts[0]
    tags = [l.split(":", 1)[1].strip() for l in dist.read_text("WHEEL").splitlines() if l.startswith("Tag:")]
    # Several Tag lines (py2-none-any, py3-none-any) compress into one name: py2.py3-none-any.
    parts = [t.split("-") for t in tags] or [["py3", "none", "any"]]
    tag = "-".join(".".join(dict.fromkeys(p[i] for p in parts)) for i in range(3))
    norm = re.sub(r"[-_.]+", "_", dist.metadata["Name"])
    out = os.path.join(outdir, f"{norm}-{dist.version}-{tag}.whl")
    record = io.StringIO()
    rec = csv.writer(record, lineterminator="\n")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for f in dist.files:
            rel = str(f)
            if rel.startswith("..") or "__pycache__" in f.parts or rel.endswith(".pyc"):
                continue
            if f.parts[0] == info_dir and f.name in SKIP_META:
                continue
            path = f.locate()
            if not os.path.isfile(path):
                continue
            data = open(path, "rb").read()
            z.writestr(rel, data)
            rec.writerow([rel, digest(data), len(data)])
        rec.writerow([f"{info_dir}/RECORD", "", ""])
        z.writestr(f"{info_dir}/RECORD", record.getvalue())
    return out


def main():
    reqs, outdir = sys.argv[1], sys.argv[2]
    os.makedirs(outdir, exist_ok=True)
    for name, version in requirements(reqs):
        print(os.path.basename(wheel(name, version, outdir)))


main()
