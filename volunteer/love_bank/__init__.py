"""The love bank (爱心银行): time credits in an append-only, double-entry ledger, spent in the
community's 爱心超市 (shop)."""
