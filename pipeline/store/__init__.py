"""The database of ingested plans: tables (`tables`), opening and migrating it (`connect`,
`migrate`), writing a plan (`write`) and the ready-made questions (`queries`)."""
