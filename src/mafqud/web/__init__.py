"""The staff web application and JSON API (FastAPI, Jinja2 pages in Arabic and English).

A thin shell: pages and API handlers call :mod:`mafqud.access` and
:mod:`mafqud.review`, which hold every rule.
"""

from mafqud.web.app import create_app

__all__ = ["create_app"]
