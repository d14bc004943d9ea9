"""Server-rendered pages, one blueprint per role (the home page for now)."""
