"""`make bench`: the benchmark suite (benchmarks/run.py), kept out of the test run."""
