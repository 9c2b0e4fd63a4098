from __future__ import annotations

from django.urls import path

from kadry.orders.views import drafting, from_sanction, from_schedule, picking, reading, signing

app_name = "orders"

urlpatterns = [
    path("", reading.order_list, name="list"),
    path("new/", drafting.order_new, name="new"),
    path("from-schedule/<int:year>/", from_schedule.from_schedule, name="from_schedule"),
    path("lift-sanction/<int:item>/", from_sanction.lift_sanction, name="lift_sanction"),
    path("queue/", signing.queue, name="queue"),
    path("queue/count/", signing.queue_count, name="queue_count"),
    path("queue/sign/", signing.queue_sign, name="queue_sign"),
    path("<int:pk>/", reading.order_detail, name="detail"),
    path("<int:pk>/edit/", drafting.order_edit, name="edit"),
    path("<int:pk>/delete/", drafting.order_delete, name="delete"),
    path("<int:pk>/check/", drafting.order_check, name="check"),
    path("<int:pk>/submit/", drafting.order_submit, name="submit"),
    path("<int:pk>/sign/", signing.order_sign, name="sign"),
    path("<int:pk>/return/", signing.order_return, name="return"),
    path("<int:pk>/cancel/", drafting.order_cancel, name="cancel"),
    path("<int:pk>/items/new/", drafting.item_add, name="item_add"),
    path("<int:pk>/employees/", picking.employee_search, name="employee_search"),
    path("<int:pk>/items/<int:item>/edit/", drafting.item_edit, name="item_edit"),
    path("<int:pk>/items/<int:item>/delete/", drafting.item_delete, name="item_delete"),
]
