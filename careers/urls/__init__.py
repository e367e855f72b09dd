"""Career progression URLs, one module per area. The worker's own pages live under /my-progression/, managers'
under /progression/, panels' under /panels/ and the framework under /framework/.
"""

from __future__ import annotations

import importlib
import pkgutil

app_name = "careers"

urlpatterns: list = []
for _module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
    urlpatterns += importlib.import_module(f"{__name__}.{_module.name}").urlpatterns
