"""`kehoach serve`: the HTTP service (needs the extra: pip install 'kehoach[server]')."""

from __future__ import annotations

import click

from kehoach.pipeline.job import DEFAULT_MAX_MEMORY_MB, DEFAULT_TIMEOUT_S
from kehoach.pipeline.service.settings import DEFAULT_HOST, DEFAULT_MAX_UPLOAD_MB, DEFAULT_PORT, ENVIRONMENT

SERVER_HINT = "the HTTP service needs its extra: pip install 'kehoach[server]'"


@click.command("serve")
@click.option("--host", default=DEFAULT_HOST, show_default=True, envvar=ENVIRONMENT["host"], show_envvar=True,
              help="Address to listen on (0.0.0.0 for every interface).")
@click.option("--port", type=click.IntRange(0, 65535), default=DEFAULT_PORT, show_default=True,
              envvar=ENVIRONMENT["port"], show_envvar=True, help="Port to listen on.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, envvar=ENVIRONMENT["jobs"], show_envvar=True,
              help="Worker processes reading documents (default: the number of cores).")
@click.option("--timeout", "timeout_s", type=click.FloatRange(min=0), default=DEFAULT_TIMEOUT_S, show_default=True,
              envvar=ENVIRONMENT["timeout_s"], show_envvar=True,
              help="Seconds per document before it is answered with 504; 0 for no limit.")
@click.option("--max-memory", "max_memory_mb", type=click.IntRange(min=0), default=DEFAULT_MAX_MEMORY_MB,
              show_default=True, envvar=ENVIRONMENT["max_memory_mb"], show_envvar=True,
              help="Memory a document may add to its worker, in MB; 0 for no limit.")
@click.option("--max-upload", "max_upload_mb", type=click.FloatRange(min=0, min_open=True),
              default=DEFAULT_MAX_UPLOAD_MB, show_default=True, envvar=ENVIRONMENT["max_upload_mb"],
              show_envvar=True, help="Largest upload in MB; a larger one is answered with 413.")
@click.option("--db", default=None, envvar=ENVIRONMENT["db"], show_envvar=True,
              help="The database of /plans, /tasks and /compare: a file path (default kehoach.db here, created "
                   "on first use) or postgresql://user@host/name.")
@click.option("--log-level", type=click.Choice(["critical", "error", "warning", "info", "debug"]),
              default="info", show_default=True, help="uvicorn's log level (info logs every request).")
def serve_command(host: str, port: int, jobs: int | None, timeout_s: float, max_memory_mb: int,
                  max_upload_mb: float, db: str | None, log_level: str) -> None:
    """Serve POST /extract, POST /validate, GET /health and the database's /plans, /tasks and /compare over
    HTTP (OpenAPI at /openapi.json)."""
    try:
        import uvicorn

        from kehoach.pipeline.service.app import create_app
    except ImportError as exc:
        raise click.ClickException(f"{SERVER_HINT} ({exc.name} is missing)") from None
    from kehoach.pipeline.service.settings import ServiceSettings
    from kehoach.pipeline.store.connect import database_url
    from kehoach.pipeline.store.errors import StoreError

    try:
        database_url(db)
    except StoreError as exc:
        raise click.BadParameter(str(exc), param_hint="--db") from None

    settings = ServiceSettings(host=host, port=port, jobs=jobs, timeout_s=timeout_s or None,
                               max_memory_mb=max_memory_mb or None, max_upload_mb=max_upload_mb, db=db)
    uvicorn.run(create_app(settings), host=host, port=port, log_level=log_level, workers=1)
