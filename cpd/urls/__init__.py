"""CPD URLs, one module per area. The social worker's own pages live under /my-cpd/, the oversight pages for
managers and HR under /cpd/.
"""

from __future__ import annotations

import importlib
import pkgutil

app_name = "cpd"

urlpatterns: list = []
for _module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
    urlpatterns += importlib.import_module(f"{__name__}.{_module.name}").urlpatterns
