/** Pure-Python wheels made for a test with zipfile (no build backend): a name, a version 1.0
 * and the files it installs, with the metadata pip and sps_dev read. */
import { expect } from "vitest";
import { run, TOOLS_PYTHON } from "./run.js";

const MAKE_WHEEL = `
import base64, hashlib, json, sys, zipfile
name, folder, files = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
stem = name.replace("-", "_") + "-1.0"
files[stem + ".dist-info/METADATA"] = f"Metadata-Version: 2.1\\nName: {name}\\nVersion: 1.0\\nRequires-Python: >=3.8\\n"
files[stem + ".dist-info/WHEEL"] = "Wheel-Version: 1.0\\nGenerator: test\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n"
record = []
path = f"{folder}/{stem}-py3-none-any.whl"
with zipfile.ZipFile(path, "w") as wheel:
    for member, text in files.items():
        data = text.encode()
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append(f"{member},sha256={digest},{len(data)}")
        wheel.writestr(member, data)
    record.append(stem + ".dist-info/RECORD,,")
    wheel.writestr(stem + ".dist-info/RECORD", "\\n".join(record) + "\\n")
print(path)
`;

/** Writes `<name>-1.0-py3-none-any.whl` into `folder` (which must exist); returns its path. */
export function makeWheel(folder: string, name: string, files: Record<string, string>): string {
  const made = run(TOOLS_PYTHON, ["-c", MAKE_WHEEL, name, folder, JSON.stringify(files)]);
  expect(made.status, made.stderr).toBe(0);
  return made.stdout.trim();
}

/** The one edit that adds a runtime dependency to a generated project's pyproject.toml. */
export function withDependency(pyproject: string, requirement: string): string {
  const edited = pyproject.replace("dependencies = []", `dependencies = ["${requirement}"]`);
  expect(edited).not.toBe(pyproject);
  return edited;
}
