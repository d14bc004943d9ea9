"""Packaging: every package is listed in pyproject.toml, the wheel ships the migrations, and
`volunteer db upgrade` works from an installed wheel, from a directory outside the repository."""

import contextlib
import importlib.metadata
import importlib.util
import os
import shutil
import sqlite3
import subprocess
import sys
import sysconfig
import textwrap
import tomllib
import zipfile
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

from volunteer import migrations_directory
from volunteer.extensions import db

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]

MIGRATION_FILES = (
    "volunteer/migrations/env.py",
    "volunteer/migrations/alembic.ini",
    "volunteer/migrations/script.py.mako",
    "volunteer/migrations/versions/0001_foundation.py",
)


def code_directories() -> set[str]:
    """Dotted names of the directories under volunteer/ that hold Python modules."""
    names = set()
    for module in (ROOT / "volunteer").rglob("*.py"):
        relative = module.parent.relative_to(ROOT)
        if "__pycache__" not in relative.parts:
            names.add(".".join(relative.parts))
    return names


def source_directory(package: str) -> Path:
    """Where setuptools takes a listed package from (package-dir mapping, else its path)."""
    mapped = SETUPTOOLS.get("package-dir", {})
    if package in mapped:
        return ROOT / mapped[package]
    return ROOT.joinpath(*package.split("."))


def test_the_scan_sees_the_feature_packages():
    assert {"volunteer", "volunteer.auth", "volunteer.teams"} <= code_directories()


def test_every_code_directory_is_a_listed_package():
    missing = code_directories() - set(SETUPTOOLS["packages"])
    assert not missing, f"add these to [tool.setuptools] packages in pyproject.toml: {missing}"


def test_every_listed_package_exists_with_modules():
    for package in SETUPTOOLS["packages"]:
        directory = source_directory(package)
        assert directory.is_dir(), package
        assert any(directory.glob("*.py")), package


def test_the_migrations_are_mapped_into_the_package():
    assert source_directory("volunteer.migrations") == ROOT / "migrations"
    assert Path(migrations_directory()) == ROOT / "migrations"
    for name in ("alembic.ini", "script.py.mako"):
        assert (ROOT / "migrations" / name).exists()


# The wheel, built once for this module.


def can_build_without_isolation() -> bool:
    """setuptools >= 70.1 builds wheels by itself; older ones need the `wheel` package."""
    try:
        version = importlib.metadata.version("setuptools")
    except importlib.metadata.PackageNotFoundError:
        return False
    major, minor = (int(part) for part in version.split(".")[:2])
    return (major, minor) >= (70, 1) or importlib.util.find_spec("wheel") is not None


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """Build the wheel from a copy of the work tree (never writing build/ into the repo)."""
    base = tmp_path_factory.mktemp("wheel")
    source = base / "source"
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(
            ".git",
            ".venv",
            "instance",
            "build",
            "dist",
            "*.egg-info",
            "__pycache__",
            "*.pyc",
            ".pytest_cache",
            ".ruff_cache",
            ".hypothesis",
            "test-artifacts",
        ),
    )
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(base / "out")]
    if can_build_without_isolation():
        command.append("--no-build-isolation")
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    result = subprocess.run(
        [*command, str(source)], capture_output=True, text=True, env=env, timeout=240
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (built,) = (base / "out").glob("volunteer-*.whl")
    return built


def wheel_names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


@pytest.mark.slow
def test_the_wheel_ships_the_migrations(wheel):
    names = wheel_names(wheel)
    for name in MIGRATION_FILES:
        assert name in names
    assert "migrations/env.py" not in names  # shipped inside the package, not beside it
    with zipfile.ZipFile(wheel) as archive:
        (entry_points,) = [name for name in names if name.endswith(".dist-info/entry_points.txt")]
        assert "volunteer = volunteer.cli:main" in archive.read(entry_points).decode()


@pytest.mark.slow
def test_the_wheel_ships_every_module_and_template(wheel):
    names = wheel_names(wheel)
    source = {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "volunteer").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    }
    assert "volunteer/templates/home.html" in source
    assert source - names == set()


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """A new virtual environment holding the wheel, which finds the other dependencies in the
    current environment through a .pth line (no index needed); returns its python."""
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", str(venv)],
        check=True,
        capture_output=True,
        timeout=60,
    )
    python = venv / "bin" / "python"
    site_packages = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
            timeout=60,
        ).stdout.strip()
    )
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site_packages)
    # Only the directories themselves: the editable install's .pth there is not processed,
    # so the repository's volunteer/ stays invisible to this environment.
    dependencies = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (site_packages / "zz_dependencies.pth").write_text("\n".join(sorted(dependencies)) + "\n")
    return python


def run_installed(python: Path, script: str, *args: str, cwd: Path, database: Path):
    env = {name: value for name, value in os.environ.items() if not name.startswith("VOLUNTEER_")}
    env.pop("PYTHONPATH", None)
    env.update(
        VOLUNTEER_DATABASE_URL=f"sqlite:///{database}",
        VOLUNTEER_SECRET_KEY="packaging-test-secret",
        VOLUNTEER_PASSWORD_HASH_METHOD="pbkdf2:sha256:1000",
    )
    return subprocess.run(
        [str(python), "-c", textwrap.dedent(script), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


# Runs the `volunteer` console script from the installed distribution's entry point.
CONSOLE_SCRIPT = """
    import sys
    from importlib.metadata import distribution

    import volunteer

    dist = distribution("volunteer")
    assert volunteer.__file__.startswith(sys.prefix), volunteer.__file__
    assert str(dist.locate_file("")).startswith(sys.prefix), dist.locate_file("")
    (entry_point,) = [
        e for e in dist.entry_points if e.group == "console_scripts" and e.name == "volunteer"
    ]
    sys.argv[0] = "volunteer"
    sys.exit(entry_point.load()())
"""

SERVE_PAGES = """
    from volunteer import create_app

    client = create_app().test_client()
    for path in ("/", "/api/openapi.json", "/api/v1/health"):
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        response.close()
    print("pages ok")
"""


@pytest.mark.slow
def test_db_upgrade_from_the_installed_wheel_outside_the_repository(installed, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    database = tmp_path / "installed.sqlite3"

    result = run_installed(
        installed, CONSOLE_SCRIPT, "db", "upgrade", cwd=elsewhere, database=database
    )

    assert result.returncode == 0, result.stdout + result.stderr
    with contextlib.closing(sqlite3.connect(database)) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        (version,) = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    assert set(db.metadata.tables) | {"alembic_version"} <= tables
    assert version == ScriptDirectory(migrations_directory()).get_current_head()

    served = run_installed(installed, SERVE_PAGES, cwd=elsewhere, database=database)
    assert served.returncode == 0, served.stdout + served.stderr
    assert "pages ok" in served.stdout
