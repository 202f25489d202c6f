"""`kehoach serve`: the pipeline over HTTP (FastAPI on uvicorn, the optional extra `[server]`).

`pool.py` keeps the runner's worker processes alive between requests, `settings.py` holds the
service's options, `health.py` tells what the machine can read, `uploads.py` reads an upload through
the pool, `database.py` opens the store's database on first use, `database_routes.py` answers from it,
`app.py` builds the ASGI application. Importing this package imports neither FastAPI nor the pipeline.
"""
