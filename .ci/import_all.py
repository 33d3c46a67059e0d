"""Import every module of ttdn, as a plain ``pip install -e .`` left them; exit 1 naming failures.

Run by ``.ci/run`` in a fresh virtualenv with the machine's own pip, so a dependency the code
imports but pyproject.toml does not declare (or one only a newer pip resolves) fails CI.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys
import tempfile
import traceback


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ttdn.config.settings")
    os.environ.setdefault("SECRET_KEY", "ci-import-check-not-secret")
    os.environ.setdefault("DATA_DIR", tempfile.mkdtemp(prefix="ttdn-import-"))
    import django

    django.setup()
    import trafilatura  # imports lxml.html.clean (a project of its own since lxml 5.2)

    import ttdn

    trafilatura.extract("<html><body><p>Xin chào</p></body></html>")
    failed: list[str] = []
    count = 0
    for module in pkgutil.walk_packages(ttdn.__path__, "ttdn."):
        count += 1
        try:
            importlib.import_module(module.name)
        except Exception:  # report every module that cannot be imported, then fail
            failed.append(f"{module.name}:\n{traceback.format_exc(limit=3)}")
    for failure in failed:
        print(f"cannot import {failure}", file=sys.stderr)
    print(f"imported {count - len(failed)} of {count} ttdn modules")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
