"""Shared test personas and factories (imported by every app's tests)."""
