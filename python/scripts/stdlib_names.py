"""Prints the top-level module names of the standard library of the Python running it, as
JSON: {"python": "3.8", "interpreter": "CPython 3.8.18", "names": [...]}.

From 3.10 on, ``sys.stdlib_module_names``; before that, what the interpreter's standard
library folder and ``lib-dynload`` hold, and its built-in modules (files that are not modules,
``site-packages`` and test-only modules dropped, as ``stdlib_module_names`` drops them).
Platform-only modules SPS (Linux) never has are left out either way. Written in Python 3.6
syntax: it runs on every Python an SPS release runs.

    python3.X python/scripts/stdlib_names.py > ...   (see python/scripts/stdlib_table.py)
"""

import json
import os
import platform
import sys
import sysconfig

# Windows and macOS only: absent on SPS, whatever Python runs the tool.
NOT_ON_LINUX = {
    "msvcrt",
    "winreg",
    "winsound",
    "_winapi",
    "nt",
    "_overlapped",
    "_msi",
    "msilib",
    "_wmi",
    "_winreg",
    "_scproxy",
}
# What sys.stdlib_module_names leaves out too: the standard library's own tests.
TEST_ONLY = {
    "test",
    "__phello__",
    "_testcapi",
    "_testbuffer",
    "_testimportmultiple",
    "_testinternalcapi",
    "_testmultiphase",
    "_testclinic",
    "_xxtestfuzz",
    "xxlimited",
    "xxsubtype",
    "_xxsubinterpreters",
    "xxlimited_35",
    "_ctypes_test",
    "_testsinglephase",
    "_xxinterpchannels",
    "_testexternalinspection",
    "_testlimitedcapi",
}


def enumerated():
    found = set(sys.builtin_module_names)
    folder = sysconfig.get_paths()["stdlib"]
    for entry in os.listdir(folder):
        path = os.path.join(folder, entry)
        if entry.endswith(".py"):
            found.add(entry[:-3])
        elif os.path.isdir(path) and os.path.isfile(os.path.join(path, "__init__.py")):
            found.add(entry)
    dynload = os.path.join(folder, "lib-dynload")
    if os.path.isdir(dynload):
        for entry in os.listdir(dynload):
            if entry.endswith(".so"):
                found.add(entry.split(".")[0])
    return found


def main():
    names = getattr(sys, "stdlib_module_names", None)
    names = set(names) if names is not None else enumerated()
    names = {n for n in names if n.isidentifier()} - NOT_ON_LINUX - TEST_ONLY
    print(
        json.dumps(
            {
                "python": "{}.{}".format(*sys.version_info[:2]),
                "interpreter": f"{platform.python_implementation()} {platform.python_version()}",
                "names": sorted(names),
            }
        )
    )


if __name__ == "__main__":
    main()
