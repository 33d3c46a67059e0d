"""The ``ttdn`` command: demo, serve, worker, check, messages, and Django's own commands.

Errors a user can fix (configuration, database, port) end in one line on stderr and exit 2,
never a traceback.
"""

from __future__ import annotations

import argparse
import os
import secrets
import socket
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ttdn.demo.press_site import PressSite
    from ttdn.monitoring.query import Document
    from ttdn.orgs.models import Installation

DEFAULT_SETTINGS = "ttdn.config.settings"


class UserError(Exception):
    """A problem the user can fix; printed as one line."""


def _data_dir() -> Path:
    path = Path(os.environ.get("DATA_DIR") or Path.cwd() / "var").resolve()
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"cannot create the data directory {path}: {exc.strerror}") from None
    return path


def _demo_environment() -> Path:
    """Defaults for a one-box demo: a secret kept under var/, plain HTTP cookies."""
    data = _data_dir()
    os.environ.setdefault("DATA_DIR", str(data))
    if not os.environ.get("SECRET_KEY") and not os.environ.get("SECRET_KEY_FILE"):
        secret = data / "secret_key"
        if not secret.exists():
            secret.write_text(secrets.token_urlsafe(50), encoding="utf-8")
            secret.chmod(0o600)
        os.environ["SECRET_KEY_FILE"] = str(secret)
    # Plain http on 127.0.0.1: no secure-only cookies, no HSTS, no redirect to https.
    os.environ.setdefault("SECURE_COOKIES", "False")
    # The demo's press site is served on 127.0.0.1; a real office leaves private networks refused.
    os.environ.setdefault("MONITORING_ALLOW_NETWORKS", "127.0.0.1/32")
    return data


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS)
    data = _data_dir()
    # After `ttdn demo`, the other commands use the demo's secret too (never created here).
    demo_secret = data / "secret_key"
    no_secret = not os.environ.get("SECRET_KEY") and not os.environ.get("SECRET_KEY_FILE")
    if no_secret and demo_secret.exists():
        os.environ["SECRET_KEY_FILE"] = str(demo_secret)
        os.environ.setdefault("SECURE_COOKIES", "False")
        os.environ.setdefault("MONITORING_ALLOW_NETWORKS", "127.0.0.1/32")
    import django

    django.setup()


def _check_database() -> None:
    from django.db import connection
    from django.db.utils import OperationalError

    try:
        connection.ensure_connection()
    except OperationalError as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise UserError(
            f"cannot connect to the database ({_describe_database()}): {first_line}"
        ) from None


def _describe_database() -> str:
    from django.conf import settings

    db = settings.DATABASES["default"]
    if "sqlite" in db["ENGINE"]:
        return f"SQLite file {db['NAME']}"
    return f"PostgreSQL {db.get('HOST') or 'localhost'}:{db.get('PORT') or 5432}/{db['NAME']}"


def _require_migrated() -> None:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise UserError("the database is not up to date: run `ttdn manage migrate`")


def _port_free(host: str, port: int) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            raise UserError(
                f"port {port} on {host} is already in use: stop the other server or set PORT "
                f"(e.g. PORT={port + 1})"
            ) from None


def _port() -> int:
    value = os.environ.get("PORT", "8000")
    if not value.isdigit() or not 0 < int(value) < 65536:
        raise UserError(f"PORT={value!r} is not a port number (1-65535)")
    return int(value)


