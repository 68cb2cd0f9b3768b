"""Kaiku benchmarks: a national-scale data generator and a page benchmark."""
