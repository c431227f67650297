#!/usr/bin/env python3
"""Run or test the CRM suite against an installed Odoo 19.0 Community.

    python3 tools/suite.py run      # demo database + web client on 127.0.0.1:8069
    python3 tools/suite.py test     # every test: Polish demo company round, then suite
    python3 tools/suite.py wheels   # wheels into a fresh venv, installed from there
    python3 tools/suite.py i18n crm_x   # refresh crm_x/i18n/pl.po, list what is left

Environment (all optional):
    CRM_DB            demo database name                  (crm_demo)
    CRM_TEST_DB       test database name                  (crm_test_<pid>)
    CRM_HTTP_PORT     web client port of `run` (8069), of `test` (a free one)
    CRM_ADDONS        comma-separated addons to install   (all of them)
    CRM_DEMO_COMPANY  1: one `test` round with the Polish demo company (run has it)
    CRM_TESTS         pytest paths to run in `test`       (their tests + tests/)
    CRM_I18N_DB_PREFIX  database of `i18n crm_x` is this + crm_x (crm_i18n_)
    ODOO_ADDONS_PATH  Odoo's own addons/ directory        (next to the odoo package)
    PGHOST, PGPORT, PGUSER, PGPASSWORD   PostgreSQL        (local socket, this user)
"""

import argparse
import getpass
import importlib.metadata
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The five addons of the design, then small glue addons that join two of them
# (auto-installed when both are there); every folder with a manifest is one.
CORE_ADDONS = [
    "crm_contacts_ext",
    "crm_offers_multicurrency",
    "crm_service_warranty",
    "crm_analytics",
    "crm_document_deadlines",
]
ADDONS = CORE_ADDONS + sorted(
    p.parent.name
    for p in ROOT.glob("*/__manifest__.py")
    if p.parent.name not in CORE_ADDONS
)
# The Polish demo company of `make run`: with it, Odoo's and our demo data land
# in a Polish company in PLN with Polish users. `test` tests it in a round of
# its own: the suite's browser tours and many tests read English screens.
DEMO_COMPANY_ADDONS = ["crm_demo_pl", "crm_demo_pl_account"]
# Glue that brings Odoo's Polish accounting (l10n_pl and its own demo company)
# into the database: `test` installs it only with the Polish demo company,
# whose database has l10n_pl anyway, and tests it in that round.
POLISH_ACCOUNTING_ADDONS = ["crm_contacts_registers_bank_verification"]
WITH_DEMO_COMPANY = DEMO_COMPANY_ADDONS + POLISH_ACCOUNTING_ADDONS
ODOO_SERIES = (19, 0)
ODOO_DOCS = (
    "https://www.odoo.com/documentation/19.0/administration/on_premise/source.html"
)
# Loader lines that are not about our code: printed by Odoo itself on any install,
# or about the environment Odoo runs in (an editable `pip install -e` of Odoo puts
# setuptools' path hook into odoo.__path__, which Odoo then reports as an addons path).
IGNORED_LOG = (
    re.compile(r"wkhtmltopdf"),
    re.compile(r"You need .* to print a pdf version"),
    re.compile(r"addons path is not a directory: __editable__\."),
)


def fail(message, code=2):
    print(f"\nERROR: {message}", file=sys.stderr)
    sys.exit(code)


def find_odoo():
    """Return Odoo's addons directories, or stop with how to get Odoo 19.0."""
    how = (
        "The CRM suite needs Odoo 19.0 Community importable as `import odoo` by\n"
        f"  {sys.executable}\n"
        "and Odoo's own addons/ directory, looked up next to the odoo package\n"
        "(a source checkout) or named by ODOO_ADDONS_PATH.\n"
        "Install Odoo 19.0 from source (then `pip install -e <odoo checkout>` so that\n"
        "`import odoo` works): " + ODOO_DOCS
    )
    try:
        from odoo import release
    except ImportError as exc:
        fail(f"Odoo is not installed ({exc}).\n{how}")
    if tuple(release.version_info[:2]) != ODOO_SERIES:
        fail(f"Odoo {release.version} is installed, the suite needs 19.0.\n{how}")
    import odoo

    # odoo is a namespace package: OCA addons from PyPI add site-packages/odoo
    package_dirs = [Path(p) for p in odoo.__path__]
    if os.environ.get("ODOO_ADDONS_PATH"):
        candidates = [Path(p) for p in os.environ["ODOO_ADDONS_PATH"].split(",")]
    else:
        candidates = [d.parent / "addons" for d in package_dirs]
    paths = [str(p) for p in candidates if (p / "web" / "__manifest__.py").is_file()]
    packaged = any(
        (d / "addons" / "web" / "__manifest__.py").is_file() for d in package_dirs
    )
    if not paths and not packaged:
        fail(f"Odoo's addons directory (with `web`) is not in {candidates}.\n{how}")
    return paths