def cmd_messages(args: argparse.Namespace) -> int:
    from ttdn.core.i18n import compile_catalogues

    for path in compile_catalogues():
        print(f"compiled {path}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    _setup()
    from django.core.management import call_command

    _check_database()
    call_command("check")
    _require_migrated()
    print(f"ttdn: ok ({_describe_database()})")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    _demo_environment()
    port = _port()
    host = os.environ.get("HOST", "127.0.0.1")
    if not args.no_serve:
        _port_free(host, port)
        from ttdn.config.server import prepare_metrics

        prepare_metrics(_data_dir())
    from ttdn.core.i18n import compile_catalogues

    compile_catalogues()
    _setup()
    from django.core.management import call_command

    _check_database()
    call_command("migrate", interactive=False, verbosity=0)
    _collectstatic()
    from django.utils import translation

    from ttdn.demo.load import load_demo

    translation.activate("vi")
    logins = load_demo()
    press = _demo_press_site()
    base = f"http://{host}:{port}"
    print("")
    print("ttdn demo is ready.")
    print(f"  Staff UI (Wagtail admin): {base}/admin/")
    print(f"  Demo press site (monitored sources): {press.base}/")
    for login in logins:
        print(f"  {login.role:<28} user: {login.username:<14} password: {login.password}")
    print("")
    if args.no_serve:
        return 0
    return _serve(host, port)


def _demo_press_site() -> PressSite:
    """Serve the demo's press site, point the demo sources at it and read them once."""
    from ttdn.demo.monitoring import load_monitoring
    from ttdn.demo.press_site import PressSite
    from ttdn.monitoring.pipeline import poll_due

    press_port = int(os.environ.get("DEMO_PRESS_PORT") or 8765)
    try:
        press = PressSite(press_port).start()
    except OSError as exc:
        raise UserError(
            f"cannot serve the demo press site on port {press_port}: {exc.strerror}"
        ) from None
    load_monitoring(press.base)
    result = poll_due()
    print(
        f"Press monitoring: {len(result.polled)} sources polled, {result.processed} articles read"
    )
    return press


def cmd_serve(args: argparse.Namespace) -> int:
    port = _port()
    host = os.environ.get("HOST", "127.0.0.1")
    _port_free(host, port)
    from ttdn.config.server import prepare_metrics

    prepare_metrics(_data_dir())
    _setup()
    _check_database()
    _require_migrated()
    if not args.no_collectstatic:
        _collectstatic()
    return _serve(host, port)


def _collectstatic() -> None:
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)


def _serve(host: str, port: int) -> int:
    """Serve with gunicorn (ttdn.config.server) until stopped; Django is set up already."""
    from ttdn.config.server import serve

    print(f"Serving on http://{host}:{port}/ (Ctrl+C to stop)", flush=True)
    serve(host, port)
    return 0


def cmd_worker(args: argparse.Namespace) -> int:
    _setup()
    _check_database()
    _require_migrated()
    from django.core.management import call_command

    call_command("db_worker", *(["--batch"] if args.batch else []))
    return 0


def cmd_unit_resolve(args: argparse.Namespace) -> int:
    """Print what a unit name means on a date, or the closest names when it is unknown."""
    from ttdn.core.dates import parse_vn_date

    try:
        day = parse_vn_date(args.on) if args.on else None
    except ValueError as exc:
        raise UserError(f"--on: {exc}") from None
    _setup()
    _check_database()
    from django.utils import timezone

    from ttdn.orgs.selectors import Outcome, unit_resolve

    day = day or timezone.localdate()
    result = unit_resolve(args.name, on=day)
    if result.outcome == Outcome.UNKNOWN:
        hint = "; ".join(result.suggestions) or "no similar name in the registry"
        raise UserError(f"unknown unit {args.name!r} on {day:%d/%m/%Y}; closest: {hint}")
    print(f"{result.outcome.value}: {args.name} ({day:%d/%m/%Y})")
    if result.named is not None and result.events:
        print(f"  named: {result.named.name}")
    for event in result.events:
        print(
            f"  {event.get_kind_display()} {event.effective_date:%d/%m/%Y} {event.basis}".rstrip()
        )
    for unit in result.units:
        print(f"  -> {unit.name} [{unit.code}]")
    return 0


