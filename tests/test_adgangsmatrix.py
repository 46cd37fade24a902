"""Who gets what, for the whole project, in one table (decision records 0001 and 0005).

Every URL pattern of every app (walked recursively from the URL configuration) × every role × every method the
view accepts, with the answer written down:

- 200: the page (or file);
- L: 302 to the login page (an anonymous visitor);
- 302: a redirect after a successful POST, or to where the user should be;
- 400/409: the form or action refused with the reasons on the page;
- 403: the user may read the object but not do this (the page says why);
- 404: the user may not read the object (the same answer as for one that does not exist);
- 405: the method is not accepted.

A method the table does not list for a pattern (GET, POST, PUT, PATCH, DELETE) must answer 405 with an Allow header
naming the methods it does list, so a view's accepted methods are part of the table too. Every pattern is also
requested with hostile values in its parameters, and every page that reads a page number with hostile page numbers:
400, 404 or the page, never a server error (`test_hostile_values_give_no_server_error`). A URL pattern without a
row fails `test_every_url_pattern_has_a_row`, and a row for a pattern that no longer exists fails it as well.
Django's admin is left out: it is Django's own, has its own staff check, and no role of the app is staff
(`test_the_admin_is_closed_to_every_role` shows that).

The objects are København's (101) in a world where Frederiksberg (147) takes part with objects of its own
(tests/verden.py): "egen leder" is København's project lead, "anden leder" Frederiksberg's. The world is built
once for the module; every request runs in a transaction that is rolled back, so a POST that succeeds changes
nothing for the next one. POSTs send no data or the least an action needs: the point is who gets in, not the form.

Every request is also checked against the download log: a file (a response with Content-Disposition) adds
exactly one row to it, everything else none (hentninger.services.logget_hentning, decision record 0032).
"""

import re
from contextlib import contextmanager

import pytest
from django.db import transaction
from django.http import QueryDict
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from hentninger.models import Hentning
from konto.services import api_noegle_opret
from tests.verden import ROLLER, byg_verden

pytestmark = pytest.mark.django_db

L = "L"

ALLE = (L, 200, 200, 200, 200, 200)
AABEN = (200, 200, 200, 200, 200, 200)
KUN_MINISTERIET = (L, 403, 403, 403, 403, 200)
LAAST = (L, 403, 403, 403, 403, 403)  # may read it, nobody may change it in this state
KUN_MINISTERIET_FORM = (L, 403, 403, 403, 403, 400)  # the ministry's empty form: refused with its errors
KUN_MINISTERIET_HANDLING = (L, 403, 403, 403, 403, 302)  # the ministry's action: back to the page with a message
EGEN_KLADDE = (L, 200, 404, 404, 404, 404)  # the municipality's own draft: nobody else knows it exists
MINISTERIETS_ARBEJDE = (L, 404, 404, 404, 404, 200)  # assessments, imports, jobs, minutes not yet approved
EGEN_ORGANISATION = (L, 200, 404, 403, 403, 403)  # the municipality's own working data: its leads write it
EGEN_ORGANISATION_POST = (L, 400, 404, 403, 403, 403)
API_ALLE = (401, 200, 200, 200, 200, 200)  # the API: no key is 401
API_EGEN_KLADDE = (401, 200, 404, 404, 404, 404)

