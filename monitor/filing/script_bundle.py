"""The offline app's ES modules joined into one script, in the order their imports give.

The app is written as native ES modules (`import`/`export`), which node's unit tests load as they
are. A phone, though, should not fetch them one by one: on a slow link each request costs a round
trip of about half a second, and the browser only learns of a module's imports once it has read
it. So the server joins them, starting from the entry module: each module becomes a function
scope that returns its exports, placed after the modules it imports. Only the plain forms are
accepted (`import { a, b as c } from "./x.js"`, `import * as x from "./x.js"`, `export function`,
`export const`, `export let`, `export class`); anything else is refused when the bundle is made,
so a form the joiner does not understand can never reach a phone half-translated."""
import posixpath
import re
from pathlib import Path

IMPORT = re.compile(
    r'^import\s+(?:\{(?P<names>[^}]*)\}|\*\s+as\s+(?P<namespace>\w+))\s+from\s+"(?P<path>\.{1,2}/[^"]+)";[ \t]*\r?\n', re.M)
EXPORT = re.compile(r"^export\s+(?:async\s+)?(?:function\*?|const|let|class)\s+(?P<name>[\w$]+)", re.M)
ANY_IMPORT_OR_EXPORT = re.compile(r"^\s*(?:import\b(?!\s*\()|export\b)", re.M)


class BundleError(ValueError):
    """A module the joiner cannot translate, named with its problem."""


def bundle(folder: Path, entry: str) -> str:
    """The entry module (a path below `folder`, e.g. "js/offline/app.js") and everything it
    imports, as one classic script that declares no global name."""
    ordered: list[str] = []
    sources: dict[str, str] = {}

    def visit(name: str, trail: tuple[str, ...]) -> None:
        if name in sources:
            return
        if name in trail:
            raise BundleError(f"import cycle: {' -> '.join(trail + (name,))}")
        path = folder / name
        if not path.is_file():
            raise BundleError(f"{trail[-1] if trail else 'entry'} imports {name}, which does not exist")
        source = path.read_text(encoding="utf-8")
        for match in IMPORT.finditer(source):
            visit(_resolve(name, match["path"]), trail + (name,))
        sources[name] = source
        ordered.append(name)

    visit(entry, ())
    parts = [_module(name, sources[name]) for name in ordered]
    return '(() => {\n"use strict";\n' + "\n".join(parts) + "\n})();\n"


def _resolve(importer: str, path: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(importer), path))


def _variable(name: str) -> str:
    """The name a module's exports go by inside the bundle (js/offline/rules.js -> $js_offline_rules)."""
    return "$" + re.sub(r"\W", "_", name.removesuffix(".js"))


def _module(name: str, source: str) -> str:
    bindings = []

    def binding(match: re.Match) -> str:
        exports = _variable(_resolve(name, match["path"]))
        if match["namespace"]:
            bindings.append(f"const {match['namespace']} = {exports};")
        else:
            names = [part.strip() for part in match["names"].split(",") if part.strip()]
            pairs = [re.sub(r"^([\w$]+)\s+as\s+([\w$]+)$", r"\1: \2", part) for part in names]
            bindings.append(f"const {{ {', '.join(pairs)} }} = {exports};")
        return ""

    body = IMPORT.sub(binding, source)
    exported = [match["name"] for match in EXPORT.finditer(body)]
    body = EXPORT.sub(lambda match: match[0].removeprefix("export").lstrip(), body)
    leftover = ANY_IMPORT_OR_EXPORT.search(body)
    if leftover:
        line = body[:leftover.start()].count("\n") + 1
        raise BundleError(f"{name}: unsupported import or export near line {line}: "
                          f"{body[leftover.start():].splitlines()[0].strip()}")
    return (f"const {_variable(name)} = (() => {{\n" + "\n".join(bindings) + "\n" + body
            + f"\nreturn {{ {', '.join(exported)} }};\n}})();")
