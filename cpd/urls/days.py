from __future__ import annotations

from django.urls import path

from cpd.views import days as views

urlpatterns = [
    path("my-cpd/days/", views.my_days, name="my_days"),
    path("my-cpd/days/new/", views.day_request_create, name="day_request_create"),
    path("my-cpd/days/<int:pk>/cancel/", views.day_request_cancel, name="day_request_cancel"),
    path("cpd/days/", views.days_uptake, name="days_uptake"),
    path("cpd/days/<int:pk>/decide/", views.day_request_decide, name="day_request_decide"),
    path("cpd/workers/<int:pk>/days/allowance/", views.day_allowance_set, name="day_allowance_set"),
]