# (URL pattern, object in tests/verden.py, method) → the answer for
# (anonym, egen leder, anden leder, evaluator, styregruppe, ministeriet).
MATRIX: dict[tuple[str, str | None, str], tuple] = {
    # The overview and the open pages: health check and accessibility statement
    ("", None, "GET"): ALLE,
    ("healthz", None, "GET"): AABEN,
    ("tilgaengelighedserklaering/", None, "GET"): AABEN,
    # konto: login, logout and password reset (open), and each user's own account. Everyone manages only their own
    # account, so both leads get the same. 302 for a logged-in user: no half-finished login to finish (login/kode),
    # no two-factor login to manage yet (backupkoder, slaa-fra), or a live session that has not run out (udloebet).
    ("konto/login/", None, "GET"): AABEN,
    ("konto/login/", None, "POST"): AABEN,  # the form with its errors
    ("konto/logout/", None, "POST"): ALLE,  # "Du er logget ud"
    # Login with MitID Erhverv (nemlogin): the AuthnRequest's redirect to NemLog-in (a logged-in user goes straight
    # on), the ACS without an answer, the metadata, logout (a local session just ends) and NemLog-in's logout side.
    ("saml2/login/", None, "GET"): (302, 302, 302, 302, 302, 302),
    ("saml2/acs/", None, "POST"): (400, 400, 400, 400, 400, 400),
    ("saml2/metadata/", None, "GET"): AABEN,
    ("saml2/logout/", None, "POST"): (L, L, L, L, L, L),
    ("saml2/ls/", None, "GET"): (400, 400, 400, 400, 400, 400),
    ("saml2/ls/post/", None, "POST"): (400, 400, 400, 400, 400, 400),
    ("konto/nulstil-adgangskode/", None, "GET"): AABEN,
    ("konto/nulstil-adgangskode/", None, "POST"): AABEN,
    ("konto/nulstil-adgangskode/sendt/", None, "GET"): AABEN,
    ("konto/nulstil-adgangskode/<uidb64>/<token>/", "nulstilling", "GET"): AABEN,
    ("konto/nulstil-adgangskode/<uidb64>/<token>/", "nulstilling", "POST"): AABEN,
    ("konto/nulstil-adgangskode/faerdig/", None, "GET"): AABEN,
    ("konto/", None, "GET"): ALLE,
    ("konto/ugentlig-oversigt/", None, "POST"): (L, 302, 302, 302, 302, 302),  # only ever the own choice
    ("konto/login/kode/", None, "GET"): (L, L, L, L, L, L),
    ("konto/login/kode/", None, "POST"): (L, L, L, L, L, L),
    ("konto/tofaktor/", None, "GET"): ALLE,
    ("konto/tofaktor/", None, "POST"): ALLE,
    ("konto/tofaktor/backupkoder/", None, "GET"): (L, 302, 302, 302, 302, 302),
    ("konto/tofaktor/backupkoder/", None, "POST"): (L, 302, 302, 302, 302, 302),
    ("konto/tofaktor/slaa-fra/", None, "GET"): (L, 302, 302, 302, 302, 302),
    ("konto/tofaktor/slaa-fra/", None, "POST"): (L, 302, 302, 302, 302, 302),
    ("konto/session/forlaeng/", None, "POST"): ALLE,
    # Personal API keys: everybody makes their own (an empty form: 400) and revokes their own (København's lead's
    # key: nobody else knows it exists); the ministry sees every user's keys and may revoke any of them.
    ("konto/api-noegler/", None, "GET"): KUN_MINISTERIET,
    ("konto/api-noegler/ny/", None, "GET"): ALLE,
    ("konto/api-noegler/ny/", None, "POST"): (L, 400, 400, 400, 400, 400),
    ("konto/api-noegler/<int:pk>/tilbagekald/", "api_noegle", "GET"): (L, 200, 404, 404, 404, 200),
    ("konto/api-noegler/<int:pk>/tilbagekald/", "api_noegle", "POST"): (L, 302, 404, 404, 404, 302),
    # The ministry's invitations to MitID Erhverv and the log of NemLog-in logins: only the ministry lets people in
    # (an empty form: 400); revoking sends it back to the page.
    ("konto/invitationer/", None, "GET"): KUN_MINISTERIET,
    ("konto/invitationer/", None, "POST"): KUN_MINISTERIET_FORM,
    ("konto/invitationer/<int:pk>/tilbagekald/", "invitation", "POST"): KUN_MINISTERIET_HANDLING,
    ("konto/session/udloebet/", None, "GET"): (200, 302, 302, 302, 302, 302),
    ("konto/session/udloebet/", None, "POST"): (302, 302, 302, 302, 302, 302),
    # kommuner: municipalities, programmes, applications (submitted and a draft), assessment, grants
    ("kommuner/", None, "GET"): ALLE,
    ("kommuner/<str:kode>/", "kommune", "GET"): (L, 200, 404, 200, 200, 200),
    ("kommuner/<str:kode>/kommunegruppe/", "kommune", "GET"): (L, 403, 404, 403, 403, 200),
    ("kommuner/<str:kode>/kommunegruppe/", "kommune", "POST"): (L, 403, 404, 403, 403, 200),
    ("kommuner/<str:kode>/oplysninger/", "kommune", "GET"): (L, 200, 404, 403, 403, 200),
    ("kommuner/<str:kode>/oplysninger/", "kommune", "POST"): (L, 200, 404, 403, 403, 200),
    ("programmer/", None, "GET"): ALLE,
    ("programmer/nyt/", None, "GET"): KUN_MINISTERIET,
    ("programmer/nyt/", None, "POST"): KUN_MINISTERIET,
    ("programmer/<int:pk>/", "program", "GET"): ALLE,
    ("programmer/<int:pk>/rediger/", "program", "GET"): KUN_MINISTERIET,
    ("programmer/<int:pk>/rediger/", "program", "POST"): KUN_MINISTERIET,
    # A programme's set-up (decision record 0056): the ministry's, read and changed on its own pages. The items are
    # the locked set-up's: a change would make a new version (rolled back here), a deletion of what has answers or
    # scores is refused with a message.
    ("programmer/<int:pk>/opsaetning/", "program", "GET"): KUN_MINISTERIET,
    ("programmer/<int:pk>/opsaetning/forhaandsvisning/", "program", "GET"): KUN_MINISTERIET,
    ("programmer/<int:pk>/opsaetning/pengeregler/", "program", "GET"): KUN_MINISTERIET,
    ("programmer/<int:pk>/opsaetning/pengeregler/", "program", "POST"): KUN_MINISTERIET_FORM,
    ("programmer/<int:pk>/opsaetning/afsnit/nyt/", "program", "GET"): KUN_MINISTERIET,
    ("programmer/<int:pk>/opsaetning/afsnit/nyt/", "program", "POST"): KUN_MINISTERIET_FORM,
    ("opsaetning/afsnit/<int:pk>/", "afsnit", "GET"): KUN_MINISTERIET,
    ("opsaetning/afsnit/<int:pk>/", "afsnit", "POST"): KUN_MINISTERIET_FORM,
    ("opsaetning/afsnit/<int:pk>/slet/", "afsnit", "POST"): KUN_MINISTERIET_HANDLING,
    ("opsaetning/afsnit/<int:pk>/op/", "afsnit", "POST"): KUN_MINISTERIET_HANDLING,
    ("opsaetning/afsnit/<int:pk>/ned/", "afsnit", "POST"): KUN_MINISTERIET_HANDLING,
    ("programmer/<int:pk>/opsaetning/forudsaetninger/ny/", "program", "GET"): KUN_MINISTERIET,
    ("programmer/<int:pk>/opsaetning/forudsaetninger/ny/", "program", "POST"): KUN_MINISTERIET_FORM,
    ("opsaetning/forudsaetninger/<int:pk>/", "forudsaetning", "GET"): KUN_MINISTERIET,
    ("opsaetning/forudsaetninger/<int:pk>/", "forudsaetning", "POST"): KUN_MINISTERIET_FORM,
    ("opsaetning/forudsaetninger/<int:pk>/slet/", "forudsaetning", "POST"): KUN_MINISTERIET_HANDLING,
    ("programmer/<int:pk>/opsaetning/kriterier/nyt/", "program", "GET"): KUN_MINISTERIET,
    ("programmer/<int:pk>/opsaetning/kriterier/nyt/", "program", "POST"): KUN_MINISTERIET_FORM,
    ("opsaetning/kriterier/<int:pk>/", "kriterie", "GET"): KUN_MINISTERIET,
    ("opsaetning/kriterier/<int:pk>/", "kriterie", "POST"): KUN_MINISTERIET_FORM,
    ("opsaetning/kriterier/<int:pk>/slet/", "kriterie", "POST"): KUN_MINISTERIET_HANDLING,
    ("programmer/<int:pk>/ansoeg/", "nyt_program", "POST"): (L, 302, 404, 403, 403, 403),  # for København
    ("ansoegninger/<int:pk>/", "ansoegning", "GET"): (L, 200, 404, 200, 404, 200),
    ("ansoegninger/<int:pk>/", "kladde", "GET"): EGEN_KLADDE,
    ("ansoegninger/<int:pk>/", "frb_ansoegning", "GET"): (L, 404, 200, 200, 404, 200),  # the mirror image
    ("ansoegninger/<int:pk>/rediger/", "ansoegning", "GET"): (L, 403, 404, 403, 404, 403),  # submitted: locked
    ("ansoegninger/<int:pk>/rediger/", "ansoegning", "POST"): (L, 403, 404, 403, 404, 403),
    ("ansoegninger/<int:pk>/rediger/", "kladde", "GET"): EGEN_KLADDE,
    ("ansoegninger/<int:pk>/rediger/", "kladde", "POST"): EGEN_KLADDE,
    ("ansoegninger/<int:pk>/bilag/", "ansoegning", "POST"): (L, 403, 404, 403, 404, 403),
    ("ansoegninger/<int:pk>/bilag/", "kladde", "POST"): EGEN_KLADDE,
    ("ansoegninger/<int:pk>/indsend/", "ansoegning", "POST"): (L, 403, 404, 403, 404, 403),
    ("ansoegninger/<int:pk>/indsend/", "kladde", "POST"): (L, 302, 404, 404, 404, 404),
    ("ansoegninger/<int:pk>/send-tilbage/", "ansoegning", "GET"): (L, 403, 404, 403, 404, 403),  # decided already
    ("ansoegninger/<int:pk>/send-tilbage/", "ansoegning", "POST"): (L, 403, 404, 403, 404, 403),
    ("ansoegninger/<int:pk>/genaabn/", "ansoegning", "GET"): (L, 403, 404, 403, 404, 403),  # nothing to reopen
    ("ansoegninger/<int:pk>/genaabn/", "ansoegning", "POST"): (L, 403, 404, 403, 404, 403),
    ("ansoegninger/<int:pk>/genaabn/", "kladde", "GET"): (L, 403, 404, 404, 404, 403),  # the deadline is ahead
    ("ansoegninger/<int:pk>/genaabn/", "kladde", "POST"): (L, 403, 404, 404, 404, 403),
    # After the deadline: København's request awaits the ministry's answer (reopen or decline, on the same page);
    # Frederiksberg's lead may still ask. Empty forms: 400.
    ("ansoegninger/<int:pk>/genaabn/", "anmodet_kladde", "GET"): (L, 403, 404, 404, 404, 200),
    ("ansoegninger/<int:pk>/genaabn/", "anmodet_kladde", "POST"): (L, 403, 404, 404, 404, 400),
    ("ansoegninger/<int:pk>/anmod-om-genaabning/", "kladde", "GET"): (L, 403, 404, 404, 404, 403),  # deadline ahead
    ("ansoegninger/<int:pk>/anmod-om-genaabning/", "kladde", "POST"): (L, 403, 404, 404, 404, 403),
    ("ansoegninger/<int:pk>/anmod-om-genaabning/", "anmodet_kladde", "GET"): (L, 403, 404, 404, 404, 403),  # asked
    ("ansoegninger/<int:pk>/anmod-om-genaabning/", "anmodet_kladde", "POST"): (L, 403, 404, 404, 404, 403),
    ("ansoegninger/<int:pk>/anmod-om-genaabning/", "frb_sen_kladde", "GET"): (L, 404, 200, 404, 404, 403),
    ("ansoegninger/<int:pk>/anmod-om-genaabning/", "frb_sen_kladde", "POST"): (L, 404, 400, 404, 404, 403),
    ("genaabningsanmodninger/<int:pk>/afvis/", "anmodning", "POST"): (L, 403, 404, 404, 404, 400),
    ("bilag/<int:pk>/", "bilag", "GET"): (L, 200, 404, 200, 404, 200),
    ("bilag/<int:pk>/", "kladdebilag", "GET"): EGEN_KLADDE,
    ("bilag/<int:pk>/", "frb_bilag", "GET"): (L, 404, 200, 200, 404, 200),
    ("bilag/<int:pk>/slet/", "bilag", "POST"): (L, 403, 404, 403, 404, 403),
    ("bilag/<int:pk>/slet/", "kladdebilag", "POST"): (L, 302, 404, 404, 404, 404),
    ("kvitteringer/<int:pk>/", "kvittering", "GET"): (L, 200, 404, 200, 404, 200),
    ("ansoegninger/<int:pk>/vurdering/", "ansoegning", "GET"): MINISTERIETS_ARBEJDE,
    ("ansoegninger/<int:pk>/vurdering/", "ansoegning", "POST"): MINISTERIETS_ARBEJDE,
    ("vurderinger/<int:pk>/", "vurdering", "GET"): MINISTERIETS_ARBEJDE,
    ("vurderinger/<int:pk>/", "vurdering", "POST"): MINISTERIETS_ARBEJDE,
    ("programmer/<int:pk>/sammenligning/", "program", "GET"): MINISTERIETS_ARBEJDE,
    ("ansoegninger/<int:pk>/afgoerelse/", "ansoegning", "GET"): MINISTERIETS_ARBEJDE,
    ("ansoegninger/<int:pk>/afgoerelse/", "ansoegning", "POST"): MINISTERIETS_ARBEJDE,
    ("programmer/<int:pk>/budget/", "program", "GET"): ALLE,
    ("deltagelser/<int:pk>/forbrug/", "deltagelse", "GET"): (L, 200, 404, 403, 403, 200),
    ("deltagelser/<int:pk>/forbrug/", "deltagelse", "POST"): (L, 200, 404, 403, 403, 200),
    # The municipality's own project organisation and milestone plan: read like the participation, written only by
    # its own leads (decision record 0055). Empty forms: 400.
    ("deltagelser/<int:pk>/organisation/", "deltagelse", "GET"): (L, 200, 404, 200, 200, 200),
    ("deltagelser/<int:pk>/organisation/ny/", "deltagelse", "GET"): EGEN_ORGANISATION,
    ("deltagelser/<int:pk>/organisation/ny/", "deltagelse", "POST"): EGEN_ORGANISATION_POST,
    ("projektdeltagere/<int:pk>/", "projektdeltager", "GET"): EGEN_ORGANISATION,
    ("projektdeltagere/<int:pk>/", "projektdeltager", "POST"): EGEN_ORGANISATION_POST,
    ("projektdeltagere/<int:pk>/slet/", "projektdeltager", "POST"): (L, 302, 404, 403, 403, 403),
    ("deltagelser/<int:pk>/milepaele/ny/", "deltagelse", "GET"): EGEN_ORGANISATION,
    ("deltagelser/<int:pk>/milepaele/ny/", "deltagelse", "POST"): EGEN_ORGANISATION_POST,
    ("milepaele/<int:pk>/", "milepael", "GET"): EGEN_ORGANISATION,
    ("milepaele/<int:pk>/", "milepael", "POST"): EGEN_ORGANISATION_POST,
    ("milepaele/<int:pk>/slet/", "milepael", "POST"): (L, 302, 404, 403, 403, 403),
    ("milepaele/<int:pk>/udfoert/", "milepael", "POST"): (L, 302, 404, 403, 403, 403),
    # profiler: social profiles, own figures (2011 submitted, 2012 a draft), the catalogue, imports, exports
    ("profiler/", None, "GET"): ALLE,
    # A programme's choice of its profiles' indicators: the ministry's set-up. An empty choice is the default (302);
    # a copy needs a programme to copy from (400).
    ("profiler/programmer/<int:pk>/noegletal/", "program", "GET"): MINISTERIETS_ARBEJDE,
    ("profiler/programmer/<int:pk>/noegletal/", "program", "POST"): (L, 404, 404, 404, 404, 302),
    ("profiler/programmer/<int:pk>/noegletal/standard/", "program", "POST"): (L, 404, 404, 404, 404, 302),
    ("profiler/programmer/<int:pk>/noegletal/kopier/", "program", "POST"): (L, 404, 404, 404, 404, 400),
    ("profiler/<str:kode>/", "kommune", "GET"): (L, 302, 302, 302, 302, 302),
    ("profiler/<str:kode>/indstillinger/", "kommune", "GET"): (L, 200, 403, 403, 403, 200),
    ("profiler/<str:kode>/indstillinger/noegletal/", "kommune", "POST"): (L, 302, 403, 403, 403, 302),
    ("profiler/<str:kode>/indstillinger/gruppe/", "kommune", "POST"): (L, 403, 403, 403, 403, 302),
    ("profiler/<str:kode>/fund/<str:kategori>/", "fund", "GET"): (L, 200, 403, 403, 403, 200),
    ("profiler/<str:kode>/fund/<str:kategori>/", "fund", "POST"): (L, 200, 403, 403, 403, 200),
    ("profiler/<str:kode>/<int:aar>/", "profil", "GET"): ALLE,
    ("profiler/<str:kode>/<int:aar>/pdf/", "profil", "GET"): ALLE,
    ("profiler/<str:kode>/<int:aar>/graf/<str:indikator>.svg", "profil_graf", "GET"): ALLE,
    ("profiler/<str:kode>/<int:aar>/afvigelser.svg", "profil", "GET"): ALLE,
    ("profiler/<str:kode>/<int:aar>/kort/<str:indikator>.svg", "profil_graf", "GET"): ALLE,
    ("profiler/<str:kode>/egne-tal/", "kommune", "GET"): (L, 200, 404, 200, 404, 200),
    ("profiler/<str:kode>/egne-tal/<int:aar>/", "egne_tal_indsendt", "GET"): (L, 200, 404, 200, 404, 200),
    ("profiler/<str:kode>/egne-tal/<int:aar>/", "egne_tal_indsendt", "POST"): (L, 403, 404, 403, 404, 403),
    ("profiler/<str:kode>/egne-tal/<int:aar>/", "egne_tal_kladde", "GET"): EGEN_KLADDE,
    ("profiler/<str:kode>/egne-tal/<int:aar>/", "frb_egne_tal", "GET"): (L, 404, 200, 200, 404, 200),
    ("profiler/<str:kode>/egne-tal/<int:aar>/", "egne_tal_kladde", "POST"): EGEN_KLADDE,
    # Already submitted: its lead is sent back to the page with the reason.
    ("profiler/<str:kode>/egne-tal/<int:aar>/indsend/", "egne_tal_indsendt", "POST"): (L, 302, 404, 403, 404, 403),
    ("profiler/<str:kode>/egne-tal/<int:aar>/indsend/", "egne_tal_kladde", "POST"): (L, 302, 404, 404, 404, 404),
    ("profiler/<str:kode>/egne-tal/<int:aar>/godkend/", "egne_tal_indsendt", "POST"): (L, 403, 404, 403, 404, 302),
    ("profiler/<str:kode>/egne-tal/<int:aar>/send-tilbage/", "egne_tal_indsendt", "POST"): (L, 403, 404, 403, 404, 302),
    ("noegletal/", None, "GET"): ALLE,
    ("noegletal/indikatorer/ny/", None, "GET"): KUN_MINISTERIET,
    ("noegletal/indikatorer/ny/", None, "POST"): KUN_MINISTERIET,
    ("noegletal/indikatorer/<str:kode>/", "indikator", "GET"): ALLE,
    ("noegletal/indikatorer/<str:kode>/rediger/", "indikator", "GET"): KUN_MINISTERIET,
    ("noegletal/indikatorer/<str:kode>/rediger/", "indikator", "POST"): KUN_MINISTERIET,
    ("noegletal/indikatorer/<str:kode>/hent/", "indikator", "POST"): (L, 403, 403, 403, 403, 400),  # DST not reached
    ("noegletal/import/", None, "GET"): KUN_MINISTERIET,
    ("noegletal/import/", None, "POST"): KUN_MINISTERIET,
    ("noegletal/import/skabelon.csv", None, "GET"): KUN_MINISTERIET,
    ("noegletal/importer/", None, "GET"): KUN_MINISTERIET,
    ("noegletal/importer/<int:pk>/", "koersel", "GET"): MINISTERIETS_ARBEJDE,
    ("noegletal/importer/<int:pk>/gennemfoer/", "forhaandsvist", "POST"): (L, 404, 404, 404, 404, 302),
    ("noegletal/importer/<int:pk>/fortryd/", "koersel", "GET"): MINISTERIETS_ARBEJDE,
    ("noegletal/importer/<int:pk>/fortryd/", "koersel", "POST"): (L, 404, 404, 404, 404, 302),
    ("noegletal/importer/<int:pk>/kasser/", "forhaandsvist", "POST"): (L, 404, 404, 404, 404, 302),
    ("noegletal/importer/<int:pk>/fil/", "koersel", "GET"): MINISTERIETS_ARBEJDE,
    ("noegletal/data/", None, "GET"): KUN_MINISTERIET,
    ("noegletal/egne-tal/", None, "GET"): KUN_MINISTERIET,
    ("noegletal/eksport/", None, "GET"): (L, 403, 403, 200, 403, 200),
    ("noegletal/eksport/fil/", "eksport_csv", "GET"): (L, 403, 403, 200, 403, 200),
    ("noegletal/eksport/fil/", "eksport_xlsx", "GET"): (L, 403, 403, 200, 403, 200),
    # strategi: the approved and reviewed strategy, a draft and one submitted to the ministry
    ("strategier/", None, "GET"): ALLE,
    # Only the participating municipality's lead starts its strategy.
    ("deltagelser/<int:pk>/strategi/", "ny_deltagelse", "POST"): (L, 302, 404, 403, 403, 403),
    ("strategier/<int:pk>/", "strategi", "GET"): ALLE,
    ("strategier/<int:pk>/", "kladdestrategi", "GET"): EGEN_KLADDE,
    ("strategier/<int:pk>/", "indsendt_strategi", "GET"): (L, 200, 404, 200, 404, 200),
    ("strategier/<int:pk>/rediger/", "strategi", "GET"): LAAST,
    ("strategier/<int:pk>/rediger/", "strategi", "POST"): LAAST,
    ("strategier/<int:pk>/rediger/", "kladdestrategi", "GET"): EGEN_KLADDE,
    ("strategier/<int:pk>/rediger/", "kladdestrategi", "POST"): EGEN_KLADDE,
    ("strategier/<int:pk>/rediger/", "indsendt_strategi", "GET"): (L, 403, 404, 403, 404, 403),
    ("strategier/<int:pk>/rediger/", "indsendt_strategi", "POST"): (L, 403, 404, 403, 404, 403),
    ("strategier/<int:pk>/boernepolitik/", "strategi", "POST"): LAAST,
    ("strategier/<int:pk>/boernepolitik/", "kladdestrategi", "POST"): (L, 302, 404, 404, 404, 404),
    ("strategibilag/<int:pk>/", "strategibilag", "GET"): ALLE,
    ("strategibilag/<int:pk>/", "k_strategibilag", "GET"): EGEN_KLADDE,
    ("strategibilag/<int:pk>/", "fremskridtsbilag", "GET"): ALLE,
    ("strategibilag/<int:pk>/slet/", "strategibilag", "POST"): LAAST,
    ("strategibilag/<int:pk>/slet/", "k_strategibilag", "POST"): (L, 302, 404, 404, 404, 404),
    ("strategier/<int:pk>/indsend/", "strategi", "POST"): LAAST,
    ("strategier/<int:pk>/indsend/", "kladdestrategi", "POST"): (L, 302, 404, 404, 404, 404),
    ("strategier/<int:pk>/kommentar/", "strategi", "GET"): KUN_MINISTERIET,
    ("strategier/<int:pk>/kommentar/", "strategi", "POST"): KUN_MINISTERIET,
    ("strategier/<int:pk>/kommentar/", "indsendt_strategi", "GET"): (L, 403, 404, 403, 404, 200),
    ("strategier/<int:pk>/kommentar/", "indsendt_strategi", "POST"): (L, 403, 404, 403, 404, 200),
    ("strategier/<int:pk>/godkend/", "strategi", "GET"): LAAST,
    ("strategier/<int:pk>/godkend/", "strategi", "POST"): LAAST,
    ("strategier/<int:pk>/godkend/", "indsendt_strategi", "GET"): (L, 403, 404, 403, 404, 200),
    ("strategier/<int:pk>/godkend/", "indsendt_strategi", "POST"): (L, 403, 404, 403, 404, 200),
    ("strategier/<int:pk>/send-tilbage/", "strategi", "GET"): LAAST,
    ("strategier/<int:pk>/send-tilbage/", "strategi", "POST"): LAAST,
    ("strategier/<int:pk>/send-tilbage/", "indsendt_strategi", "GET"): (L, 403, 404, 403, 404, 200),
    ("strategier/<int:pk>/send-tilbage/", "indsendt_strategi", "POST"): (L, 403, 404, 403, 404, 200),
    ("strategier/<int:pk>/vedtagelse/", "strategi", "GET"): (L, 200, 403, 403, 403, 403),
    ("strategier/<int:pk>/vedtagelse/", "strategi", "POST"): (L, 200, 403, 403, 403, 403),
    ("strategier/<int:pk>/historik/", "strategi", "GET"): (L, 200, 403, 403, 403, 200),
    ("strategier/<int:pk>/historik/", "frb_strategi", "GET"): (L, 403, 200, 403, 403, 200),
    ("strategier/<int:pk>/historik/", "kladdestrategi", "GET"): EGEN_KLADDE,
    ("strategier/<int:pk>/historik/", "indsendt_strategi", "GET"): (L, 200, 404, 403, 404, 200),
    ("strategier/<int:pk>/pdf/", "strategi", "GET"): ALLE,
    ("strategier/<int:pk>/pdf/", "kladdestrategi", "GET"): EGEN_KLADDE,
    ("strategier/<int:pk>/struktur/", "strategi", "GET"): ALLE,
    ("strategier/<int:pk>/struktur/", "kladdestrategi", "GET"): EGEN_KLADDE,
    ("strategier/<int:pk>/indsatsomraader/nyt/", "strategi", "GET"): LAAST,
    ("strategier/<int:pk>/indsatsomraader/nyt/", "strategi", "POST"): LAAST,
    ("strategier/<int:pk>/indsatsomraader/nyt/", "kladdestrategi", "GET"): EGEN_KLADDE,
    ("strategier/<int:pk>/indsatsomraader/nyt/", "kladdestrategi", "POST"): EGEN_KLADDE,
    ("indsatsomraader/<int:pk>/rediger/", "indsatsomraade", "GET"): LAAST,
    ("indsatsomraader/<int:pk>/rediger/", "indsatsomraade", "POST"): LAAST,
    ("indsatsomraader/<int:pk>/rediger/", "k_indsatsomraade", "GET"): EGEN_KLADDE,
    ("indsatsomraader/<int:pk>/rediger/", "k_indsatsomraade", "POST"): EGEN_KLADDE,
    ("indsatsomraader/<int:pk>/slet/", "indsatsomraade", "POST"): LAAST,
    ("indsatsomraader/<int:pk>/slet/", "k_indsatsomraade", "POST"): (L, 302, 404, 404, 404, 404),
    ("indsatsomraader/<int:pk>/delstrategier/ny/", "indsatsomraade", "GET"): LAAST,
    ("indsatsomraader/<int:pk>/delstrategier/ny/", "indsatsomraade", "POST"): LAAST,
    ("indsatsomraader/<int:pk>/delstrategier/ny/", "k_indsatsomraade", "GET"): EGEN_KLADDE,
    ("indsatsomraader/<int:pk>/delstrategier/ny/", "k_indsatsomraade", "POST"): EGEN_KLADDE,
    ("delstrategier/<int:pk>/rediger/", "delstrategi", "GET"): LAAST,
    ("delstrategier/<int:pk>/rediger/", "delstrategi", "POST"): LAAST,
    ("delstrategier/<int:pk>/rediger/", "k_delstrategi", "GET"): EGEN_KLADDE,
    ("delstrategier/<int:pk>/rediger/", "k_delstrategi", "POST"): EGEN_KLADDE,
    ("delstrategier/<int:pk>/slet/", "delstrategi", "POST"): LAAST,
    ("delstrategier/<int:pk>/slet/", "k_delstrategi", "POST"): (L, 302, 404, 404, 404, 404),
    ("strategier/<int:pk>/maalgrupper/ny/", "strategi", "GET"): LAAST,
    ("strategier/<int:pk>/maalgrupper/ny/", "strategi", "POST"): LAAST,
    ("strategier/<int:pk>/maalgrupper/ny/", "kladdestrategi", "GET"): EGEN_KLADDE,
    ("strategier/<int:pk>/maalgrupper/ny/", "kladdestrategi", "POST"): EGEN_KLADDE,
    ("maalgrupper/<int:pk>/rediger/", "maalgruppe", "GET"): LAAST,
    ("maalgrupper/<int:pk>/rediger/", "maalgruppe", "POST"): LAAST,
    ("maalgrupper/<int:pk>/rediger/", "k_maalgruppe", "GET"): EGEN_KLADDE,
    ("maalgrupper/<int:pk>/rediger/", "k_maalgruppe", "POST"): EGEN_KLADDE,
    ("maalgrupper/<int:pk>/slet/", "maalgruppe", "POST"): LAAST,
    ("maalgrupper/<int:pk>/slet/", "k_maalgruppe", "POST"): (L, 302, 404, 404, 404, 404),
    ("strategier/<int:pk>/aktoerer/ny/", "strategi", "GET"): LAAST,
    ("strategier/<int:pk>/aktoerer/ny/", "strategi", "POST"): LAAST,
    ("strategier/<int:pk>/aktoerer/ny/", "kladdestrategi", "GET"): EGEN_KLADDE,
    ("strategier/<int:pk>/aktoerer/ny/", "kladdestrategi", "POST"): EGEN_KLADDE,
    ("aktoerer/<int:pk>/rediger/", "aktoer", "GET"): LAAST,
    ("aktoerer/<int:pk>/rediger/", "aktoer", "POST"): LAAST,
    ("aktoerer/<int:pk>/rediger/", "k_aktoer", "GET"): EGEN_KLADDE,
    ("aktoerer/<int:pk>/rediger/", "k_aktoer", "POST"): EGEN_KLADDE,
    ("aktoerer/<int:pk>/slet/", "aktoer", "POST"): LAAST,
    ("aktoerer/<int:pk>/slet/", "k_aktoer", "POST"): (L, 302, 404, 404, 404, 404),
    ("strategier/<int:pk>/maal/", "strategi", "GET"): ALLE,
    ("strategier/<int:pk>/maal/", "kladdestrategi", "GET"): EGEN_KLADDE,
    ("strategier/<int:pk>/maal/nyt/", "strategi", "GET"): LAAST,
    ("strategier/<int:pk>/maal/nyt/", "strategi", "POST"): LAAST,
    ("strategier/<int:pk>/maal/nyt/", "kladdestrategi", "GET"): EGEN_KLADDE,
    ("strategier/<int:pk>/maal/nyt/", "kladdestrategi", "POST"): EGEN_KLADDE,
    ("strategier/<int:pk>/maal/slettede/", "strategi", "GET"): LAAST,
    ("strategier/<int:pk>/maal/slettede/", "kladdestrategi", "GET"): EGEN_KLADDE,
    ("strategier/<int:pk>/maal/gendan/<int:haendelse>/", "k_gendan", "POST"): (L, 302, 404, 404, 404, 404),
    ("maal/<int:pk>/", "maal", "GET"): ALLE,
    ("maal/<int:pk>/", "k_maal", "GET"): EGEN_KLADDE,
    ("maal/<int:pk>/rediger/", "maal", "GET"): LAAST,
    ("maal/<int:pk>/rediger/", "maal", "POST"): LAAST,
    ("maal/<int:pk>/rediger/", "k_maal", "GET"): EGEN_KLADDE,
    ("maal/<int:pk>/rediger/", "k_maal", "POST"): EGEN_KLADDE,
    ("maal/<int:pk>/slet/", "maal", "GET"): LAAST,
    ("maal/<int:pk>/slet/", "maal", "POST"): LAAST,
    ("maal/<int:pk>/slet/", "k_maal", "GET"): EGEN_KLADDE,
    ("maal/<int:pk>/slet/", "k_maal", "POST"): (L, 302, 404, 404, 404, 404),
    ("maal/<int:pk>/opfoelgninger/ny/", "maal", "GET"): (L, 200, 403, 403, 403, 403),
    ("maal/<int:pk>/opfoelgninger/ny/", "maal", "POST"): (L, 200, 403, 403, 403, 403),
    ("maal/<int:pk>/opfoelgninger/ny/", "k_maal", "GET"): (L, 403, 404, 404, 404, 404),
    ("maal/<int:pk>/opfoelgninger/ny/", "k_maal", "POST"): (L, 403, 404, 404, 404, 404),
    ("opfoelgninger/<int:pk>/slet/", "opfoelgning", "POST"): (L, 302, 403, 403, 403, 403),
    ("strategier/<int:pk>/handleplan/", "strategi", "GET"): ALLE,
    ("strategier/<int:pk>/handleplan/", "kladdestrategi", "GET"): EGEN_KLADDE,
    ("strategier/<int:pk>/handlinger/ny/", "strategi", "GET"): LAAST,
    ("strategier/<int:pk>/handlinger/ny/", "strategi", "POST"): LAAST,
    ("strategier/<int:pk>/handlinger/ny/", "kladdestrategi", "GET"): EGEN_KLADDE,
    ("strategier/<int:pk>/handlinger/ny/", "kladdestrategi", "POST"): EGEN_KLADDE,
    ("handlinger/<int:pk>/rediger/", "handling", "GET"): LAAST,
    ("handlinger/<int:pk>/rediger/", "handling", "POST"): LAAST,
    ("handlinger/<int:pk>/rediger/", "k_handling", "GET"): EGEN_KLADDE,
    ("handlinger/<int:pk>/rediger/", "k_handling", "POST"): EGEN_KLADDE,
    ("handlinger/<int:pk>/slet/", "handling", "POST"): LAAST,
    ("handlinger/<int:pk>/slet/", "k_handling", "POST"): (L, 302, 404, 404, 404, 404),
    # Progress during the year: the lead records it on the approved plan, the ministry comments or sends it back;
    # an update sent back is hidden from other municipalities and the steering group until it is corrected.
    ("strategier/<int:pk>/fremskridt/", "strategi", "GET"): ALLE,
    ("strategier/<int:pk>/fremskridt/", "kladdestrategi", "GET"): EGEN_KLADDE,
    ("handlinger/<int:pk>/fremskridt/nyt/", "handling", "GET"): (L, 200, 403, 403, 403, 403),
    ("handlinger/<int:pk>/fremskridt/nyt/", "handling", "POST"): (L, 400, 403, 403, 403, 403),
    ("handlinger/<int:pk>/fremskridt/nyt/", "k_handling", "GET"): (L, 403, 404, 404, 404, 404),
    ("handlinger/<int:pk>/fremskridt/nyt/", "k_handling", "POST"): (L, 403, 404, 404, 404, 404),
    ("fremskridt/<int:pk>/ret/", "fremskridt", "GET"): (L, 200, 403, 403, 403, 403),
    ("fremskridt/<int:pk>/ret/", "fremskridt", "POST"): (L, 400, 403, 403, 403, 403),
    ("fremskridt/<int:pk>/ret/", "tilbage_fremskridt", "GET"): (L, 200, 404, 403, 404, 403),
    ("fremskridt/<int:pk>/ret/", "tilbage_fremskridt", "POST"): (L, 400, 404, 403, 404, 403),
    ("fremskridt/<int:pk>/kommentar/", "fremskridt", "GET"): (L, 403, 403, 403, 403, 200),
    ("fremskridt/<int:pk>/kommentar/", "fremskridt", "POST"): (L, 403, 403, 403, 403, 400),
    ("fremskridt/<int:pk>/kommentar/", "tilbage_fremskridt", "GET"): (L, 403, 404, 403, 404, 200),
    ("fremskridt/<int:pk>/kommentar/", "tilbage_fremskridt", "POST"): (L, 403, 404, 403, 404, 400),
    ("strategier/<int:pk>/forandringsteori/", "strategi", "GET"): ALLE,
    ("strategier/<int:pk>/forandringsteori/", "kladdestrategi", "GET"): EGEN_KLADDE,
    ("strategier/<int:pk>/indsatstrappe/", "strategi", "GET"): ALLE,
    ("strategier/<int:pk>/indsatstrappe/", "kladdestrategi", "GET"): EGEN_KLADDE,
    ("strategier/<int:pk>/tilbud/nyt/", "strategi", "GET"): LAAST,
    ("strategier/<int:pk>/tilbud/nyt/", "strategi", "POST"): LAAST,
    ("strategier/<int:pk>/tilbud/nyt/", "kladdestrategi", "GET"): EGEN_KLADDE,
    ("strategier/<int:pk>/tilbud/nyt/", "kladdestrategi", "POST"): EGEN_KLADDE,
    ("tilbud/<int:pk>/rediger/", "tilbud", "GET"): LAAST,
    ("tilbud/<int:pk>/rediger/", "tilbud", "POST"): LAAST,
    ("tilbud/<int:pk>/rediger/", "k_tilbud", "GET"): EGEN_KLADDE,
    ("tilbud/<int:pk>/rediger/", "k_tilbud", "POST"): EGEN_KLADDE,
    ("tilbud/<int:pk>/slet/", "tilbud", "POST"): LAAST,
    ("tilbud/<int:pk>/slet/", "k_tilbud", "POST"): (L, 302, 404, 404, 404, 404),
    ("strategier/<int:pk>/gennemgang/", "strategi", "GET"): (L, 200, 403, 403, 403, 403),
    ("strategier/<int:pk>/gennemgang/", "strategi", "POST"): (L, 200, 403, 403, 403, 403),
    ("strategier/<int:pk>/gennemgang/", "kladdestrategi", "GET"): (L, 403, 404, 404, 404, 404),
    ("strategier/<int:pk>/gennemgang/", "kladdestrategi", "POST"): (L, 403, 404, 404, 404, 404),
    ("gennemgange/<int:pk>/", "gennemgang", "GET"): ALLE,
    ("strategier/<int:pk>/versioner/", "strategi", "GET"): ALLE,
    ("strategier/<int:pk>/versioner/<int:nummer>/", "strategi_version", "GET"): ALLE,
    ("strategier/<int:pk>/versioner/<int:nummer>/sammenlign/", "strategi_version", "GET"): ALLE,
    ("programmer/<int:pk>/strategier/", "program", "GET"): (L, 403, 403, 200, 200, 200),
    ("programmer/<int:pk>/indsatstrappe/", "program", "GET"): (L, 403, 403, 200, 200, 200),
    # evaluering: timeline, meetings, materials, calendar, deliveries, background jobs
    ("programmer/<int:pk>/tidsplan/", "program", "GET"): ALLE,
    ("programmer/<int:pk>/tidsplan/nyt/", "program", "GET"): KUN_MINISTERIET,
    ("programmer/<int:pk>/tidsplan/nyt/", "program", "POST"): KUN_MINISTERIET,
    ("programmer/<int:pk>/tidsplan/kopier/", "program", "GET"): KUN_MINISTERIET,
    ("programmer/<int:pk>/tidsplan/kopier/", "program", "POST"): KUN_MINISTERIET,  # nothing chosen: the form again
    ("tidsplan/<int:pk>/rediger/", "tidsplanpunkt", "GET"): KUN_MINISTERIET,
    ("tidsplan/<int:pk>/rediger/", "tidsplanpunkt", "POST"): KUN_MINISTERIET,
    ("tidsplan/<int:pk>/slet/", "tidsplanpunkt", "POST"): (L, 403, 403, 403, 403, 302),
    ("programmer/<int:pk>/moeder/", "program", "GET"): ALLE,
    ("programmer/<int:pk>/moeder/nyt/", "program", "GET"): KUN_MINISTERIET,
    ("programmer/<int:pk>/moeder/nyt/", "program", "POST"): KUN_MINISTERIET,
    ("moeder/<int:pk>/", "moede", "GET"): ALLE,
    ("moeder/<int:pk>/", "planlagt_moede", "GET"): ALLE,
    ("moeder/<int:pk>/rediger/", "moede", "GET"): KUN_MINISTERIET,
    ("moeder/<int:pk>/rediger/", "moede", "POST"): KUN_MINISTERIET,
    ("moeder/<int:pk>/rediger/", "godkendt_moede", "GET"): LAAST,
    ("moeder/<int:pk>/rediger/", "godkendt_moede", "POST"): LAAST,
    # The agenda changes until the meeting is held; then it is fixed and the minutes are written under it.
    ("moeder/<int:pk>/dagsorden/", "moede", "POST"): LAAST,
    ("moeder/<int:pk>/dagsorden/", "planlagt_moede", "POST"): (L, 403, 403, 403, 403, 400),
    ("dagsorden/<int:pk>/rediger/", "dagsordenspunkt", "GET"): LAAST,
    ("dagsorden/<int:pk>/rediger/", "dagsordenspunkt", "POST"): LAAST,
    ("dagsorden/<int:pk>/rediger/", "planlagt_dagsordenspunkt", "GET"): KUN_MINISTERIET,
    ("dagsorden/<int:pk>/rediger/", "planlagt_dagsordenspunkt", "POST"): KUN_MINISTERIET,
    ("dagsorden/<int:pk>/op/", "dagsordenspunkt", "POST"): LAAST,
    ("dagsorden/<int:pk>/op/", "planlagt_dagsordenspunkt", "POST"): (L, 403, 403, 403, 403, 302),
    ("dagsorden/<int:pk>/ned/", "dagsordenspunkt", "POST"): LAAST,
    ("dagsorden/<int:pk>/ned/", "planlagt_dagsordenspunkt", "POST"): (L, 403, 403, 403, 403, 302),
    ("dagsorden/<int:pk>/slet/", "dagsordenspunkt", "POST"): LAAST,
    ("dagsorden/<int:pk>/slet/", "planlagt_dagsordenspunkt", "POST"): (L, 403, 403, 403, 403, 302),
    ("moeder/<int:pk>/materialer/", "moede", "POST"): (L, 403, 403, 403, 403, 400),
    ("materialer/<int:pk>/", "materiale", "GET"): ALLE,
    ("materialer/<int:pk>/slet/", "materiale", "POST"): (L, 403, 403, 403, 403, 302),
    ("moeder/<int:pk>/invitation/", "planlagt_moede", "POST"): (L, 403, 403, 403, 403, 302),
    ("moeder/<int:pk>/afholdt/", "planlagt_moede_i_fortiden", "POST"): (L, 403, 403, 403, 403, 302),
    ("moeder/<int:pk>/referat/", "moede", "GET"): KUN_MINISTERIET,
    ("moeder/<int:pk>/referat/", "moede", "POST"): KUN_MINISTERIET,
    ("moeder/<int:pk>/opfoelgning/", "moede", "POST"): (L, 403, 403, 403, 403, 400),
    ("opfoelgning/<int:pk>/slet/", "opfoelgningspunkt", "POST"): (L, 403, 403, 403, 403, 302),
    ("moeder/<int:pk>/fremmoede/", "moede", "GET"): (L, 200, 200, 403, 403, 200),  # each lead their own
    ("moeder/<int:pk>/fremmoede/", "moede", "POST"): (L, 200, 200, 403, 403, 200),
    # Approval is a step of its own: the page asks, its button (with the version read) approves.
    ("moeder/<int:pk>/godkend/", "moede", "GET"): KUN_MINISTERIET,
    ("moeder/<int:pk>/godkend/", "moede", "POST"): KUN_MINISTERIET,
    ("moeder/<int:pk>/godkend/", "godkendt_moede", "GET"): LAAST,
    ("moeder/<int:pk>/referat.pdf", "godkendt_moede", "GET"): ALLE,
    ("moeder/<int:pk>/referat.pdf", "moede", "GET"): MINISTERIETS_ARBEJDE,
    ("moeder/kalender/", None, "GET"): ALLE,
    ("kalender/", None, "GET"): ALLE,
    ("kalender/forny/", None, "POST"): (L, 302, 302, 302, 302, 302),
    ("kalender/<str:noegle>.ics", "kalender", "GET"): AABEN,
    ("programmer/<int:pk>/leverancer/", "program", "GET"): ALLE,
    ("programmer/<int:pk>/leverancer/ny/", "program", "GET"): KUN_MINISTERIET,
    ("programmer/<int:pk>/leverancer/ny/", "program", "POST"): KUN_MINISTERIET,
    ("programmer/<int:pk>/leverancer/kopier/", "program", "GET"): KUN_MINISTERIET,
    ("programmer/<int:pk>/leverancer/kopier/", "program", "POST"): KUN_MINISTERIET,  # nothing chosen: the form again
    ("leverancer/<int:pk>/", "leverance", "GET"): ALLE,
    ("leverancer/<int:pk>/<str:kode>/", "kommuneleverance", "GET"): (L, 200, 404, 200, 200, 200),
    ("leverancer/<int:pk>/<str:kode>/", "frb_kommuneleverance", "GET"): (L, 404, 200, 200, 200, 200),
    ("leverancer/<int:pk>/<str:kode>/", "odense_leverance", "GET"): (L, 404, 404, 404, 404, 404),
    # Submitted and awaiting the ministry's review: not again.
    ("leverancer/<int:pk>/<str:kode>/indsend/", "kommuneleverance", "POST"): (L, 403, 404, 403, 403, 403),
    ("leverancer/<int:pk>/<str:kode>/indsend/", "odense_leverance", "POST"): (L, 404, 404, 404, 404, 404),
    ("indsendelser/<int:pk>/", "indsendelse", "GET"): (L, 200, 404, 200, 404, 200),
    ("indsendelser/<int:pk>/", "frb_indsendelse", "GET"): (L, 404, 200, 200, 404, 200),
    ("indsendelser/<int:pk>/vurder/", "indsendelse", "GET"): (L, 403, 404, 403, 404, 200),
    ("indsendelser/<int:pk>/vurder/", "indsendelse", "POST"): (L, 403, 404, 403, 404, 200),
    # Reports and data: every role sees the page with what it may download; the programme's status report is the
    # evaluator's, the steering group's and the ministry's; a lead reads their own municipality's report and
    # snapshots; the data and the report packages (across all participants) are the evaluator's and the ministry's.
    ("programmer/<int:pk>/rapporter/", "program", "GET"): ALLE,
    ("programmer/<int:pk>/rapporter/status/", "program", "GET"): (L, 403, 403, 200, 200, 200),
    ("programmer/<int:pk>/rapporter/status.pdf", "program", "GET"): (L, 403, 403, 200, 200, 200),
    ("programmer/<int:pk>/rapporter/<str:kode>/", "kommunerapport", "GET"): (L, 200, 404, 200, 200, 200),
    ("programmer/<int:pk>/rapporter/<str:kode>/", "frb_kommunerapport", "GET"): (L, 404, 200, 200, 200, 200),
    ("programmer/<int:pk>/rapporter/<str:kode>/", "odense_kommunerapport", "GET"): (L, 404, 404, 404, 404, 404),
    ("programmer/<int:pk>/rapporter/<str:kode>/status.pdf", "kommunerapport", "GET"): (L, 200, 404, 200, 200, 200),
    ("programmer/<int:pk>/rapporter/<str:kode>/status.pdf", "frb_kommunerapport", "GET"): (L, 404, 200, 200, 200, 200),
    ("programmer/<int:pk>/rapporter/<str:kode>/status.pdf", "odense_kommunerapport", "GET"): (
        L,
        404,
        404,
        404,
        404,
        404,
    ),
    ("programmer/<int:pk>/data/datapackage.json", "program", "GET"): (L, 403, 403, 200, 403, 200),
    ("programmer/<int:pk>/data/<str:navn>.<str:endelse>", "data_csv", "GET"): (L, 403, 403, 200, 403, 200),
    ("programmer/<int:pk>/data/<str:navn>.<str:endelse>", "data_xlsx", "GET"): (L, 403, 403, 200, 403, 200),
    ("programmer/<int:pk>/data/<str:navn>.<str:endelse>", "ukendt_data", "GET"): (L, 404, 404, 404, 404, 404),
    ("programmer/<int:pk>/rapportpakker/", "program", "POST"): (L, 403, 403, 302, 403, 302),  # nothing chosen
    ("rapportpakker/<int:pk>/", "rapportpakke", "GET"): (L, 404, 404, 200, 404, 200),
    ("indsendelser/<int:pk>/leverance.json", "indsendelse", "GET"): (L, 200, 404, 200, 404, 200),
    ("indsendelser/<int:pk>/leverance.json", "frb_indsendelse", "GET"): (L, 404, 200, 200, 404, 200),
    ("indsendelser/<int:pk>/leverance.pdf", "indsendelse", "GET"): (L, 200, 404, 200, 404, 200),
    ("indsendelser/<int:pk>/leverance.pdf", "frb_indsendelse", "GET"): (L, 404, 200, 200, 404, 200),
    ("jobs/", None, "GET"): ALLE,
    ("jobs/<int:pk>/", "job", "GET"): MINISTERIETS_ARBEJDE,
    ("jobs/<int:pk>/status/", "job", "GET"): MINISTERIETS_ARBEJDE,
    ("jobs/<int:pk>/proev-igen/", "job", "POST"): (L, 404, 404, 404, 404, 403),  # it has not failed
    # hentninger: the download log
    ("hentninger/", None, "GET"): MINISTERIETS_ARBEJDE,
    # api: the read API (decision record 0059). The description and the reference are open; every resource is read
    # with a personal API key (each role's own, made in the world), never the session: no key is 401. The rows are
    # the pages' rules, reused: a lead's key reads its own municipality's drafts, another municipality's approved
    # work, and gets 404 for the rest. Any other method is 405, with or without a key.
    ("api/v1/", None, "GET"): AABEN,
    ("api/v1/schema/", None, "GET"): AABEN,
    ("api/v1/^.*$", None, "GET"): (404, 404, 404, 404, 404, 404),
    ("api/v1/programmer/", None, "GET"): API_ALLE,
    ("api/v1/programmer/<int:pk>/", "program", "GET"): API_ALLE,
    ("api/v1/kommuner/", None, "GET"): API_ALLE,
    ("api/v1/kommuner/<str:kode>/", "kommune", "GET"): (401, 200, 404, 200, 200, 200),
    ("api/v1/indikatorer/", None, "GET"): API_ALLE,
    ("api/v1/indikatorer/<str:kode>/", "indikator", "GET"): API_ALLE,
    # All municipalities' key figures at once: the export's rule (kan_eksportere); every profile is everybody's.
    ("api/v1/noegletal/", None, "GET"): (401, 403, 403, 200, 403, 200),
    ("api/v1/profiler/", None, "GET"): API_ALLE,
    ("api/v1/profiler/<str:kode>/", "kommune", "GET"): API_ALLE,
    ("api/v1/moeder/", None, "GET"): API_ALLE,
    ("api/v1/moeder/<int:pk>/", "moede", "GET"): API_ALLE,
    ("api/v1/moeder/<int:pk>/", "planlagt_moede", "GET"): API_ALLE,
    ("api/v1/dataleverancer/", None, "GET"): API_ALLE,
    ("api/v1/dataleverancer/<int:pk>/", "leverance", "GET"): API_ALLE,
    ("api/v1/indsendelser/", None, "GET"): API_ALLE,
    ("api/v1/indsendelser/<int:pk>/", "indsendelse", "GET"): (401, 200, 404, 200, 404, 200),
    ("api/v1/indsendelser/<int:pk>/", "frb_indsendelse", "GET"): (401, 404, 200, 200, 404, 200),
    ("api/v1/strategier/", None, "GET"): API_ALLE,
    ("api/v1/strategier/<int:pk>/", "strategi", "GET"): API_ALLE,
    ("api/v1/strategier/<int:pk>/", "kladdestrategi", "GET"): API_EGEN_KLADDE,
    ("api/v1/strategier/<int:pk>/", "indsendt_strategi", "GET"): (401, 200, 404, 200, 404, 200),
    ("api/v1/maal/", None, "GET"): API_ALLE,
    ("api/v1/maal/<int:pk>/", "maal", "GET"): API_ALLE,
    ("api/v1/maal/<int:pk>/", "k_maal", "GET"): API_EGEN_KLADDE,
    ("api/v1/handlinger/", None, "GET"): API_ALLE,
    ("api/v1/handlinger/<int:pk>/", "handling", "GET"): API_ALLE,
    ("api/v1/handlinger/<int:pk>/", "k_handling", "GET"): API_EGEN_KLADDE,
    ("api/v1/opfoelgninger/", None, "GET"): API_ALLE,
    ("api/v1/opfoelgninger/<int:pk>/", "opfoelgning", "GET"): API_ALLE,
    ("api/v1/fremskridt/", None, "GET"): API_ALLE,
    ("api/v1/fremskridt/<int:pk>/", "fremskridt", "GET"): API_ALLE,
    ("api/v1/fremskridt/<int:pk>/", "tilbage_fremskridt", "GET"): (401, 200, 404, 200, 404, 200),
    ("api/v1/tilbud/", None, "GET"): API_ALLE,
    ("api/v1/tilbud/<int:pk>/", "tilbud", "GET"): API_ALLE,
    ("api/v1/tilbud/<int:pk>/", "k_tilbud", "GET"): API_EGEN_KLADDE,
}