def cmd_plan_parse(args: argparse.Namespace) -> int:
    """Parse a plan document and print its parsed shape (JSON) or a summary."""
    import json
    from pathlib import Path

    from ttdn.plans.importers.names import KnownNames
    from ttdn.plans.importers.parse import PlanReadError, parse_plan

    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(f"cannot read {path}: {exc.strerror}") from None
    if args.action == "import":
        return _plan_import(data, path.name)
    names, missing = _registry_names()
    try:
        plan = parse_plan(data, filename=path.name, known=KnownNames(names))
    except PlanReadError as exc:
        raise UserError(str(exc)) from None
    if missing:
        print(f"ttdn: unit names not checked ({missing})", file=sys.stderr)
    if args.json:
        print(json.dumps(plan.to_json(), ensure_ascii=False, indent=2))
        return 0
    meta = plan.metadata
    print(f"{meta.number or '?'} ngày {meta.date:%d/%m/%Y}" if meta.date else meta.number or "?")
    print(f"{meta.title or ''} ({meta.issuer or '?'})")
    print(
        f"{len(plan.tasks)} rows, {len(plan.citations)} legal documents cited, "
        f"{len(plan.commemorations)} commemorations, {len(plan.warnings)} warnings"
    )
    for warning in plan.warnings:
        hint = f" (closest: {'; '.join(warning.suggestions)})" if warning.suggestions else ""
        print(f"  {warning.location}: {warning.message}{hint}")
    return 0


def _plan_import(data: bytes, filename: str) -> int:
    _setup()
    _check_database()
    _require_migrated()
    from django.core.exceptions import ValidationError

    from ttdn.core.actor import SYSTEM
    from ttdn.plans.importers.parse import PlanReadError
    from ttdn.plans.services import plan_import_file

    try:
        result = plan_import_file(actor=SYSTEM, data=data, filename=filename)
    except (PlanReadError, ValidationError) as exc:
        message = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        raise UserError(message) from None
    plan = result.plan
    if result.unchanged:
        print(f"{plan.number}: already imported, nothing changed")
        return 0
    verb = "imported" if result.created else "updated"
    diff = result.diff
    print(
        f"{plan.number}: {verb}; {len(result.added)} tasks added, {len(result.changed)} changed,"
        f" {len(result.removed)} removed ({len(diff.deleted)} deleted with nothing recorded,"
        f" {len(diff.archived)} archived with their work), {len(diff.restored)} restored"
    )
    if diff.changed:
        print(f"  kept on the changed tasks: {diff.kept_text()}")
    for part in diff.archived_parts:
        print(f"  archived: {part.describe_archived()}")
    for part in diff.restored_parts:
        print(f"  restored: {part.describe_restored()}")
    for name in result.unresolved:
        print(f"  unit not in the registry: {name}")
    return 0


def _registry_names() -> tuple[list[str], str]:
    """The unit registry's names, or no names and why, when no migrated database is reachable."""
    from django.core.exceptions import ImproperlyConfigured
    from django.db.utils import DatabaseError

    try:
        _setup()
        from django.db import connection

        from ttdn.orgs.selectors import registry_names

        if "orgs_unit" in connection.introspection.table_names():
            return registry_names(), ""
        return [], "no unit registry in the database"
    except (ImproperlyConfigured, DatabaseError) as exc:
        return [], f"{type(exc).__name__}: {exc}"


def cmd_units(args: argparse.Namespace) -> int:
    """The unit registry as a spreadsheet: template, export, import (with --dry-run)."""
    _setup()
    _check_database()
    _require_migrated()
    from django.core.exceptions import ValidationError
    from django.utils import translation

    from ttdn.core.actor import SYSTEM
    from ttdn.orgs import registry_io, services

    translation.activate("vi")
    path = Path(args.file)
    if args.action in ("template", "export"):
        content = registry_io.template_xlsx() if args.action == "template" else None
        content = content or registry_io.export_xlsx()
        try:
            path.write_bytes(content)
        except OSError as exc:
            raise UserError(f"cannot write {path}: {exc.strerror}") from None
        print(f"{path} ({len(content) // 1024} KiB)")
        return 0
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(f"cannot read {path}: {exc.strerror}") from None
    try:
        if args.dry_run:
            preview = services.registry_preview(actor=SYSTEM, data=data, filename=path.name)
        else:
            preview = services.registry_import(actor=SYSTEM, data=data, filename=path.name)
    except services.RegistryRowsError as exc:
        preview = exc.preview
    except ValidationError as exc:
        raise UserError("; ".join(exc.messages)) from None
    for line in preview.lines():
        print(line)
    if preview.errors:
        print(
            translation.gettext("Nothing was imported: correct these rows and import again."),
            file=sys.stderr,
        )
        return 2
    if args.dry_run:
        print(translation.gettext("Dry run: nothing was stored."))
    else:
        print(translation.gettext("Imported."))
    return 0


