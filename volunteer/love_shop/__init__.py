"""The 爱心超市 (love shop): the community's catalogue, redemptions against love-bank credits,
the hand-over by code. It spends through the ledger of volunteer/love_bank/."""
