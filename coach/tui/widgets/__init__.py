"""Widgets for the session screen: the big phase word, the gauge and the progress line."""