def cmd_setup(args: argparse.Namespace) -> int:
    """A real province from an empty installation: its People's Committee, the coordinating
    department, the installation settings and the first administrator."""
    _setup()
    _check_database()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.db.migrations.executor import MigrationExecutor
    from django.utils import translation
    from django.utils.translation import gettext as _

    translation.activate("vi")
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        call_command("migrate", interactive=False, verbosity=0)
        print(_("The database was brought up to date."))
    from django.contrib.auth import get_user_model
    from django.core.exceptions import PermissionDenied, ValidationError

    from ttdn.core.actor import SYSTEM
    from ttdn.orgs import selectors, services
    from ttdn.orgs.models import Level

    current = selectors.installation()
    if current is not None and not args.force:
        _print_installation(current)
        print(_("Nothing changed: this installation is set up already (--force changes it)."))
        return 0
    # --force on a set-up installation: what is not given stays as it is.
    level = args.level or (current.level if current else "")
    level = level or _ask(_("Level (tinh or thanh-pho)"), "tinh", "--level")
    if level not in Level.values:
        raise UserError(_("unknown level %(level)r: use tinh or thanh-pho") % {"level": level})
    province = args.province if args.province is not None else (current.province if current else "")
    province = province or _ask(_("Province or city (e.g. Lào Cai)"), "", "--province")
    if not province.strip():
        raise UserError(_("the province or city name is empty (--province)"))
    keep = current.coordinating_unit if current and not args.department else None
    department = args.department or ""
    if keep is None and not department:
        department = _ask(
            _("Coordinating department"), "Sở Văn hóa, Thể thao và Du lịch", "--department"
        )
    short = args.department_short or (
        "Sở VHTTDL" if department == "Sở Văn hóa, Thể thao và Du lịch" else ""
    )
    users = get_user_model().objects
    username = args.admin_username
    if username is None and not users.filter(is_superuser=True).exists():
        username = _ask(_("Administrator's user name"), "quantri", "--admin-username")
    admin = None
    email = password = ""
    if username:
        if users.filter(username=username).exists():
            print(_("The user %(user)s exists already: unchanged.") % {"user": username})
            username = None
        else:
            email = (
                args.admin_email
                if args.admin_email is not None
                else _ask(_("E-mail"), "", "--admin-email")
            )
            password = _password(args.admin_password_file)
    try:
        with transaction.atomic():
            result = services.installation_setup(
                actor=SYSTEM,
                province=province,
                level=level,
                department=department,
                department_short=short,
                coordinating_unit=keep,
            )
            if username:
                admin = services.administrator_create(
                    actor=SYSTEM,
                    username=username,
                    email=email,
                    password=password,
                    unit=result.department,
                )
    except (ValidationError, PermissionDenied) as exc:
        messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
        raise UserError(" ".join(messages)) from None
    for name in result.created:
        print(_("Created the unit %(name)s.") % {"name": name})
    if admin is not None:
        print(_("Created the administrator %(user)s.") % {"user": admin.get_username()})
    _print_installation(result.installation)
    print("")
    print(_("Next steps:"))
    for step in (
        _("1. Download the unit registry template: ttdn units template don-vi.xlsx"),
        _("2. Fill it with the province's units, then import it: ttdn units import don-vi.xlsx"),
        _("3. Import the plan: ttdn plan import KE-HOACH.docx (or the screen “Import a plan”)"),
        _("4. Invite the units' officers (the screen “Invite officers”)."),
        _("5. Start serving: ttdn serve (see docs/operations/first-run.md)."),
    ):
        print(f"  {step}")
    return 0


def _print_installation(current: Installation) -> None:
    from django.utils.translation import gettext as _

    none = _("not set")
    print(
        _("Installation: %(place)s; People's Committee: %(committee)s; coordinating unit: %(unit)s")
        % {
            "place": current.place_phrase,
            "committee": current.peoples_committee.name if current.peoples_committee else none,
            "unit": current.coordinating_unit.name if current.coordinating_unit else none,
        }
    )


