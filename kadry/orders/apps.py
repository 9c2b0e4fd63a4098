from __future__ import annotations

from django.apps import AppConfig


class OrdersConfig(AppConfig):
    name = "kadry.orders"
    label = "orders"
    verbose_name = "Приказы по личному составу"
