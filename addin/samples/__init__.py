"""Generators of the sample workbooks under examples/.

Each sample is built by a seeded or data-driven script and committed, so
that tests can rebuild it and compare it with the committed file.
"""
