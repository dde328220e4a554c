// From Python 3.11's sys.stdlib_module_names (public names) and keyword.kwlist/softkwlist.
// A plugin package with one of these names would shadow the standard library, or not parse.
const words = (text: string): ReadonlySet<string> => new Set(text.trim().split(/\s+/));

export const PYTHON_STDLIB_MODULES = words(
  "abc aifc antigravity argparse array ast asynchat asyncio asyncore atexit audioop base64 bdb " +
    "binascii bisect builtins bz2 cProfile calendar cgi cgitb chunk cmath cmd code codecs codeop " +
    "collections colorsys compileall concurrent configparser contextlib contextvars copy copyreg " +
    "crypt csv ctypes curses dataclasses datetime dbm decimal difflib dis distutils doctest email " +
    "encodings ensurepip enum errno faulthandler fcntl filecmp fileinput fnmatch fractions ftplib " +
    "functools gc genericpath getopt getpass gettext glob graphlib grp gzip hashlib heapq hmac html " +
    "http idlelib imaplib imghdr imp importlib inspect io ipaddress itertools json keyword lib2to3 " +
    "linecache locale logging lzma mailbox mailcap marshal math mimetypes mmap modulefinder msilib " +
    "msvcrt multiprocessing netrc nis nntplib nt ntpath nturl2path numbers opcode operator optparse " +
    "os ossaudiodev pathlib pdb pickle pickletools pipes pkgutil platform plistlib poplib posix " +
    "posixpath pprint profile pstats pty pwd py_compile pyclbr pydoc pydoc_data pyexpat queue quopri " +
    "random re readline reprlib resource rlcompleter runpy sched secrets select selectors shelve " +
    "shlex shutil signal site smtpd smtplib sndhdr socket socketserver spwd sqlite3 sre_compile " +
    "sre_constants sre_parse ssl stat statistics string stringprep struct subprocess sunau symtable " +
    "sys sysconfig syslog tabnanny tarfile telnetlib tempfile termios textwrap this threading time " +
    "timeit tkinter token tokenize tomllib trace traceback tracemalloc tty turtle turtledemo types " +
    "typing unicodedata unittest urllib uu uuid venv warnings wave weakref webbrowser winreg winsound " +
    "wsgiref xdrlib xml xmlrpc zipapp zipfile zipimport zlib zoneinfo ",
);

export const PYTHON_KEYWORDS = words(
  "False None True _ and as assert async await break case class continue def del elif else except " +
    "finally for from global if import in is lambda match nonlocal not or pass raise return try while " +
    "with yield ",
);

// Top-level modules a generated project imports, tests or runs with, besides the standard
// library: its own files and tools, and what its dev tools (requirements-dev.txt, with their
// dependencies) install. A plugin package of one of these names would shadow it, and the
// project's own tests, mypy or ruff would break. test/unit/python-names.test.ts holds this list
// to what those tools really install.
export const PROJECT_MODULES = words(
  "main tests test sps_dev conftest dist build " +
    "pytest _pytest py pluggy iniconfig packaging pygments exceptiongroup tomli colorama " +
    "mypy mypyc mypy_extensions typing_extensions pathspec librt ast_serialize " +
    "ruff yaml _yaml pip setuptools pkg_resources wheel",
);
