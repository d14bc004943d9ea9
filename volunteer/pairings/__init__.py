"""Pairings (结对帮扶): a member or resident volunteer looks after an elderly household, with
regular visit orders and the household's 爱心永驻联系卡."""
