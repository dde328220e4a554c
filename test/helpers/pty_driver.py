"""Drives a command through a real pseudo-terminal: waits for each expected text, then types.

Usage: python3 pty_driver.py '<json>' where json is
{"argv": [...], "cwd": "...", "steps": [["text to wait for", "keys to send"], ...]}.
Prints {"status": exit code, "screen": everything the program wrote} as JSON.
"""

import json
import os
import pty
import re
import fcntl
import select
import struct
import sys
import termios
import time

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[>=]")


def main() -> None:
    spec = json.loads(sys.argv[1])
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        os.chdir(spec["cwd"])
        os.execvp(spec["argv"][0], spec["argv"])
    # A new pty is 0x0: prompt libraries would wrap after every character.
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    screen = ""

    def read(timeout: float) -> bool:
        nonlocal screen
        ready, _, _ = select.select([fd], [], [], timeout)
        if not ready:
            return True
        try:
            data = os.read(fd, 65536)
        except OSError:
            return False
        if not data:
            return False
        screen += data.decode("utf-8", "replace")
        return True

    for expected, keys in spec["steps"]:
        deadline = time.monotonic() + 15
        while expected not in ANSI.sub("", screen):
            if time.monotonic() > deadline or not read(0.2):
                print(json.dumps({"status": None, "screen": ANSI.sub("", screen), "waiting_for": expected}))
                os.kill(pid, 9)
                return
        screen_len = len(screen)
        time.sleep(0.05)
        os.write(fd, keys.encode())
        while len(screen) == screen_len and read(0.5):
            pass
    while read(5):
        pass
    _, status = os.waitpid(pid, 0)
    print(json.dumps({"status": os.waitstatus_to_exitcode(status), "screen": ANSI.sub("", screen)}))


main()
