"""The audit trail for administrators: the history of any record, sign-ins and failed sign-ins, and downloads.

Record history comes from django-simple-history (every model of a person's records has it). Sign-ins are written
by the signal handlers in ``core.audit.signals``; downloads by ``core.audit.middleware.DownloadLogMiddleware``;
imports are their own ImportRun rows.
"""
