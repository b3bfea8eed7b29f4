"""The compatibility corpus package (user-style scripts with CASES tables)."""
