"""Where a batch's files are audited beyond this machine's worker processes."""