def _ask(question: str, default: str, flag: str) -> str:
    """A value typed in the terminal; refused when there is no terminal to ask in."""
    from django.utils.translation import gettext as _

    if not sys.stdin.isatty():
        raise UserError(
            _("%(flag)s is missing (%(question)s), and there is no terminal to ask in")
            % {"flag": flag, "question": question}
        )
    hint = f" [{default}]" if default else ""
    answer = input(f"{question}{hint}: ").strip()
    return answer or default


def _password(path: str | None) -> str:
    """From a file (its first line), or typed twice; never from the command line."""
    from django.utils.translation import gettext as _

    if path:
        try:
            lines = Path(path).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise UserError(f"cannot read {path}: {exc}") from None
        return lines[0] if lines else ""
    if not sys.stdin.isatty():
        raise UserError(_("the administrator's password is needed: --admin-password-file FILE"))
    import getpass

    first = getpass.getpass(_("Password: "))
    if getpass.getpass(_("Password (again): ")) != first:
        raise UserError(_("the two passwords differ"))
    return first


def cmd_report(args: argparse.Namespace) -> int:
    """Render the provincial report of a plan as .docx or .xlsx."""
    from pathlib import Path

    _setup()
    _check_database()
    _require_migrated()
    from django.utils import timezone

    from ttdn.plans.models import Plan
    from ttdn.reporting.documents.provincial import render_docx, render_xlsx
    from ttdn.reporting.selectors import report_data

    plans = Plan.objects.filter(number=args.plan).order_by("-issued_on")
    plan = plans.first()
    if plan is None:
        known = ", ".join(Plan.objects.values_list("number", flat=True)[:10]) or "none"
        raise UserError(f"no plan numbered {args.plan!r} (plans: {known})")
    today = timezone.localdate()
    data = report_data(plan, today=today)
    content = render_docx(data, today=today) if args.format == "docx" else render_xlsx(data)
    out = Path(args.out)
    try:
        out.write_bytes(content)
    except OSError as exc:
        raise UserError(f"cannot write {out}: {exc.strerror}") from None
    print(f"{out} ({len(content) // 1024} KiB): {plan.number}, {len(data['rows'])} tasks")
    return 0


def cmd_reminders(args: argparse.Namespace) -> int:
    """Record today's report reminders and send every e-mail due (run daily, e.g. from cron at
    07:30; retries failed e-mails too). Safe to run twice."""
    _setup()
    _check_database()
    _require_migrated()
    from django.utils import timezone

    from ttdn.notices.services import mail_send_due
    from ttdn.reporting.reminders import send_reminders

    counts = send_reminders(today=timezone.localdate())
    sent, skipped, failed = counts["sent"], counts["skipped"], counts["failed"]
    print(f"reminders: {sent} sent, {skipped} already sent, {failed} failed")
    mail = mail_send_due()
    print(f"e-mails: {mail.sent} sent, {mail.retrying} to retry later, {mail.given_up} given up")
    return 1 if counts["failed"] or mail.given_up else 0


def cmd_backup(args: argparse.Namespace) -> int:
    """Copy the database, the media folder and a manifest into a new directory."""
    _setup()
    _check_database()
    from ttdn.core.backup import BackupError, backup

    try:
        result = backup(Path(args.out))
    except BackupError as exc:
        raise UserError(str(exc)) from None
    print(
        f"backup written to {result.path} ({result.engine}): {result.tables} tables, "
        f"{result.rows} rows, {result.files} files, {result.size // 1024} KiB"
    )
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """Restore a backup into an empty database and media folder, then check it."""
    _setup()
    _check_database()
    from ttdn.core.backup import BackupError, restore

    try:
        result = restore(Path(args.dir), force=args.force)
    except BackupError as exc:
        raise UserError(str(exc)) from None
    print(
        f"restored ({result.engine}): {result.tables} tables, {result.rows} rows, "
        f"{result.files} files; counts and checksums match the manifest"
    )
    for warning in result.warnings:
        print(f"  warning: {warning}")
    if result.pending_migrations:
        print("  the backup is older than this version: run `ttdn manage migrate`")
    return 0


