"""Reference data: the published England figures of the DfE children's social work workforce census (spec section 3)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import migrations

SOURCE = "DfE, Children's social work workforce, as at 30 September"
# as_at year: turnover, agency, vacancy, average caseload, absence
ENGLAND = {
    2023: ("15.9", "17.8", "18.9", "16.0", "3.2"),
    2024: ("13.9", "16.2", "17.3", "15.4", "3.4"),
    2025: ("11.8", "13.0", "14.2", "15.2", "3.5"),
}
KEYS = ("turnover_rate", "agency_rate", "vacancy_rate", "average_caseload", "absence_rate")


def load(apps, schema_editor):  # noqa: ANN001, ANN201
    ComparatorFigure = apps.get_model("workforce", "ComparatorFigure")
    for year, values in ENGLAND.items():
        for key, value in zip(KEYS, values, strict=True):
            ComparatorFigure.objects.update_or_create(
                authority=None,
                kind="england",
                label="England",
                as_at=dt.date(year, 9, 30),
                indicator=key,
                defaults={"value": Decimal(value), "source": SOURCE},
            )


def unload(apps, schema_editor):  # noqa: ANN001, ANN201
    apps.get_model("workforce", "ComparatorFigure").objects.filter(authority=None, kind="england").delete()


class Migration(migrations.Migration):
    dependencies = [("workforce", "0002_dashboard_settings_and_agency")]
    operations = [migrations.RunPython(load, unload)]
