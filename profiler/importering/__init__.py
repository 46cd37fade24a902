"""The import pipeline for key figures (docs/decisions/0011-nogletal-import-og-historik.md).

read the file into a plain frame (`laesning`) → normalise and check it, one small function per check, each
returning Danish errors with row and column (`kontrol`) → preview what would change and confirm, or undo,
set-based in one transaction each (`skrivning`). `dst_api` fetches the same files from Statistics Denmark.
The services in profiler/services.py are the only callers.
"""