def cmd_manage(args: argparse.Namespace) -> int:
    _setup()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["ttdn manage", *args.rest])
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    """Check a monitoring query, or show which article files it matches (grep-like exit codes)."""
    from ttdn.monitoring.query import QueryError, matches, parse, render

    try:
        node = parse(args.query)
    except QueryError as error:
        raise UserError(f"invalid query: {error}") from None
    if args.action == "check":
        print(render(node))
        return 0
    if not args.files:
        raise UserError("ttdn query test needs at least one FILE")
    found = 0
    for name in args.files:
        doc = _article_file(Path(name))
        hits = matches(node, doc)
        if hits is None:
            continue
        found += 1
        spans = "; ".join(
            f"{hit.field} {hit.start}-{hit.end} «{doc.field(hit.field).text[hit.start : hit.end]}»"
            for hit in hits
        )
        print(f"{name}: {spans}" if spans else name)
    return 0 if found else 1


def _article_file(path: Path) -> Document:
    """A plain-text or HTML article file as a query document."""
    from datetime import UTC, datetime

    from ttdn.monitoring.extract import decode, extract
    from ttdn.monitoring.language import detect
    from ttdn.monitoring.query import Document

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(f"cannot read {path}: {exc.strerror}") from None
    text = decode(data)
    if path.suffix.lower() in (".html", ".htm", ".xhtml") or text.lstrip()[:1] == "<":
        found = extract(text, url=path.resolve().as_uri(), now=datetime.now(UTC))
        title, body = found.title, found.text
    else:
        title, body = "", text
    return Document.of(title=title, text=body, lang=detect(f"{title} {body}")[0])


def cmd_monitor(args: argparse.Namespace) -> int:
    """One pass of press monitoring over due sources (or one source, due or not)."""
    _setup()
    _require_migrated()
    from ttdn.monitoring.models import Source
    from ttdn.monitoring.pipeline import (
        PollResult,
        article_process,
        poll_due,
        queued_ids,
        source_refresh,
    )

    if args.action == "run":
        return _monitor_run(args.every)
    if args.action == "read":
        ids = [args.id] if args.id else queued_ids()
        done = sum(article_process(pk) for pk in ids)
        print(f"{done} articles read")
        return 0
    if args.source:
        source = Source.objects.filter(slug=args.source).first()
        if source is None:
            known = ", ".join(Source.objects.values_list("slug", flat=True)) or "none"
            raise UserError(f"no source {args.source!r} (sources: {known})")
        polled, processed = source_refresh(source.pk)
        results: list[PollResult] = [polled] if polled else []
    else:
        outcome = poll_due()
        results, processed = outcome.polled, outcome.processed
    for result in results:
        status = (
            f"error: {result.error}" if result.error else f"{result.new} new, {result.seen} known"
        )
        print(f"{result.source}: {status}")
    print(f"{len(results)} sources polled, {processed} articles read")
    return 0


