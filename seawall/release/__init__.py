"""Releases that can leave a node: k-anonymous case-level files, differentially private
counts and DP synthetic records (pure Python, no Django; the web app calls the same code)."""