def requirement_names(path):
    """Distribution names of a requirements file, following its `-r` includes."""
    names = []
    for line in path.read_text().splitlines():
        line = line.split("#")[0].strip()
        if line.startswith("-r"):
            names += requirement_names(path.parent / line[2:].strip())
        elif line:
            names.append(re.split(r"[<>=!~ ;\[]", line, maxsplit=1)[0])
    return names


def ensure_requirements(filename="requirements.txt"):
    """pip-install a requirements file when one of its distributions is missing."""
    missing = []
    for name in requirement_names(ROOT / filename):
        try:
            importlib.metadata.distribution(name)
        except importlib.metadata.PackageNotFoundError:
            missing.append(name)
    if missing:
        print(f"Installing missing Python packages: {', '.join(missing)}")
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "-q", "-r", str(ROOT / filename)],
            check=True,
        )


def db_params():
    return {
        "db_host": os.environ.get("PGHOST", ""),
        "db_port": os.environ.get("PGPORT", ""),
        "db_user": os.environ.get("PGUSER", ""),
        "db_password": os.environ.get("PGPASSWORD", ""),
    }


def psql(sql, dbname="postgres", check=True):
    import psycopg2

    params = {k[3:]: v for k, v in db_params().items() if v}
    conn = psycopg2.connect(dbname=dbname, **params)
    conn.autocommit = True
    try:
        with conn.cursor() as cr:
            cr.execute(sql)
            return cr.fetchall() if cr.description else None
    finally:
        conn.close()


def ensure_postgres():
    """Start the local cluster and create the current user's role when needed."""
    try:
        psql("SELECT 1")
        return
    except Exception as exc:  # noqa: BLE001 - any failure means "try to start it"
        first_error = exc
    local = not os.environ.get("PGHOST") or os.environ["PGHOST"] in (
        "localhost",
        "127.0.0.1",
    )
    if local and shutil.which("pg_lsclusters"):
        clusters = subprocess.run(
            ["pg_lsclusters", "-h"], check=False, capture_output=True, text=True
        ).stdout
        for line in clusters.splitlines():
            version, name, _port, status = line.split()[:4]
            if status != "online":
                print(f"Starting PostgreSQL cluster {version}/{name}")
                subprocess.run(["pg_ctlcluster", version, name, "start"], check=False)
        try:
            psql("SELECT 1")
            return
        except Exception as exc:  # noqa: BLE001
            first_error = exc
        user = os.environ.get("PGUSER") or getpass.getuser()
        if "does not exist" in str(first_error) and os.geteuid() == 0:
            print(f"Creating PostgreSQL role {user}")
            subprocess.run(
                ["runuser", "-u", "postgres", "--", "createuser", "-s", user],
                check=True,
            )
            psql("SELECT 1")
            return
    fail(
        f"Cannot connect to PostgreSQL: {first_error}\n"
        "Set PGHOST/PGPORT/PGUSER/PGPASSWORD, or start the local server "
        "(e.g. `pg_ctlcluster 15 main start`)."
    )