# What a POST sends where an empty one would not reach the access check.
POSTDATA = {
    "programmer/<int:pk>/ansoeg/": {"kommune": "101"},
    "profiler/<str:kode>/indstillinger/noegletal/": lambda v: {
        "indikatorer": [v.objekter["indikator_pk"]],
        "version": "0",
    },
    "profiler/<str:kode>/egne-tal/<int:aar>/send-tilbage/": {"kommentar": "Ret tallene."},
    "noegletal/indikatorer/<str:kode>/hent/": {"maal": "taeller"},
}

# The routes that deliver a file (Content-Disposition). Every one is written to the download log, except:
HENTNINGER = {
    "bilag/<int:pk>/",
    "kvitteringer/<int:pk>/",
    "profiler/<str:kode>/<int:aar>/pdf/",
    "noegletal/import/skabelon.csv",
    "noegletal/importer/<int:pk>/fil/",
    "noegletal/eksport/fil/",
    "strategibilag/<int:pk>/",
    "strategier/<int:pk>/pdf/",
    "materialer/<int:pk>/",
    "moeder/<int:pk>/referat.pdf",
    "kalender/<str:noegle>.ics",
    "programmer/<int:pk>/rapporter/status.pdf",
    "programmer/<int:pk>/rapporter/<str:kode>/status.pdf",
    "programmer/<int:pk>/data/datapackage.json",
    "programmer/<int:pk>/data/<str:navn>.<str:endelse>",
    "rapportpakker/<int:pk>/",
    "indsendelser/<int:pk>/leverance.json",
    "indsendelser/<int:pk>/leverance.pdf",
    "api/v1/schema/",
}
# The API writes a pull to the log without a file (no Content-Disposition): the first page of a list, and a
# submission's snapshot (decision record 0059). One row for each GET that answers 200.
API_HENTNINGER = {route for route, objekt, _ in MATRIX if route.startswith("api/v1/") and objekt is None} - {
    "api/v1/",
    "api/v1/schema/",
    "api/v1/^.*$",
} | {"api/v1/indsendelser/<int:pk>/"}
HENTNINGER_UDEN_LOG = {
    # The API's description (OpenAPI, given "inline" with a file name): no data at all, fetched by tools.
    "api/v1/schema/",
    # Calendar programs fetch the feed by themselves every few minutes to hours, with no person behind each fetch;
    # it holds the meetings and deadlines the user may see, none of the municipalities' data. Logging it would bury
    # the people's downloads under machine fetches. Who may fetch it is the secret in the URL, renewed on /kalender/.
    "kalender/<str:noegle>.ics",
}


