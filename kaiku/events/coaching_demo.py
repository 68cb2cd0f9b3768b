"""Demo of the live Q&A and coaching programmes (filled in below)."""
