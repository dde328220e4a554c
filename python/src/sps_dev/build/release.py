"""``sps-dev release --tag vX.Y.Z``: what a release workflow publishes, made and checked in one
step. The tag must name the MANIFEST's version (``v`` + version); then the ZIP is built as
``build`` builds it, and beside it ``<zip>.sha256`` (sha256sum's format, which ``sha256sum
-c`` reads) and ``<zip>.bundled.txt``, the distributions the ZIP bundles with their versions
(from their ``*.dist-info/METADATA``), for the release notes.
"""

from __future__ import annotations

import hashlib
import zipfile
from email.parser import HeaderParser
from pathlib import Path

from sps_dev.build.builder import BuildError, build
from sps_dev.contract.manifest import simple_fields


def bundled(zip_path: Path) -> list[str]:
    """``name version`` of each distribution the ZIP bundles, sorted."""
    found = []
    with zipfile.ZipFile(zip_path) as archive:
        for name in archive.namelist():
            parts = name.split("/")
            if len(parts) == 2 and parts[0].endswith(".dist-info") and parts[1] == "METADATA":
                text = archive.read(name)[:65536].decode("utf-8", "replace")
                headers = HeaderParser().parsestr(text, headersonly=True)
                found.append(f"{headers.get('Name', parts[0])} {headers.get('Version', '?')}")
    return sorted(found, key=str.lower)


def release(project: Path, tag: str, notes: list[str]) -> list[Path]:
    """The files a release publishes: the ZIP, its SHA-256 and its bundled list. Raises
    BuildError when the tag is not the MANIFEST's version, or the build fails."""
    manifest = project / "MANIFEST"
    try:
        version = simple_fields(manifest.read_text(encoding="utf-8")).get("version", "")
    except OSError as error:
        raise BuildError(f"{manifest}: {error.strerror}") from None
    if tag != f"v{version}":
        raise BuildError(
            f"the tag {tag!r} is not the MANIFEST's version {version!r}: tag v{version}, or set "
            f"version: {tag[1:] if tag.startswith('v') else tag} in MANIFEST first"
        )
    target, _ = build(project, notes=notes)
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    checksum = target.with_name(f"{target.name}.sha256")
    checksum.write_text(f"{digest}  {target.name}\n", encoding="utf-8")
    listing = target.with_name(f"{target.name}.bundled.txt")
    listing.write_text("".join(f"{line}\n" for line in bundled(target)), encoding="utf-8")
    return [target, checksum, listing]