def moenstre(resolver=None, prefiks="") -> list[tuple[str, URLPattern]]:
    """Every URL pattern of the project with its full route, admin excluded."""
    resolver = resolver or get_resolver()
    ud = []
    for p in resolver.url_patterns:
        route = prefiks + str(p.pattern)
        if route.startswith("admin/"):
            continue
        if isinstance(p, URLResolver):
            ud += moenstre(p, route)
        else:
            ud.append((route, p))
    return ud


def udfyld(route: str, kwargs: dict) -> str:
    def erstat(match):
        return str(kwargs[match.group(2)])

    url = "/" + re.sub(r"<(?:(\w+):)?(\w+)>", erstat, route)
    return f"{url}?{kwargs['?']}" if "?" in kwargs else url


@pytest.fixture(scope="module")
def verden(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once, in a transaction rolled back when the module is done."""
    from django.test.utils import override_settings

    media = tmp_path_factory.mktemp("media")
    with (
        django_db_blocker.unblock(),
        # Nothing listens on port 9: the ministry's "Hent fra Danmarks Statistik" is refused with a message.
        override_settings(MEDIA_ROOT=media, DST_API_URL="http://127.0.0.1:9/v1", DST_API_TIMEOUT=0.5),
        pytest.MonkeyPatch.context() as mp,
    ):
        # WeasyPrint is not what this test is about; a PDF view still renders its template and answers.
        mp.setattr("forebyggelse.pdf.HTML", _UdenWeasyprint)
        with transaction.atomic():
            verden = byg_verden()
            klienter = {}
            for rolle in ROLLER:
                klient = Client()
                if verden.brugere[rolle] is not None:
                    klient.force_login(verden.brugere[rolle])
                klienter[rolle] = klient
            verden.klienter = klienter
            verden.api_klienter = {
                rolle: Client(headers=_noegle(verden.brugere[rolle]) if verden.brugere[rolle] else {})
                for rolle in ROLLER
            }
            yield verden
            transaction.set_rollback(True)


def _noegle(bruger) -> dict:
    _, noegle = api_noegle_opret(bruger=bruger, navn="adgangsmatrix", gyldig_dage=1)
    return {"Authorization": f"Bearer {noegle}"}


class _UdenWeasyprint:
    def __init__(self, **kwargs):
        pass

    def write_pdf(self, **kwargs):
        return b"%PDF-1.4\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media_root():
    """Overrides the project-wide one: the world's files live in the module's folder."""


def er_api(route: str) -> bool:
    """A route of the API's resources: asked with the role's API key instead of its session."""
    return route.startswith("api/v1/") and route not in {"api/v1/", "api/v1/schema/"}


def anmod(verden, rolle: str, metode: str, url: str, route: str):
    """The response and how many download-log rows it added, in a transaction that is rolled back. The test client
    raises what a view raises, so a server error is never mistaken for an answer."""
    klient = verden.api_klienter[rolle] if er_api(route) else verden.klienter[rolle]
    data = POSTDATA.get(route, {})
    if callable(data):
        data = data(verden)
    cookies = klient.cookies
    klient.cookies = cookies.__class__(cookies)
    try:
        with transaction.atomic():
            foer = Hentning.objects.count()
            if metode == "GET":
                response = klient.get(url)
            elif metode == "POST":
                response = klient.post(url, data)
            else:
                response = klient.generic(metode, url)
            if response.streaming:
                # Read to the end: the test client then closes the file (without closing the connection).
                b"".join(response.streaming_content)
            nye = Hentning.objects.count() - foer
            transaction.set_rollback(True)
    finally:
        klient.cookies = cookies
    return response, nye


def status(response):
    if response.status_code == 302 and response["Location"].startswith("/konto/login/"):
        return L
    return response.status_code


def svar(verden, rolle: str, route: str, objekt: str | None, metode: str):
    """The normalised answer, whether it is a file, how many download-log rows it added and whether it is a 403
    without a reason."""
    url = udfyld(route, verden.objekter[objekt] if objekt else {})
    response, nye = anmod(verden, rolle, metode, url, route)
    if metode == "GET":
        _noter_historik(route, objekt, rolle, response)
    fil = response.status_code == 200 and response.has_header("Content-Disposition")
    # A 403 says why (templates/403.html shows the reason the kan_* predicate gave).
    # The API says why in its JSON body's "fejl".
    grund = response.json().get("fejl") if er_api(route) and response.status_code == 403 else None
    uden_grund = response.status_code == 403 and b'<p class="font-lead">' not in response.content and not grund
    # Nothing a logged-in user gets is kept by a cache (forebyggelse/middleware.py), but what a view marks private.
    cache = response.get("Cache-Control", "")
    gemmes = rolle != "anonym" and "no-store" not in cache and not cache.startswith("private")
    return status(response), fil, nye, uden_grund, gemmes


def test_every_url_pattern_has_a_row(capsys):
    alle = {route for route, _ in moenstre()}
    i_tabellen = {route for route, _, _ in MATRIX}
    assert alle - i_tabellen == set(), "URL-mønstre uden en række i MATRIX"
    assert i_tabellen - alle == set(), "rækker i MATRIX for URL-mønstre, der ikke findes"
    with capsys.disabled():
        print(
            f"\nAdgangsmatrix: {len(i_tabellen)} af {len(alle)} URL-mønstre dækket ({len(MATRIX)} rækker × 6 roller)."
        )


# Every method the table knows: one a pattern has no row for must answer 405.
METODER = {"GET", "POST", "PUT", "PATCH", "DELETE"}
IKKE_I_TABELLEN = {"HEAD", "OPTIONS"}  # HEAD goes with GET (require_safe); Django's class-based views answer OPTIONS

RAEKKER: dict[str, list] = {}
for (_route, _objekt, _metode), _forventet in MATRIX.items():
    RAEKKER.setdefault(_route, []).append((_objekt, _metode, _forventet))


@pytest.mark.parametrize("route", sorted(RAEKKER))
def test_who_gets_what(verden, route):
    faktisk, forventet, fejl = {}, {}, []
    filer = 0
    for objekt, metode, statusser in RAEKKER[route]:
        forventet[objekt, metode] = statusser
        svarene = [svar(verden, rolle, route, objekt, metode) for rolle in ROLLER]
        faktisk[objekt, metode] = tuple(status for status, *_ in svarene)
        for rolle, (kode, fil, nye, uden_grund, gemmes) in zip(ROLLER, svarene, strict=True):
            if uden_grund:
                fejl.append(f"{rolle} {metode} {objekt}: 403 uden begrundelse")
            if gemmes:
                fejl.append(f"{rolle} {metode} {objekt}: uden Cache-Control: no-store")
            if fil:
                filer += 1
            logges = (fil and route not in HENTNINGER_UDEN_LOG) or (route in API_HENTNINGER and kode == 200)
            if nye != (1 if logges else 0):
                fejl.append(f"{rolle} {metode} {objekt}: {nye} rækker i hentningsloggen")
    # A method the table does not list is refused (before any access check, so one role shows it), and the refusal
    # names the methods the table lists (HEAD and OPTIONS, which the table does not list, aside).
    metoder = {metode for _, metode, _ in RAEKKER[route]}
    objekt = RAEKKER[route][0][0]
    url = udfyld(route, verden.objekter[objekt] if objekt else {})
    for metode in sorted(METODER - metoder):
        response, _ = anmod(verden, "ministeriet", metode, url, route)
        forventet[objekt, metode] = (405, metoder)
        faktisk[objekt, metode] = (
            response.status_code,
            set(response.get("Allow", "").split(", ")) - {"", *IKKE_I_TABELLEN},
        )
    assert faktisk == forventet
    assert not fejl
    assert bool(filer) == (route in HENTNINGER), "filer fra en rute, der ikke står i HENTNINGER, eller omvendt"


@pytest.mark.parametrize("rolle", ROLLER)
def test_the_admin_is_closed_to_every_role(verden, rolle):
    """No role of the app is staff: Django's admin sends everybody to the login page (a superuser made with
    createsuperuser is the only way in)."""
    response = verden.klienter[rolle].get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


# Values an attacker puts where the URL expects a code, a number or a key: a NUL character, a number past what the
# database holds, a negative number and text. And page numbers: text, past what the database counts, below 1, NUL.
FJENDTLIGE_VAERDIER = ("%00", "99999999999999999999", "-1", "abc")
FJENDTLIGE_SIDER = ("abc", "9223372036854775807", "99999999999999999999", "-5", "%00")
SIDEPARAMETRE = {"historik", "side"}  # a history's page on its object's page, a list's page
# Right answers other than 400 and 404 to a value that cannot exist:
ANDRE_SVAR = {
    # Django's own page for a reset link that is not (or no longer) valid.
    "konto/nulstil-adgangskode/<uidb64>/<token>/": {200},
}


@contextmanager
def laeste_parametre():
    """The names a view looks up in the query string (or form data) while the block runs."""
    laest = set()
    get, getitem, getlist = QueryDict.get, QueryDict.__getitem__, QueryDict.getlist
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(QueryDict, "get", lambda self, key, *a: laest.add(key) or get(self, key, *a))
        mp.setattr(QueryDict, "__getitem__", lambda self, key: laest.add(key) or getitem(self, key))
        mp.setattr(QueryDict, "getlist", lambda self, key, *a: laest.add(key) or getlist(self, key, *a))
        yield laest


def test_hostile_values_give_no_server_error(verden, capsys):
    """Every pattern with a hostile value in each of its parameters answers 400 or 404 (NUL anywhere is 400,
    forebyggelse/middleware.py), and every page that reads a page number shows a page for a hostile one (page 1 or
    the last, as the pattern's row says): never a server error. For the ministry, who reaches the most, and an
    anonymous visitor. Which pages read a page number is found, not listed: the first hostile page number goes to
    every page, and one that looked up `historik` or `side` gets the rest."""
    fejl, antal, sider = [], 0, set()

    def proev(rolle, metode, url, route, rigtige):
        nonlocal antal
        antal += 1
        try:
            response, _ = anmod(verden, rolle, metode, url, route)
        except Exception as undtagelse:  # the test client raises what the view raised: the user got a 500
            fejl.append(f"{rolle} {metode} {url}: {type(undtagelse).__name__}: {str(undtagelse).strip()[:80]}")
            return
        if status(response) not in rigtige:
            fejl.append(f"{rolle} {metode} {url}: {status(response)}, ventede {sorted(map(str, rigtige))}")

    for route, raekker in RAEKKER.items():
        for metode in sorted({metode for _, metode, _ in raekker}):
            objekt, _, statusser = next(r for r in raekker if r[1] == metode)
            kwargs = verden.objekter[objekt] if objekt else {}
            rigtige = {400, 404} | ANDRE_SVAR.get(route, set())
            for navn in re.findall(r"<(?:\w+:)?(\w+)>", route):
                for vaerdi in FJENDTLIGE_VAERDIER:
                    url = udfyld(route, {**kwargs, navn: vaerdi})
                    proev("ministeriet", metode, url, route, rigtige)
                    proev("anonym", metode, url, route, rigtige | {L, 401})
            # The API's lists have no page numbers but a cursor (tests/api: a foreign cursor is 404, a page size
            # past the limit is capped), and refuse parameters they do not know with 400.
            if metode != "GET" or er_api(route):
                continue
            url = udfyld(route, kwargs)
            for nr, side in enumerate(FJENDTLIGE_SIDER):
                sideurl = url + ("&" if "?" in url else "?") + "&".join(f"{p}={side}" for p in sorted(SIDEPARAMETRE))
                for rolle, forventet in (("ministeriet", statusser[-1]), ("anonym", statusser[0])):
                    if nr == 0 and rolle == "ministeriet":
                        with laeste_parametre() as laest:
                            proev(rolle, metode, sideurl, route, {forventet})
                        if laest & SIDEPARAMETRE:
                            sider.add(route)
                    elif route in sider:
                        proev(rolle, metode, sideurl, route, {400 if side == "%00" else forventet})
    with capsys.disabled():
        print(f"\nFjendtlige værdier: {antal} forespørgsler, {len(fejl)} forkerte svar.")
        print(f"Sider med sidetal: {', '.join(sorted(sider))}.")
    assert antal > 1500
    # The object pages with a history (programme, municipality, application, grant, strategy, meeting) and the
    # download log: the discovery finds them.
    assert len(sider) >= 7, sorted(sider)
    assert not fejl, "\n".join(fejl)


# Which pages show history, and to whom (decision record 0050): the municipality's own lead, and the ministry, never
# anyone else. A page that starts to show history, or shows it to another role, fails
# `test_which_pages_show_history_to_whom` until it is written here. The section is the one the {% historik %} tag
# renders, which takes only a page of history made by forebyggelse.historik.historik_til.
EGEN_OG_MINISTERIET = {"egen_leder", "ministeriet"}
FRB_OG_MINISTERIET = {"anden_leder", "ministeriet"}  # Frederiksberg's objects: "anden leder" is their own lead
KUN_EGEN = {"egen_leder"}  # a draft (or what only its lead edits): nobody else
KUN_MIN = {"ministeriet"}  # the ministry's own work
HISTORIK: dict[tuple[str, str | None], set[str]] = {
    ("ansoegninger/<int:pk>/", "ansoegning"): EGEN_OG_MINISTERIET,
    ("ansoegninger/<int:pk>/", "frb_ansoegning"): FRB_OG_MINISTERIET,
    ("ansoegninger/<int:pk>/", "kladde"): KUN_EGEN,
    ("ansoegninger/<int:pk>/afgoerelse/", "ansoegning"): KUN_MIN,
    ("ansoegninger/<int:pk>/vurdering/", "ansoegning"): KUN_MIN,
    ("vurderinger/<int:pk>/", "vurdering"): KUN_MIN,
    ("deltagelser/<int:pk>/forbrug/", "deltagelse"): EGEN_OG_MINISTERIET,
    ("kommuner/<str:kode>/oplysninger/", "kommune"): EGEN_OG_MINISTERIET,
    ("programmer/<int:pk>/", "program"): KUN_MIN,
    ("strategier/<int:pk>/historik/", "strategi"): EGEN_OG_MINISTERIET,
    ("strategier/<int:pk>/historik/", "indsendt_strategi"): EGEN_OG_MINISTERIET,
    ("strategier/<int:pk>/historik/", "frb_strategi"): FRB_OG_MINISTERIET,
    ("strategier/<int:pk>/historik/", "kladdestrategi"): KUN_EGEN,
    ("maal/<int:pk>/", "maal"): EGEN_OG_MINISTERIET,
    ("maal/<int:pk>/", "k_maal"): KUN_EGEN,
    ("handlinger/<int:pk>/rediger/", "k_handling"): KUN_EGEN,
    ("profiler/<str:kode>/egne-tal/<int:aar>/", "egne_tal_indsendt"): EGEN_OG_MINISTERIET,
    ("profiler/<str:kode>/egne-tal/<int:aar>/", "frb_egne_tal"): FRB_OG_MINISTERIET,
    ("profiler/<str:kode>/egne-tal/<int:aar>/", "egne_tal_kladde"): KUN_EGEN,
    ("noegletal/indikatorer/<str:kode>/", "indikator"): KUN_MIN,
    ("profiler/programmer/<int:pk>/noegletal/", "program"): KUN_MIN,
    ("moeder/<int:pk>/", "moede"): KUN_MIN,
    ("moeder/<int:pk>/", "planlagt_moede"): KUN_MIN,
}

_VIST_HISTORIK: dict[tuple[str, str | None], set[str]] = {}
_SET: set[tuple[str, str | None, str]] = set()


def _noter_historik(route, objekt, rolle, response) -> None:
    _SET.add((route, objekt, rolle))
    if response.status_code == 200 and not response.streaming and b'id="historik-overskrift"' in response.content:
        _VIST_HISTORIK.setdefault((route, objekt), set()).add(rolle)


def test_which_pages_show_history_to_whom(verden):
    """Every GET of the matrix as every role (the answers test_who_gets_what already had, the rest asked now)."""
    for route, objekt, metode in MATRIX:
        if metode != "GET" or route in HENTNINGER:
            continue
        for rolle in ROLLER:
            if (route, objekt, rolle) not in _SET:
                svar(verden, rolle, route, objekt, metode)
    assert _VIST_HISTORIK == HISTORIK
