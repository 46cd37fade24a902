"""Background jobs on procrastinate: queued in the transaction of the change (a rollback queues nothing), run by
a real worker, progress and result for the user, a failure says why in Danish and can be retried."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection, transaction
from django.utils import timezone
from procrastinate.contrib.django.models import ProcrastinateJob

from evaluering import tasks
from evaluering.jobs import OPGAVER, JobFejl, baggrundsjob_proev_igen, baggrundsjob_start, koer, opgave
from evaluering.models import Baggrundsjob, Jobstatus
from evaluering.services.moeder import invitation_send
from tests.evaluering.factories import koer_ventende_jobs, moede, program_med_deltagere


@pytest.fixture
def fremtidigt_moede(db, ministeriet, projektleder_101):
    program = program_med_deltagere("101", ministeriet=ministeriet)
    return moede(program, dag=timezone.localdate() + timedelta(days=10))


class Afbrudt(Exception):
    pass


@pytest.mark.django_db
def test_a_rolled_back_change_queues_nothing(fremtidigt_moede, ministeriet):
    with pytest.raises(Afbrudt), transaction.atomic():
        invitation_send(moede=fremtidigt_moede, bruger=ministeriet)
        assert ProcrastinateJob.objects.count() == 1  # queued through Django's own connection, in this transaction
        raise Afbrudt
    assert ProcrastinateJob.objects.count() == 0
    assert Baggrundsjob.objects.count() == 0


@pytest.mark.django_db
def test_a_committed_change_queues_its_job_with_the_row_the_user_sees(fremtidigt_moede, ministeriet):
    job = invitation_send(moede=fremtidigt_moede, bruger=ministeriet)
    (pj,) = ProcrastinateJob.objects.all()
    assert pj.id == job.procrastinate_id and pj.task_name == "baggrundsjob" and pj.status == "todo"
    assert pj.args == {"baggrundsjob_id": job.pk}


@pytest.fixture
def fejlende_opgave():
    @opgave("test.fejler")
    def fejler(*, job, fremdrift, fejl: str):
        fremdrift(1, 2, "Halvvejs")
        raise JobFejl(fejl) if fejl else RuntimeError("intern detalje")

    yield
    del OPGAVER["test.fejler"]


@pytest.mark.django_db
def test_a_failed_job_says_why_in_danish_and_can_be_retried(client_for, ministeriet, fejlende_opgave):
    job = baggrundsjob_start(
        opgave="test.fejler", titel="Et job der fejler", argumenter={"fejl": "Filen findes ikke."}, bruger=ministeriet
    )
    koer_ventende_jobs()
    job.refresh_from_db()
    assert (job.status, job.fejl, job.fremdrift, job.trin) == (Jobstatus.FEJLET, "Filen findes ikke.", 50, "Halvvejs")
    client = client_for(ministeriet)
    side = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "Filen findes ikke." in side and "Prøv igen" in side
    assert client.get(f"/jobs/{job.pk}/status/").json()["fejl"] == "Filen findes ikke."
    svar = client.post(f"/jobs/{job.pk}/proev-igen/")
    assert svar.status_code == 302
    job.refresh_from_db()
    assert (job.status, job.forsoeg, job.fejl) == (Jobstatus.VENTER, 2, "")
    assert ProcrastinateJob.objects.filter(id=job.procrastinate_id, status="todo").exists()
    assert client.post(f"/jobs/{job.pk}/proev-igen/").status_code == 403  # not failed now


@pytest.mark.django_db
def test_an_unexpected_error_is_not_shown_to_the_user(ministeriet, fejlende_opgave):
    job = baggrundsjob_start(opgave="test.fejler", titel="X", argumenter={"fejl": ""}, bruger=ministeriet)
    koer_ventende_jobs()
    job.refresh_from_db()
    assert job.fejl.startswith("Der opstod en uventet fejl (RuntimeError)") and "intern detalje" not in job.fejl


@pytest.mark.django_db
def test_users_see_their_own_jobs_and_the_ministry_all(client_for, ministeriet, projektleder_101, fejlende_opgave):
    job = baggrundsjob_start(
        opgave="test.fejler", titel="Ministeriets job", argumenter={"fejl": "x"}, bruger=ministeriet
    )
    assert client_for(projektleder_101).get(f"/jobs/{job.pk}/").status_code == 404
    assert "Ministeriets job" not in client_for(projektleder_101).get("/jobs/").content.decode()
    assert client_for(ministeriet).get(f"/jobs/{job.pk}/").status_code == 200


def test_a_real_worker_runs_the_job_and_the_user_gets_the_result(worker, ministeriet, projektleder_101):
    program = program_med_deltagere("101", ministeriet=ministeriet)
    m = moede(program, dag=timezone.localdate() + timedelta(days=10))
    job = invitation_send(moede=m, bruger=ministeriet)
    worker()
    job.refresh_from_db()
    assert job.status == Jobstatus.FAERDIG, job.fejl
    assert job.resultat_url == f"/moeder/{m.pk}/#invitation" and "sendt til" in job.resultat_tekst
    assert ProcrastinateJob.objects.get(id=job.procrastinate_id).status == "succeeded"
    assert projektleder_101.email in [b.to[0] for b in mail.outbox]


def test_a_job_failing_in_the_worker_is_failed_in_procrastinate_too_and_retried(worker, ministeriet, fejlende_opgave):
    job = baggrundsjob_start(opgave="test.fejler", titel="X", argumenter={"fejl": "Nej."}, bruger=ministeriet)
    worker()
    job.refresh_from_db()
    assert job.status == Jobstatus.FEJLET and job.fejl == "Nej."
    assert ProcrastinateJob.objects.get(id=job.procrastinate_id).status == "failed"
    OPGAVER["test.fejler"] = lambda *, job, fremdrift, fejl: None  # the cause is fixed
    job = baggrundsjob_proev_igen(job=job)
    worker()
    job.refresh_from_db()
    assert job.status == Jobstatus.FAERDIG and job.forsoeg == 2


def test_the_daily_reminder_task_records_a_job(worker):
    tasks.daglige_paamindelser(int(timezone.now().timestamp()))
    (job,) = Baggrundsjob.objects.all()
    assert job.opgave == "evaluering.paamindelser" and job.status == Jobstatus.FAERDIG
    assert job.resultat_tekst == "0 påmindelser sendt" and job.bruger is None


@pytest.mark.django_db(transaction=True)
def test_two_deliveries_of_one_job_at_once_run_it_once(ministeriet):
    """Two real connections: while the first delivery runs the job, a second delivery of it does nothing."""
    inde, slip, koersler = threading.Event(), threading.Event(), []

    @opgave("test.langsom")
    def langsom(*, job, fremdrift, hvad: str):
        koersler.append(job.pk)
        inde.set()
        slip.wait(10)

    def foerste_levering(pk):
        try:
            koer(pk)
        finally:
            connection.close()

    try:
        job = baggrundsjob_start(opgave="test.langsom", titel="Langsom", argumenter={"hvad": "x"}, bruger=ministeriet)
        foerste = threading.Thread(target=foerste_levering, args=[job.pk])
        foerste.start()
        assert inde.wait(10)
        koer(job.pk)  # the second delivery, while the first is running
        slip.set()
        foerste.join(10)
    finally:
        slip.set()
        del OPGAVER["test.langsom"]
    assert koersler == [job.pk]
    job.refresh_from_db()
    assert job.status == Jobstatus.FAERDIG


@pytest.mark.django_db
@pytest.mark.parametrize("status", list(Jobstatus))
def test_the_job_page_the_poll_and_the_list_tell_the_same_state(client_for, ministeriet, status):
    """For every state: the page, the answer the page polls and the list agree on the word, and the result's link
    is there exactly when the job is done ("Klar"), without a step left over from the work."""
    job = Baggrundsjob.objects.create(
        opgave="evaluering.pakke",
        titel="Rapporter som ZIP",
        bruger=ministeriet,
        status=status,
        fremdrift=100 if status == Jobstatus.FAERDIG else 40,
        trin="" if status == Jobstatus.FAERDIG else "ZIP-filen samles",
        resultat_url="/rapportpakker/1/" if status == Jobstatus.FAERDIG else "",
        resultat_tekst="Hent rapporterne som ZIP" if status == Jobstatus.FAERDIG else "",
    )
    client = client_for(ministeriet)
    svar = client.get(f"/jobs/{job.pk}/status/").json()
    side = client.get(f"/jobs/{job.pk}/").content.decode()
    liste = client.get("/jobs/").content.decode()
    klar = status == Jobstatus.FAERDIG
    assert (svar["status_tekst"] == "Klar") == klar
    assert f'role="status">{svar["status_tekst"]}</strong>' in side
    assert f"<td>{svar['status_tekst']}</td>" in liste
    link = '<a class="button button-primary" href="/rapportpakker/1/">Hent rapporterne som ZIP</a>'
    assert (link in side and 'class="js-job-resultat" hidden' not in side) == klar
    assert ('<a href="/rapportpakker/1/">Hent rapporterne som ZIP</a>' in liste) == klar
    assert svar["resultat_url"] == ("/rapportpakker/1/" if klar else "")


@pytest.mark.django_db
def test_a_finished_job_leaves_no_step_behind(ministeriet):
    @opgave("test.trin")
    def med_trin(*, job, fremdrift, x):
        fremdrift(1, 2, "ZIP-filen samles")

    try:
        job = baggrundsjob_start(opgave="test.trin", titel="Trin", argumenter={"x": 1}, bruger=ministeriet)
        koer_ventende_jobs()
    finally:
        del OPGAVER["test.trin"]
    job.refresh_from_db()
    assert (job.status, job.get_status_display(), job.trin) == (Jobstatus.FAERDIG, "Klar", "")
