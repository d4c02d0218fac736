"""Benchmarks: `make bench`. Never imported by the site or by the test run."""
