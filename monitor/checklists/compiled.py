"""The installed checklist definitions and indicator set, compiled once and kept between starts.

Compiling them (YAML, schema checks, every condition parsed) is most of what Court Monitor itself
adds to the start of every `flask` command and server worker. The result is kept in one file
whose first line is a digest of the definition files, the indicator file and the code that
compiles them: any change to one of them compiles again. Files with a problem are never kept, so
their problems are reported, with file and line, at every start as before.

The kept file is a pickle, read only when its digest matches; it lives in the instance folder,
next to the SQLite database, and is written by the app alone."""
import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path

from monitor.checklists.indicators import IndicatorSet, read_indicator_file
from monitor.checklists.loader import DEFINITION_GLOB, DefinitionRegistry

#: The code whose output is kept: a change to any of it makes the kept file stale.
COMPILING_CODE = Path(__file__).parent


def load_checklists(folder: str | Path, indicator_file: str | Path,
                    kept_file: str | Path | None) -> tuple[DefinitionRegistry, IndicatorSet]:
    """The definitions in `folder` and the indicator set, from `kept_file` when it is current;
    otherwise compiled (raising DefinitionInvalid as before) and kept. No `kept_file`: no keeping."""
    digest = _digest(folder, indicator_file) if kept_file else None
    kept = _read(Path(kept_file), digest) if digest else None
    if kept is not None:
        return kept
    compiled = _compile(folder, indicator_file)
    if digest:
        _write(Path(kept_file), digest, compiled)
    return compiled


def _compile(folder, indicator_file) -> tuple[DefinitionRegistry, IndicatorSet]:
    registry = DefinitionRegistry.from_folder(folder)
    return registry, read_indicator_file(indicator_file, registry)


def _digest(folder, indicator_file) -> bytes | None:
    """Names and bytes of every input (definition files, indicator file, compiling code), and the
    Python version: equal digests mean compiling again would give the same objects. None when an
    input cannot be read: compiling reports that as it always did."""
    inputs = [*sorted(Path(folder).glob(DEFINITION_GLOB)), Path(indicator_file), *sorted(COMPILING_CODE.glob("*.py"))]
    digest = hashlib.sha256(sys.version.encode())
    for path in inputs:
        try:
            content = path.read_bytes()
        except OSError:
            return None
        digest.update(f"\0{path}\0{len(content)}\0".encode())
        digest.update(content)
    return digest.hexdigest().encode()


def _read(path: Path, digest: bytes):
    try:
        with path.open("rb") as kept:
            if kept.readline().rstrip(b"\n") != digest:
                return None
            return pickle.load(kept)
    except Exception:  # missing, half-written or unreadable: compile instead, as without keeping
        return None


def _write(path: Path, digest: bytes, compiled) -> None:
    """Written to a temporary file and renamed, so a worker starting alongside never reads half."""
    content = digest + b"\n" + pickle.dumps(compiled, protocol=pickle.HIGHEST_PROTOCOL)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, prefix=f".{path.name}.", delete=False) as temporary:
            temporary.write(content)
        os.replace(temporary.name, path)
    except OSError:  # e.g. a read-only instance folder: every start compiles, as without keeping
        pass
