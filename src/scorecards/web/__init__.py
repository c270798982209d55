"""The web application: a Django project serving releases, commentary and the
provider portal. It calls into the core (`scorecards.release`, `scorecards.assess`)
and is never imported by it."""
