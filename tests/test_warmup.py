"""routines/warmup.py and gunicorn.conf.py: workers start ready, nothing is connected before the fork, and the
master's objects stay shared."""

import gc
import os
import subprocess
import sys
from pathlib import Path

from django.template import engines

from routines.warmup import warm_up

ROOT = Path(__file__).resolve().parent.parent


def page_templates() -> set[str]:
    return {path.relative_to(d).as_posix() for d in engines["django"].dirs for path in Path(d).rglob("*.html")}


def test_warming_up_compiles_every_page_template_without_touching_the_database():
    # No database mark: pytest-django fails this test if anything in warm_up() queries or connects.
    cached = engines["django"].engine.template_loaders[0].loaders[0]
    cached.reset()
    warm_up()
    assert "routines/today.html" in page_templates()
    assert page_templates() <= set(cached.get_template_cache)


def test_gunicorn_warms_the_loaded_app_up_before_forking_and_leaves_no_database_connection_open():
    code = (
        "import sys, types, selfcare.wsgi; from django.db import connections; config = {}; "
        "exec(open('gunicorn.conf.py').read(), config); "
        "config['when_ready'](types.SimpleNamespace(cfg=types.SimpleNamespace(preload_app=True))); "
        "print('routines.views.today' in sys.modules, all(c.connection is None for c in connections.all()))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**os.environ, "DJANGO_SETTINGS_MODULE": "selfcare.settings"},
                            capture_output=True, text=True, timeout=60)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True"]


def test_gunicorn_puts_the_masters_objects_out_of_the_collectors_sight_before_forking_a_worker():
    config: dict = {}
    exec((ROOT / "gunicorn.conf.py").read_text(), config)
    assert gc.get_freeze_count() == 0
    try:
        config["pre_fork"](server=None, worker=None)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
