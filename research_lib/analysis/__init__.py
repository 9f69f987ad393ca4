"""Analysis: pure transforms, statistical estimators and tests, charts and number formatting.

Nothing here reads data: every function takes pandas objects.
"""