def ensure_browser():
    """Browser tours need Chromium; never let them skip."""
    if any(shutil.which(b) for b in ("chromium", "chromium-browser", "google-chrome")):
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("Installing Debian's chromium for the browser tours")
        subprocess.run(
            ["apt-get", "install", "-y", "-q", "chromium"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        return
    fail("Browser tours need Chromium (Debian: `apt-get install chromium`).")


def ensure_pdf_tools():
    """Report tests render real PDFs (wkhtmltopdf) and read their text (pdftotext)."""
    missing = {
        package: tool
        for package, tool in (
            ("wkhtmltopdf", "wkhtmltopdf"),
            ("poppler-utils", "pdftotext"),
        )
        if not shutil.which(tool)
    }
    if missing and os.geteuid() == 0 and shutil.which("apt-get"):
        print(f"Installing Debian's {', '.join(missing)} for the PDF report tests")
        subprocess.run(
            ["apt-get", "install", "-y", "-q", *missing],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        return
    if missing:
        fail(
            "The PDF report tests need "
            + " and ".join(f"{tool} ({package})" for package, tool in missing.items())
            + f" (Debian: `apt-get install {' '.join(missing)}`)."
        )


def free_port():
    """A port for the tours' server, so that test runs side by side do not clash."""
    if os.environ.get("CRM_HTTP_PORT"):
        return int(os.environ["CRM_HTTP_PORT"])
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def write_config(dbname, odoo_addons, http_port=None, with_checkout=True):
    """Odoo's configuration file for a database; with_checkout=False leaves this
    checkout out of the addons path (the addons then come from installed wheels)."""
    conf_dir = ROOT / ".odoo"
    conf_dir.mkdir(exist_ok=True)
    conf = conf_dir / f"{dbname}.conf"
    addons_path = [str(ROOT), *odoo_addons] if with_checkout else odoo_addons
    lines = [
        "[options]",
        f"addons_path = {','.join(addons_path)}",
        f"data_dir = {conf_dir / 'data'}",
        f"db_name = {dbname}",
        f"dbfilter = ^{dbname}$",
        "list_db = False",
        "http_interface = 127.0.0.1",
        f"http_port = {http_port or 8069}",
    ]
    lines += [f"{k} = {v}" for k, v in db_params().items() if v]
    conf.write_text("\n".join(lines) + "\n")
    return conf


def odoo_cmd(conf, *args, python=sys.executable):
    return [python, "-m", "odoo", "-c", str(conf), *args]


def database_exists(dbname):
    return bool(psql(f"SELECT 1 FROM pg_database WHERE datname = '{dbname}'"))


def drop_database(dbname):
    if not re.fullmatch(r"[A-Za-z0-9_-]+", dbname):
        fail(f"Refusing a database name with odd characters: {dbname!r}")
    psql(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
    shutil.rmtree(ROOT / ".odoo" / "data" / "filestore" / dbname, ignore_errors=True)


def install(conf, addons, update=False, python=sys.executable, cwd=None):
    """Install (or update) addons with demo data; fail on loader warnings."""
    names = ",".join(addons)
    # on an existing database, -i installs the addons added since, -u updates the others
    flags = ["-i", names, "-u", names] if update else ["-i", names]
    cmd = odoo_cmd(
        conf,
        *flags,
        "--with-demo",
        "--stop-after-init",
        "--log-level=warn",
        "--no-http",
        python=python,
    )
    print(
        f"{'Updating' if update else 'Installing'} {', '.join(addons)} ...", flush=True
    )
    proc = subprocess.run(cmd, check=False, capture_output=True, text=True, cwd=cwd)
    problems = [
        line
        for line in (proc.stdout + proc.stderr).splitlines()
        if re.search(r" (WARNING|ERROR|CRITICAL) ", line)
        and not any(p.search(line) for p in IGNORED_LOG)
    ]
    if proc.returncode or problems:
        print(proc.stdout + proc.stderr)
        fail(
            "Odoo's loader reported problems while installing the addons (see above).",
            1,
        )


def selected_addons():
    names = [
        a.strip() for a in os.environ.get("CRM_ADDONS", "").split(",") if a.strip()
    ]
    unknown = set(names) - set(ADDONS)
    if unknown:
        fail(f"Unknown addons in CRM_ADDONS: {', '.join(sorted(unknown))}")
    return names or ADDONS


def cmd_run(_args):
    odoo_addons = find_odoo()
    ensure_requirements()
    ensure_postgres()
    dbname = os.environ.get("CRM_DB", "crm_demo")
    port = int(os.environ.get("CRM_HTTP_PORT", "8069"))
    conf = write_config(dbname, odoo_addons, http_port=port)
    addons = selected_addons()
    install(conf, addons, update=database_exists(dbname))
    print(f"\nCRM suite on http://127.0.0.1:{port}/odoo  (database {dbname})")
    print(
        "Log in as admin / admin (demo users: demo / demo, portal / portal).\n",
        flush=True,
    )
    os.execv(sys.executable, odoo_cmd(conf, "--log-level=info"))


def cmd_test(args):
    odoo_addons = find_odoo()
    ensure_requirements("requirements-dev.txt")
    ensure_postgres()
    ensure_browser()
    ensure_pdf_tools()
    dbname = os.environ.get("CRM_TEST_DB", f"crm_test_{os.getpid()}")
    paths = args.paths or os.environ.get("CRM_TESTS", "").split()
    addons = selected_addons()
    if os.environ.get("CRM_ADDONS") or os.environ.get("CRM_DEMO_COMPANY") or paths:
        # one round, as asked
        if os.environ.get("CRM_DEMO_COMPANY") != "1" and not os.environ.get(
            "CRM_ADDONS"
        ):
            addons = [a for a in addons if a not in WITH_DEMO_COMPANY]
        result = test_round(odoo_addons, dbname, addons, paths)
    else:
        # every test, in two rounds: the Polish demo company (make run's
        # database) with the glue that needs Odoo's Polish accounting, then
        # the suite in Odoo's demo company (its tours read English screens)
        print("== the Polish demo company: its tests, every menu and portal tile")
        demo_paths = [
            *[f"{a}/tests" for a in WITH_DEMO_COMPANY if (ROOT / a / "tests").is_dir()],
            "tests/test_demo.py",
        ]
        first = test_round(odoo_addons, dbname, addons, demo_paths)
        print("== the suite", flush=True)
        addons = [a for a in addons if a not in WITH_DEMO_COMPANY]
        result = test_round(odoo_addons, dbname, addons, []) or first
    sys.exit(result)


def test_round(odoo_addons, dbname, addons, paths):
    """Install ``addons`` on a new database, run pytest on ``paths`` (their
    tests and tests/ when empty), drop the database; pytest's exit code."""
    conf = write_config(dbname, odoo_addons, http_port=free_port())
    drop_database(dbname)
    try:
        install(conf, addons)
        suite_wide = set(addons) >= set(ADDONS) - set(WITH_DEMO_COMPANY)
        paths = paths or [
            *[f"{a}/tests" for a in addons if (ROOT / a / "tests").is_dir()],
            *(["tests"] if suite_wide else []),
        ]
        cmd = [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            *paths,
            f"--odoo-config={conf}",
            "--odoo-http",
            "--odoo-log-level=warn",
            "-r",
            "fEsx",
        ]
        print(" ".join(cmd), flush=True)
        result = subprocess.run(cmd, check=False, cwd=ROOT).returncode
    finally:
        drop_database(dbname)
        conf.unlink(missing_ok=True)
    if result == 5:
        fail("No test ran.", 1)
    return result


WHEEL_SMOKE = """
import importlib
addons = {addons!r}
states = dict(env["ir.module.module"].search([("name", "in", addons)]).mapped(
    lambda m: (m.name, m.state)))
assert all(states.get(a) == "installed" for a in addons), states
for addon in addons:
    path = importlib.import_module("odoo.addons." + addon).__file__
    assert path.startswith({venv!r}), (addon, path)
company = env["res.partner"].create({{"name": "Smoke sp. z o.o.", "is_company": True}})
try:
    company.regon = "123456788"
except Exception as exc:
    assert type(exc).__name__ == "ValidationError", exc
else:
    raise AssertionError("an invalid REGON was accepted")
print("WHEEL SMOKE OK:", len(addons), "addons from", {venv!r})
"""


def cmd_wheels(_args):
    """Build every addon's wheel (whool), install them into a fresh virtualenv that
    sees the installed Odoo, install the addons into a new database from that
    virtualenv (not from this checkout) and check that Odoo runs them from there."""
    odoo_addons = find_odoo()
    ensure_requirements("requirements-dev.txt")
    ensure_postgres()
    work = Path(tempfile.mkdtemp(prefix="crm_wheels_"))
    wheels, venv = work / "wheels", work / "venv"
    dbname = f"crm_wheels_{os.getpid()}"
    conf = write_config(dbname, odoo_addons, with_checkout=False)
    try:
        for addon in ADDONS:
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "pip",
                    "wheel",
                    "--no-deps",
                    "--no-build-isolation",
                    "-q",
                    "-w",
                    str(wheels),
                    str(ROOT / addon),
                ],
                check=True,
            )
        print(f"Built {len(list(wheels.glob('*.whl')))} wheels", flush=True)
        subprocess.run(
            [sys.executable, "-m", "venv", "--system-site-packages", str(venv)],
            check=True,
        )
        python = str(venv / "bin" / "python")
        subprocess.run(
            [
                python,
                "-m",
                "pip",
                "install",
                "-q",
                "--find-links",
                str(wheels),
                *sorted(str(w) for w in wheels.glob("*.whl")),
            ],
            check=True,
        )
        drop_database(dbname)
        # the addons an integrator installs (not the Polish demo company)
        addons = [a for a in ADDONS if a not in DEMO_COMPANY_ADDONS]
        install(conf, addons, python=python, cwd=work)
        script = WHEEL_SMOKE.format(addons=addons, venv=str(venv))
        proc = subprocess.run(
            [
                python,
                "-m",
                "odoo",
                "shell",
                "-c",
                str(conf),
                "--no-http",
                "--log-level=warn",
            ],
            input=script,
            check=False,
            capture_output=True,
            text=True,
            cwd=work,
        )
        if proc.returncode or "WHEEL SMOKE OK" not in proc.stdout:
            print(proc.stdout + proc.stderr)
            fail(
                "The addons installed from their wheels did not pass the smoke test.", 1
            )
        print(next(x for x in proc.stdout.splitlines() if "WHEEL SMOKE OK" in x))
    finally:
        drop_database(dbname)
        conf.unlink(missing_ok=True)
        shutil.rmtree(work, ignore_errors=True)


def cmd_i18n(args):
    """Export <addon>/i18n/pl.po (keeping its translations) and the template
    <addon>/i18n/<addon>.pot from a database of its own with the whole suite
    installed."""
    odoo_addons = find_odoo()
    ensure_requirements()
    ensure_postgres()
    import polib

    for addon in args.addons:
        if addon not in ADDONS:
            fail(f"Unknown addon {addon}")
        dbname = os.environ.get("CRM_I18N_DB_PREFIX", "crm_i18n_") + addon
        conf = write_config(dbname, odoo_addons)
        # the whole suite, as its Polish check sees it: some terms of an addon
        # exist only with another installed (fields calendar adds to models)
        install(conf, ADDONS, update=database_exists(dbname))
        i18n_cmd = [sys.executable, "-m", "odoo", "i18n"]
        subprocess.run([*i18n_cmd, "loadlang", "-c", str(conf), "-l", "pl"], check=True)
        po_file = ROOT / addon / "i18n" / "pl.po"
        # the file is the truth: its translations survive the export
        known = {}
        if po_file.exists():
            known = {e.msgid: e.msgstr for e in polib.pofile(str(po_file)) if e.msgstr}
        subprocess.run(
            [*i18n_cmd, "export", "-c", str(conf), "-l", "pl", "--", addon],
            check=True,
            cwd=ROOT,
        )
        # the template for translators of other languages
        subprocess.run(
            [*i18n_cmd, "export", "-c", str(conf), "-l", "pot", "--", addon],
            check=True,
            cwd=ROOT,
        )
        po = polib.pofile(str(po_file))
        for entry in po:
            if not entry.msgstr and entry.msgid in known:
                entry.msgstr = known[entry.msgid]
        po.save()
        untranslated = po.untranslated_entries()
        print(f"{addon}/i18n/pl.po: {len(untranslated)} untranslated")
        for entry in untranslated:
            print(f"  {entry.msgid!r}")


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("run", help="demo database and web client").set_defaults(
        func=cmd_run
    )
    test = sub.add_parser("test", help="every test on a throw-away database")
    test.add_argument("paths", nargs="*", help="pytest paths (default: all tests)")
    test.set_defaults(func=cmd_test)
    sub.add_parser(
        "wheels",
        help="build the wheels, install them in a fresh virtualenv, smoke test",
    ).set_defaults(func=cmd_wheels)
    i18n = sub.add_parser("i18n", help="refresh an addon's Polish translation file")
    i18n.add_argument("addons", nargs="+")
    i18n.set_defaults(func=cmd_i18n)
    args = parser.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
