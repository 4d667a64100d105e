"""Bringing data in: parsers per format (loop.py, beaver.py, selfcare.py) into one ImportPlan (plan.py), then one write."""
