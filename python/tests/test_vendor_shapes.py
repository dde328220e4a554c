"""Plugins shaped like the vendor's own pass check with zero errors, build into ZIPs that hold
no test files (nor the secret one kept in its test data), and those ZIPs pass check and
verify.

Which real plugin each fixture stands for: vendor_shapes.SHAPES[name].stands_for.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import ClassVar, NamedTuple

import sdk_stand_in
from support import Ran, TempCase, changed, snapshot, sps_dev, write_tree
from vendor_shapes import SHAPES, TEST_SECRET


class VendorShapes(TempCase):
    def test_there_are_shapes_of_both_types_and_both_layouts(self) -> None:
        kinds = {shape.kind for shape in SHAPES.values()}
        layouts = {n.split("/")[0] for s in SHAPES.values() for n in s.files if "/" in n}
        self.assertEqual(kinds, {"aa", "credentialstore"})
        self.assertTrue({"lib", "plugin"} <= layouts)
        self.assertGreaterEqual(len(SHAPES), 8)

    def test_check_passes_every_shape_without_an_error(self) -> None:
        for name, shape in SHAPES.items():
            with self.subTest(name):
                project = write_tree(self.tmp / name, shape.files)
                before = snapshot(project)
                ran = sps_dev(["check"], project)
                self.assertNoTraceback(ran)
                self.assertEqual(ran.code, 0, ran)
                self.assertRegex(
                    ran.out, r"passes: \w+ \((aa|credentialstore)\) for SPS [\d., ]+: 0 error"
                )
                # check reads and never writes (no __pycache__, no import of the plugin).
                self.assertEqual(changed(before, snapshot(project)), [])

    def test_sps6_signatures_get_advice_not_errors(self) -> None:
        project = write_tree(self.tmp / "tpam", SHAPES["tpam"].files)
        ran = sps_dev(["check"], project)
        self.assertIn("authentication_completed() has no **kwargs", ran.err)
        self.assertIn("reads target_host but not server_hostname or server_ip", ran.err)
        self.assertIn("Plugin has no get_remote_app_credentials()", ran.err)
        self.assertEqual(ran.code, 0)
        strict = sps_dev(["check", "--strict"], project)
        self.assertEqual(strict.code, 1, strict)

    def test_release_range_comes_from_the_manifest(self) -> None:
        expected = {
            # api 1.7.0 with no scb_min_version: from 6 F10, which first offered API 1.7.
            "sra-initiated": "for SPS 6.10, 7.0:",
            "shared-sessions": "for SPS 8.0, 9.0:",
            "docs-raw-aa": "for SPS 7.0, 8.0, 9.0:",
        }
        for name, text in expected.items():
            with self.subTest(name):
                project = write_tree(self.tmp / name, SHAPES[name].files)
                self.assertIn(text, sps_dev(["check"], project).out)


class Built(NamedTuple):
    project: Path
    ran: Ran
    changed: list[str]  # what the build changed in the project


class VendorShapesBuilt(TempCase):
    """Each shape built once (bundling a dependency runs pip, a second of CPU each time); the
    ZIPs are then looked into, checked, and run. The yardstick: each shape's built ZIP, on the
    Python of every SPS release it claims (3.6 for SPS 6), with nothing importable but the ZIP
    and a stand-in SDK of that era."""

    built: ClassVar[dict[str, Built]] = {}

    @classmethod
    def setUpClass(cls) -> None:
        root = Path(tempfile.mkdtemp(prefix="sps-dev-test-"))
        cls.addClassCleanup(shutil.rmtree, root, True)
        cls.built = {}
        for name, shape in SHAPES.items():
            project = write_tree(root / name, shape.files)
            before = snapshot(project)
            ran = sps_dev(["build"], project)
            cls.built[name] = Built(project, ran, changed(before, snapshot(project)))

    def zip_of(self, name: str) -> Path:
        built = self.built[name]
        self.assertNoTraceback(built.ran)
        self.assertEqual(built.ran.code, 0, built.ran)
        return built.project / built.ran.out.strip()

    def test_build_ships_no_tests_and_the_zip_passes_check(self) -> None:
        for name, built in self.built.items():
            with self.subTest(name):
                zip_path = self.zip_of(name)
                self.assertEqual(zip_path.parent, built.project / "dist")
                with zipfile.ZipFile(zip_path) as archive:
                    names = archive.namelist()
                    contents = b"".join(archive.read(n) for n in names)
                self.assertEqual(
                    [n for n in names if re.search(r"(^|/)(tests?|__pycache__)/|conftest", n)], []
                )
                self.assertNotIn(TEST_SECRET.encode(), contents)
                self.assertIn("MANIFEST", names)
                self.assertIn("main.py", names)
                # Only dist/ changed in the project.
                self.assertEqual([p for p in built.changed if not p.startswith("dist")], [])
                zipped = sps_dev(["check", str(zip_path)], built.project)
                self.assertEqual(zipped.code, 0, zipped)

    def test_pipfile_packages_are_bundled_and_dev_packages_are_not(self) -> None:
        with zipfile.ZipFile(self.zip_of("tpam")) as archive:
            names = archive.namelist()
        self.assertIn("six.py", names)
        self.assertIn("lib/Vaultclient.py", names)
        self.assertEqual([n for n in names if "safeguard" in n], [])

    ANSWERS: ClassVar[dict[str, list[str]]] = {
        "shared-sessions": ["--answer", "token=483920"],
        "docs-raw-aa": ["--answer", "token=1"],
        "duo-mfa": ["--answer", "otp=1"],
    }

    def test_every_shape_passes_verify_on_each_claimed_python(self) -> None:
        legacy = write_tree(self.tmp / "sdk-1.1", sdk_stand_in.LEGACY)
        strict = write_tree(self.tmp / "sdk-1.5", sdk_stand_in.STRICT)
        for name, built in self.built.items():
            with self.subTest(name):
                ran = sps_dev(
                    [
                        "verify",
                        str(self.zip_of(name)),
                        "--timeout",
                        "10",
                        # SPS 6 before F5 ran an SDK whose raw hooks took **kwargs; later ones
                        # name every parameter.
                        "--sdk",
                        f"3.6={legacy}",
                        "--sdk",
                        str(strict),
                        *self.ANSWERS.get(name, []),
                    ],
                    built.project,
                )
                self.assertNoTraceback(ran)
                self.assertEqual(ran.code, 0, ran)
                self.assertIn("verified: every claimed release passed", ran.out)
                claimed = re.findall(r"^SPS ([\d., SP]+) runs? Python (3\.\d+)", ran.out, re.M)
                expected_pythons = {
                    "skeleton-aa": {"3.6", "3.8", "3.12"},
                    "tpam": {"3.6", "3.8", "3.12"},
                    "fqdnauth": {"3.6", "3.8", "3.12"},
                    "sra-initiated": {"3.8"},
                    "shared-sessions": {"3.8", "3.12"},
                }
                if name in expected_pythons:
                    self.assertEqual({p for _, p in claimed}, expected_pythons[name], ran.out)
                # The legacy SDK is what the 3.6 child imported, the strict one elsewhere.
                for block in ran.out.split("\nSPS ")[1:]:
                    if " Python 3.6: " in block.split("\n")[0]:
                        self.assertIn("sdk-1.1", block.split("\n")[1])
                    else:
                        self.assertNotIn("sdk-1.1", block.split("\n")[1])
