"""Typed model of a rendered Compose project."""
