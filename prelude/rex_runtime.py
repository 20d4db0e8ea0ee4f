"""rex runtime: helpers that compiled pandas code calls (SPEC §3)."""
