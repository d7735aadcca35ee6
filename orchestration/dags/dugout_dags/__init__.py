"""Shared pieces of Dugout's Airflow DAGs: EMR steps that run `dugout` commands."""
