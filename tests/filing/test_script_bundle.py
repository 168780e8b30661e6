"""Joining the offline app's ES modules into the one script a phone downloads."""
import subprocess

import pytest

from monitor.filing.offline_shell import STATIC
from monitor.filing.script_bundle import BundleError, bundle


def write(folder, files: dict[str, str]):
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)


def run(script: str) -> str:
    completed = subprocess.run(["node", "-e", script], capture_output=True, text=True, timeout=60)
    assert completed.returncode == 0, completed.stderr
    return completed.stdout


def test_modules_run_in_import_order_each_in_its_own_scope(tmp_path):
    write(tmp_path, {
        "js/a.js": 'import { twice } from "./lib/maths.js";\nimport * as words from "./words.js";\n'
                   'const secret = "a";\nconsole.log(words.greet(twice(21)), secret);\n',
        "js/lib/maths.js": 'const secret = "maths";\nexport function twice(n) { return n * 2; }\n',
        "js/words.js": 'import { twice as double } from "./lib/maths.js";\n'
                       'export const greet = (n) => "n=" + n + "," + double(1);\n',
    })
    script = bundle(tmp_path, "js/a.js")
    assert script.index("$js_lib_maths =") < script.index("$js_words =") < script.index("$js_a =")
    assert script.count("$js_lib_maths = ") == 1, "a module imported twice is included once"
    assert run(script) == "n=42,2 a\n"
    assert "import " not in script and "export " not in script


def test_what_it_cannot_translate_is_refused_when_the_bundle_is_made(tmp_path):
    write(tmp_path, {"js/a.js": 'import { b } from "./b.js";\n', "js/b.js": 'import { a } from "./a.js";\nexport const b = 1;\n'})
    with pytest.raises(BundleError, match="import cycle: js/a.js -> js/b.js -> js/a.js"):
        bundle(tmp_path, "js/a.js")
    write(tmp_path, {"js/c.js": "const x = 1;\nexport { x };\n"})
    with pytest.raises(BundleError, match="js/c.js: unsupported import or export near line 2"):
        bundle(tmp_path, "js/c.js")
    write(tmp_path, {"js/d.js": 'import { x } from "./missing.js";\n'})
    with pytest.raises(BundleError, match="js/d.js imports js/missing.js, which does not exist"):
        bundle(tmp_path, "js/d.js")


def test_the_offline_app_bundles_and_declares_no_global_name():
    script = bundle(STATIC, "js/offline/app.js")
    names = run("const before = new Set(Object.keys(globalThis));"
                "globalThis.document = { getElementById: () => null }; globalThis.window = {};"
                f"{script}\n"
                "console.log(Object.keys(globalThis).filter((k) => !before.has(k)).sort().join(','))")
    assert names.strip() == "document,window"