def _monitor_run(every: int) -> int:
    """Poll due sources and read new articles, again and again, until interrupted."""
    import time

    from ttdn.monitoring.pipeline import poll_due

    print(f"Press monitoring: a pass every {every} s; Ctrl+C to stop", flush=True)
    while True:
        started = time.monotonic()
        outcome = poll_due()
        if outcome.polled or outcome.processed:
            print(
                f"{len(outcome.polled)} sources polled, {outcome.processed} articles read",
                flush=True,
            )
        time.sleep(max(1.0, every - (time.monotonic() - started)))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ttdn", description="ttdn: external-information work of a province"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    commands: list[tuple[str, str, Callable[[argparse.Namespace], int]]] = [
        ("demo", "migrate, load the demo data, print logins, and serve", cmd_demo),
        (
            "setup",
            "a real province from an empty installation: units, settings, first administrator",
            cmd_setup,
        ),
        ("units", "unit registry: ttdn units template|export|import FILE [--dry-run]", cmd_units),
        ("serve", "serve the web application", cmd_serve),
        ("worker", "run background tasks", cmd_worker),
        ("check", "check configuration, database and migrations", cmd_check),
        ("messages", "compile the translation catalogues", cmd_messages),
        ("manage", "run a Django management command", cmd_manage),
        (
            "plan",
            "plan documents (.docx, .pdf, .txt): ttdn plan parse|import FILE [--json]",
            cmd_plan_parse,
        ),
        ("report", "ttdn report render --plan NUMBER --format docx|xlsx --out FILE", cmd_report),
        ("reminders", "send today's report reminders and due e-mails (daily)", cmd_reminders),
        ("backup", "ttdn backup --out DIR: database, media folder and manifest", cmd_backup),
        ("restore", "ttdn restore DIR [--force]: into an empty database and folder", cmd_restore),
        ("query", "monitoring queries: ttdn query check QUERY | test QUERY FILE...", cmd_query),
        (
            "monitor",
            "press monitoring: ttdn monitor poll [--source SLUG] | read [--id N] | run",
            cmd_monitor,
        ),
        (
            "resolve",
            "resolve a unit name on a date: ttdn resolve NAME [--on dd/mm/yyyy]",
            cmd_unit_resolve,
        ),
    ]
    for name, help_text, handler in commands:
        command = sub.add_parser(name, help=help_text)
        command.set_defaults(handler=handler)
        if name == "demo":
            command.add_argument("--no-serve", action="store_true", help="prepare only")
        if name == "setup":
            command.add_argument("--province", help="e.g. “Lào Cai”, “Hà Nội”")
            command.add_argument(
                "--level", help="tinh (a province) or thanh-pho (a centrally-run city)"
            )
            command.add_argument("--department", help="the coordinating department's name")
            command.add_argument("--department-short", help="its short name, e.g. “Sở VHTTDL”")
            command.add_argument("--admin-username")
            command.add_argument("--admin-email")
            command.add_argument(
                "--admin-password-file", help="a file whose first line is the password"
            )
            command.add_argument(
                "--force", action="store_true", help="change an installation set up already"
            )
        if name == "units":
            command.add_argument("action", choices=["template", "export", "import"])
            command.add_argument("file")
            command.add_argument(
                "--dry-run", action="store_true", help="import: show the preview, store nothing"
            )
        if name == "serve":
            command.add_argument(
                "--no-collectstatic",
                action="store_true",
                help="static files were collected already (ttdn manage collectstatic)",
            )
        if name == "worker":
            command.add_argument(
                "--batch", action="store_true", help="exit when the queue is empty"
            )
        if name == "plan":
            command.add_argument("action", choices=["parse", "import"])
            command.add_argument("file")
            command.add_argument("--json", action="store_true", help="print the parsed shape")
        if name == "report":
            command.add_argument("action", choices=["render"])
            command.add_argument("--plan", required=True, help="the plan's number, e.g. 69/KH-UBND")
            command.add_argument("--format", choices=["docx", "xlsx"], default="docx")
            command.add_argument("--out", required=True)
        if name == "resolve":
            command.add_argument("name")
            command.add_argument("--on", help="the date, dd/mm/yyyy (default: today)")
        if name == "query":
            command.add_argument("action", choices=["check", "test"])
            command.add_argument("query")
            command.add_argument("files", nargs="*", metavar="FILE")
        if name == "monitor":
            command.add_argument("action", choices=["poll", "read", "run"])
            command.add_argument("--source", help="poll: this source now, due or not")
            command.add_argument("--id", type=int, help="read: this queued article only")
            command.add_argument("--every", type=int, default=60, help="run: seconds per pass")
        if name == "backup":
            command.add_argument("--out", required=True, help="a new (or empty) directory")
        if name == "restore":
            command.add_argument("dir", help="a directory written by `ttdn backup`")
            command.add_argument(
                "--force",
                action="store_true",
                help="replace a database or media folder that holds data",
            )
        if name == "manage":
            command.add_argument("rest", nargs=argparse.REMAINDER)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from django.core.exceptions import ImproperlyConfigured
    from django.db.utils import OperationalError

    try:
        result: int = args.handler(args)
    except UserError as exc:
        print(f"ttdn: {exc}", file=sys.stderr)
        return 2
    except ImproperlyConfigured as exc:
        print(f"ttdn: configuration error: {exc}", file=sys.stderr)
        return 2
    except OperationalError as exc:
        first_line = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        print(f"ttdn: database error: {first_line}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return result


if __name__ == "__main__":
    sys.exit(main())
