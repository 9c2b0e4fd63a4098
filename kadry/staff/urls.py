from __future__ import annotations

from django.urls import path

from kadry.staff.views import card, card_editing, declension, importing, registry, serviced, structure

urlpatterns = [
    path("employees/", registry.employee_list, name="employee_list"),
    path("employees/export.xlsx", registry.employee_list_export, name="employee_list_export"),
    path("employees/new/", registry.employee_create, name="employee_create"),
    path("employees/import/", importing.employee_import, name="employee_import"),
    path("employees/import/template.xlsx", importing.employee_import_template, name="employee_import_template"),
    path("employees/import/jobs/<int:pk>/", importing.employee_import_job, name="employee_import_job"),
    path("employees/<int:pk>/", card.employee_card, name="employee_card"),
    # A centralised HR service's registry across the schools it serves.
    path("serviced/employees/", serviced.serviced_employee_list, name="serviced_employee_list"),
    path("serviced/employees/<int:pk>/", serviced.serviced_employee_open, name="serviced_employee_open"),
    path("employees/<int:pk>/tabs/<slug:tab>/", card.employee_card_tab, name="employee_card_tab"),
    path("employees/<int:pk>/edit/", card_editing.employee_edit, name="employee_edit"),
    path("employees/<int:pk>/military/", card_editing.military_edit, name="military_edit"),
    path("employees/<int:pk>/name-forms/", declension.employee_name_forms, name="employee_name_forms"),
    path("structure/positions/<int:pk>/name-forms/", declension.position_name_forms, name="position_name_forms"),
    path("employees/<int:pk>/<slug:section>/new/", card_editing.section_add, name="section_add"),
    path("employees/<int:pk>/<slug:section>/<int:row>/edit/", card_editing.section_edit, name="section_edit"),
    path("employees/<int:pk>/<slug:section>/<int:row>/delete/", card_editing.section_delete, name="section_delete"),
    path("structure/", structure.structure, name="structure"),
    path("structure/<slug:kind>/new/", structure.structure_edit, name="structure_create"),
    path("structure/<slug:kind>/<int:pk>/edit/", structure.structure_edit, name="structure_edit"),
    path("staffing/", structure.staffing_table_view, name="staffing_table"),
    path("staffing/t3.pdf", structure.staffing_table_pdf, name="staffing_table_pdf"),
    path("staffing/export.xlsx", structure.staffing_table_export, name="staffing_table_export"),
]
