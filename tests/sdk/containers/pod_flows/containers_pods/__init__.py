"""Pod templates, accelerators and docs compiled by both SDKs (needs the kubernetes package)."""
