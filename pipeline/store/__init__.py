"""The database of ingested plans: tables (`tables`), opening and migrating it (`connect`,
`migrate`), writing a plan (`write`) and the ready-made questions (`queries`)."""

# The environment variable that names the database when --db is not given.
DATABASE_ENVVAR = "KEHOACH_DB"
