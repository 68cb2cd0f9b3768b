"""Similar-question matching: evaluation on Finnish question pairs, and latency at scale."""
