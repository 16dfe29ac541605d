"""Clang's thread-safety analysis over the server's sources (scripts/test): each translation
unit of server/ in the normal build's compile_commands.json that includes the annotations is
compiled again by clang with -fsyntax-only -Wthread-safety -Werror, and nothing else warned
about. Two at a time.

  python3 scripts/lib/thread_safety.py BUILD_DIR ROOT
"""
import json
import os
import shlex
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

build_dir, root = sys.argv[1], sys.argv[2]
with open(os.path.join(build_dir, "compile_commands.json")) as f:
    commands = json.load(f)
server = os.path.join(os.path.abspath(root), "server") + os.sep


def clang_args(entry):
    args = entry["arguments"] if "arguments" in entry else shlex.split(entry["command"])
    out = ["clang++"]
    skip = False
    for i, a in enumerate(args[1:], start=1):
        if skip:
            skip = False
            continue
        if a in ("-o", "-MF", "-MT", "-MQ"):
            skip = True
            continue
        # GCC's precompiled header is not clang's: each file includes what it needs anyway.
        if a == "-include" and i + 1 < len(args) and args[i + 1].endswith("cmake_pch.hxx"):
            skip = True
            continue
        # GCC's warnings and its instrumentation are the normal build's concern.
        if a.startswith("-W") or a.startswith("-fsanitize") or a in ("-c", "-MD", "-MMD"):
            continue
        out.append(a)
    return out + ["-fsyntax-only", "-Wno-everything", "-Wthread-safety", "-Werror"]


def annotated(entry):
    """Whether the unit includes the annotations, directly or through other headers: only those
    can hold anything the analysis checks. The normal build's depfile (GCC's -MD, beside the
    object; the precompiled header holds no header of ours) says so; a unit without one is
    checked anyway."""
    args = entry["arguments"] if "arguments" in entry else shlex.split(entry["command"])
    if "-o" not in args:
        return True
    depfile = os.path.join(entry["directory"], args[args.index("-o") + 1] + ".d")
    try:
        with open(depfile) as f:
            return "thread_annotations.hpp" in f.read()
    except OSError:
        return True


units = [e for e in commands if e["file"].startswith(server) and annotated(e)]


def check(entry):
    run = subprocess.run(clang_args(entry), cwd=entry["directory"], capture_output=True, text=True)
    return entry["file"], run.returncode, run.stderr


# First, that the analysis is on: a member read without its mutex must be found.
probe = os.path.join(os.path.abspath(build_dir), "thread_safety_probe.cpp")
with open(probe, "w") as f:
    f.write('#include "base/thread_annotations.hpp"\n'
            "struct probe { ts::mutex m; int n TS_GUARDED_BY(m) = 0; int read() { return n; } };\n")
probe_run = subprocess.run(clang_args({"arguments": ["c++", "-std=c++20", "-I" + os.path.join(os.path.abspath(root), "server"),
                                                     probe], "directory": build_dir, "file": probe}),
                           cwd=build_dir, capture_output=True, text=True)
os.remove(probe)
if probe_run.returncode == 0 or "requires holding mutex" not in probe_run.stderr:
    sys.exit("thread-safety analysis: clang did not find an unguarded read in the probe:\n" + probe_run.stderr)

failed = 0
with ThreadPoolExecutor(max_workers=int(os.environ.get("JOBS", "2"))) as pool:
    for file, code, err in pool.map(check, units):
        if code != 0:
            failed += 1
            sys.stderr.write(err)
print(f"thread-safety analysis: {len(units)} files, {failed} with findings", file=sys.stderr)
sys.exit(1 if failed else 0)
