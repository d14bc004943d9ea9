"""Pledges (承诺 · 践诺 · 评诺): members and teams publish them, mark them fulfilled, and the
community's residents rate them on its public page."""
