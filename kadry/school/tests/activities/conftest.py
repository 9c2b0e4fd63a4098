"""Activities fixtures: the class-life world (7Б of 25 students led by the class-teacher persona, 8А of 3)."""

from __future__ import annotations

from kadry.school.tests.life.conftest import _sessions_outlive_time_travel, api_as, world

__all__ = ["_sessions_outlive_time_travel", "api_as", "world"]
