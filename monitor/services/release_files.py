"""A release's files: written once under EXPORT_FOLDER/<period>/v<n>/, with a manifest of SHA-256 sums.

The data files (CSV, XLSX, JSON, newsletter PDF, in English and Khmer) come from the same writers
as the manager's downloads, fed the suppressed report. `manifest.json` lists each file's SHA-256; the release
checksum is the SHA-256 of manifest.json, so one sum vouches for every file."""
import hashlib
import json
import os
import shutil
import uuid
from pathlib import Path

from flask import current_app

from monitor.i18n import DEFAULT_LANGUAGE, LANGUAGES
from monitor.services.statistics_files import FORMATS, export_file
from monitor.statistics.results import StatisticsReport

MANIFEST = "manifest.json"


class FilesExist(Exception):
    """The folder of this version already exists: published files are never overwritten."""


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def release_folder(period_label: str, version: int) -> Path:
    return Path(current_app.config["EXPORT_FOLDER"]) / period_label / f"v{version}"


def data_files(report: StatisticsReport, version: int, imprint: dict | None = None) -> dict[str, bytes]:
    """File name -> content, for every public format in every language (the JSON holds every language
    already): statistics-2025-Q1-v1.pdf in English, statistics-2025-Q1-v1-km.pdf in Khmer."""
    files = {}
    for language in LANGUAGES:
        suffix = "" if language == DEFAULT_LANGUAGE else f"-{language}"
        for fmt in FORMATS:
            if fmt == "json" and suffix:
                continue
            content, _, _ = export_file(report, fmt, language, imprint)
            files[f"statistics-{report.period.label}-v{version}{suffix}.{fmt}"] = content
    return files


def manifest(period_label: str, version: int, published_at: str, threshold: int, files: dict[str, bytes]) -> bytes:
    listing = [{"name": name, "sha256": sha256(content), "bytes": len(content)} for name, content in sorted(files.items())]
    return json.dumps({
        "period": period_label, "version": version, "published_at": published_at,
        "suppression_threshold": threshold, "files": listing,
    }, indent=1).encode("utf-8")


def write_once(period_label: str, version: int, files: dict[str, bytes]) -> Path:
    """Write into a hidden folder, then rename it into place: a reader never sees half a release,
    and an existing version folder is refused (FilesExist), never overwritten. Files are read-only."""
    final = release_folder(period_label, version)
    if final.exists():
        raise FilesExist(str(final))
    staging = final.parent / f".v{version}-{uuid.uuid4().hex}"
    staging.mkdir(parents=True)
    try:
        for name, content in files.items():
            path = staging / name
            path.write_bytes(content)
            path.chmod(0o444)
        os.rename(staging, final)
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        if final.exists():
            raise FilesExist(str(final)) from error
        raise
    return final


def remove(period_label: str, version: int) -> None:
    """Undo `write_once` when the database refuses the release (nothing was published)."""
    shutil.rmtree(release_folder(period_label, version), ignore_errors=True)


def stored_file(period_label: str, version: int, name: str) -> Path | None:
    """A published file by name, or None (no path outside the version's folder is ever returned)."""
    folder = release_folder(period_label, version)
    path = folder / name
    if "/" in name or "\\" in name or name.startswith(".") or not path.is_file():
        return None
    return path
