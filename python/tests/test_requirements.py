"""Dependencies in one place: pyproject.toml's [project] dependencies and [dependency-groups]
dev produce requirements.txt and requirements-dev.txt (``sps-dev requirements``), build bundles
what [project] dependencies lists and adds what is new to the files, never dropping a line, and
check warns when the files or the version fall behind. On Pythons before 3.11 pyproject.toml is
read by sps_dev's own TOML subset, so this file runs that reader too."""

from __future__ import annotations

from pathlib import Path

from support import TempCase, snapshot, sps_dev, write_tree, zip_names
from test_truths import packaged

HEADER = "# Produced from pyproject.toml by `python -m sps_dev requirements`: edit pyproject.toml,"
PYPROJECT = """# A comment.
[project]
name = "gate"
version = "{version}"
requires-python = ">=3.8"
dependencies = [{runtime}]

[dependency-groups]
dev = [
  "pytest>=9",  # the tests
  'sps-plugin-dev==1.0',
]

[tool.uv]
find-links = ["tools"]
"""


def project_files(runtime: str = "", version: str = "1.0.0") -> dict[str, str | bytes]:
    files = packaged()
    files["pyproject.toml"] = PYPROJECT.format(runtime=runtime, version=version)
    return files


class Requirements(TempCase):
    def make(self, runtime: str = "", version: str = "1.0.0") -> Path:
        return write_tree(self.tmp / "p", project_files(runtime, version))

    def test_the_files_are_written_from_pyproject_toml(self) -> None:
        project = self.make('"six>=1.16", "attrs"')
        ran = sps_dev(["requirements"], project)
        self.assertEqual(ran.code, 0, ran)
        runtime = (project / "requirements.txt").read_text(encoding="utf-8").splitlines()
        dev = (project / "requirements-dev.txt").read_text(encoding="utf-8").splitlines()
        self.assertTrue(runtime[0].startswith(HEADER), runtime)
        self.assertEqual(
            [line for line in runtime if not line.startswith("#")], ["six>=1.16", "attrs"]
        )
        self.assertEqual(
            [line for line in dev if not line.startswith("#")],
            ["-r requirements.txt", "--find-links tools", "pytest>=9", "sps-plugin-dev==1.0"],
        )
        self.assertIn("requirements.txt: written from pyproject.toml (missing)", ran.out)
        # Again: nothing to do, nothing written.
        before = snapshot(project)
        again = sps_dev(["requirements"], project)
        self.assertEqual((again.code, again.out), (0, ""), again)
        self.assertEqual(snapshot(project), before)
        self.assertEqual(sps_dev(["requirements", "--check"], project).code, 0)

    def test_check_names_the_command_when_a_file_falls_behind(self) -> None:
        project = self.make('"six"')
        self.assertEqual(sps_dev(["requirements"], project).code, 0)
        write_tree(project, project_files('"six", "attrs"'))
        stale = sps_dev(["requirements", "--check"], project)
        self.assertEqual(stale.code, 1, stale)
        self.assertIn(
            "requirements.txt: lacks attrs: run `python -m sps_dev requirements`", stale.err
        )
        checked = sps_dev(["check", "--format", "text"], project)
        self.assertIn("warning L005", checked.both)
        self.assertIn(
            "requirements.txt: warning L005: is not what pyproject.toml makes of it: lacks attrs",
            checked.both,
        )

    def test_a_hand_written_file_is_never_overwritten(self) -> None:
        project = self.make('"six"')
        (project / "requirements.txt").write_text("six\nmine==1\n", encoding="utf-8")
        before = snapshot(project)
        ran = sps_dev(["requirements"], project)
        self.assertEqual(ran.code, 2, ran)
        self.assertIn("requirements.txt: was written by hand", ran.err)
        self.assertEqual(snapshot(project), before)

    def test_a_file_that_is_a_link_is_never_written_through(self) -> None:
        project = self.make('"six"')
        outside = self.tmp / "outside.txt"
        outside.write_text("theirs\n", encoding="utf-8")
        (project / "requirements.txt").symlink_to(outside)
        for command in (["requirements"], ["build"]):
            with self.subTest(command=command):
                ran = sps_dev(command, project)
                self.assertEqual(ran.code, 2, ran)
                self.assertIn("requirements.txt: is a symbolic link", ran.err)
                self.assertEqual(outside.read_text(encoding="utf-8"), "theirs\n")
        self.assertIn("warning L005", sps_dev(["check"], project).both)

    def test_build_adds_what_is_new_but_never_removes_a_requirement(self) -> None:
        project = self.make('"six"')
        self.assertEqual(sps_dev(["requirements"], project).code, 0)
        write_tree(project, project_files(""))
        before = snapshot(project)
        ran = sps_dev(["build"], project)
        self.assertEqual(ran.code, 2, ran)
        self.assertIn("requirements.txt: lists six, which pyproject.toml does not", ran.err)
        self.assertIn("run `python -m sps_dev requirements` to remove it", ran.err)
        self.assertEqual(snapshot(project), before)
        # Asked for explicitly, the line goes.
        self.assertEqual(sps_dev(["requirements"], project).code, 0)
        self.assertNotIn("six", (project / "requirements.txt").read_text(encoding="utf-8"))

    def test_build_bundles_what_project_dependencies_lists(self) -> None:
        # six: pure Python, from this machine's package index (the one pip is set up with).
        project = self.make('"six==1.17.0"')
        files = project_files('"six==1.17.0"')
        files["gate/plugin.py"] = "import six  # noqa: F401\n\n" + str(files["gate/plugin.py"])
        write_tree(project, files)
        ran = sps_dev(["build"], project)
        self.assertEqual(ran.code, 0, ran)
        self.assertIn("requirements.txt: written from pyproject.toml (missing)", ran.err)
        (built,) = (project / "dist").iterdir()
        self.assertIn("six.py", zip_names(built))
        self.assertEqual(sps_dev(["check", str(built)], project).code, 0)

    def test_a_version_other_than_the_manifests_is_a_warning(self) -> None:
        project = self.make(version="1.1.0")
        self.assertEqual(sps_dev(["requirements"], project).code, 0)
        ran = sps_dev(["check"], project)
        self.assertIn(
            "pyproject.toml: warning L006: [project] version is 1.1.0, the MANIFEST's version "
            "is 1.0.0",
            ran.both,
        )

    def test_a_project_without_project_dependencies_keeps_its_own_files(self) -> None:
        files = packaged()
        files["pyproject.toml"] = '[project]\nname = "gate"\nversion = "1.0.0"\n'
        files["requirements.txt"] = "six==1.17.0\n"
        project = write_tree(self.tmp / "p", files)
        ran = sps_dev(["requirements"], project)
        self.assertEqual(ran.code, 2, ran)
        self.assertIn("pyproject.toml has no [project] dependencies", ran.err)
        checked = sps_dev(["check"], project)
        self.assertNotIn("L005", checked.both)
        self.assertNotIn("L006", checked.both)


class SnapshotBuild(TempCase):
    def test_a_snapshot_build_stamps_the_version(self) -> None:
        project = write_tree(self.tmp / "p", packaged("1.2.0"))
        ran = sps_dev(["build", "--snapshot"], project, env={"SOURCE_DATE_EPOCH": "1700000000"})
        self.assertEqual(ran.code, 0, ran)
        (built,) = (project / "dist").iterdir()
        self.assertEqual(built.name, "Gate-1.2.0-20231114T221320.zip")
        import zipfile

        with zipfile.ZipFile(built) as archive:
            self.assertIn("version: 1.2.0-20231114T221320", archive.read("MANIFEST").decode())
