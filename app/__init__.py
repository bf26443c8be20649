"""The dashboard's pieces that must outlive a rerun of the page script.

The page script (``dashboard.py``) is executed anew on every interaction; modules here are
imported once.
"""
