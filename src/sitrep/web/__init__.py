"""Sitrep's web API and dashboard: FastAPI routes over ``Report``s and the store, Jinja2 pages.

``sitrep.web.app.create_app(sitrep.web.settings.Settings(...))`` builds the application;
``sitrep serve`` runs it with uvicorn. The web layer only sees ``Report``s (through
``sitrep.service``) and the store (through ``sitrep.corpus``); it never touches spaCy objects.
This package imports nothing itself, so ``sitrep --help`` (which imports ``sitrep.web.cli``)
does not load FastAPI, and its modules can import each other without a circle through it.
"""
