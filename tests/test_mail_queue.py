"""Every e-mail leaves from the task queue after the response, is tried again, and the admin's resets are throttled."""

import logging
import smtplib

import pytest
from django.core import mail
from django.core.mail import send_mail

from home import outbox
from home.password_reset import THROTTLED_MESSAGE


def test_django_and_wagtail_mail_is_queued_not_sent_on_the_request_path(settings, task_worker):
    from django_tasks_db.models import DBTaskResult

    settings.EMAIL_BACKEND = "home.outbox.QueuedEmailBackend"
    send_mail("Tâche à relire :\nGarage solidaire", "Une fiche attend.", None, ["modo@example.org"])
    assert mail.outbox == []
    [queued] = DBTaskResult.objects.filter(task_path="home.outbox.deliver")
    message = queued.args_kwargs["args"][0]
    assert (message["subject"], message["to"]) == ("Tâche à relire : Garage solidaire", ["modo@example.org"])


def test_a_queued_message_keeps_its_html_part_and_headers(db, settings):
    settings.EMAIL_BACKEND = "home.outbox.QueuedEmailBackend"  # the queue runs at once in tests
    send_mail(
        "Relecture", "Texte", "site@example.org", ["modo@example.org"], html_message="<p>Texte</p>", fail_silently=False
    )
    [sent] = mail.outbox
    assert sent.alternatives[0] == ("<p>Texte</p>", "text/html")
    assert (sent.from_email, sent.to) == ("site@example.org", ["modo@example.org"])


class BusyServer:
    """A mail server that refuses every recipient for now (4xx), naming them, as servers do."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise smtplib.SMTPRecipientsRefused({to: (451, f"4.2.0 <{to}> try later".encode()) for to in messages[0].to})


def test_a_refused_message_is_tried_again_then_given_up_with_a_log(settings, task_worker, caplog):
    from django_tasks_db.models import DBTaskResult

    settings.MAIL_DELIVERY_BACKEND = "tests.test_mail_queue.BusyServer"  # refuses everything, for now
    settings.MAIL_RETRY_DELAYS = [0, 0]
    with caplog.at_level(logging.WARNING, logger="home.outbox"):
        outbox.queue(mail.EmailMessage("Sujet", "Corps", to=["a@example.org"]))
        task_worker()
    attempts = DBTaskResult.objects.filter(task_path="home.outbox.deliver")
    assert attempts.count() == 3  # the first attempt and two more
    assert set(attempts.values_list("status", flat=True)) == {"FAILED"}
    assert "given up after 3 attempt(s)" in caplog.text
    assert "Sujet" in caplog.text and "…@example.org" in caplog.text
    # Nothing personal in a log line or in the failed tasks' traceback: the address stays in the task's message.
    assert "a@example.org" not in caplog.text
    assert not any("a@example.org" in (attempt.traceback or "") for attempt in attempts)


@pytest.fixture
def volunteer(django_user_model):
    return django_user_model.objects.create_user("benevole", "benevole@example.org", "un-mot-de-passe-long")


def test_password_reset_emails_are_throttled_per_address(client, volunteer, settings):
    settings.PASSWORD_RESET_RATE_LIMIT = "2/h"
    for number in range(2):
        response = client.post("/admin/password_reset/", {"email": "benevole@example.org"})
        assert response.status_code == 302, number
    response = client.post("/admin/password_reset/", {"email": "Benevole@example.org"}, REMOTE_ADDR="192.0.2.9")
    assert response.status_code == 200
    assert THROTTLED_MESSAGE.replace("'", "&#x27;") in response.content.decode()
    assert len(mail.outbox) == 2


def test_password_reset_emails_are_throttled_per_client(client, volunteer, settings):
    settings.PASSWORD_RESET_RATE_LIMIT = "2/h"
    for address in ("a@example.org", "b@example.org"):
        assert client.post("/admin/password_reset/", {"email": address}).status_code == 302
    response = client.post("/admin/password_reset/", {"email": "benevole@example.org"})
    assert response.status_code == 200
    assert mail.outbox == []
    # Another client may still ask.
    assert (
        client.post("/admin/password_reset/", {"email": "benevole@example.org"}, REMOTE_ADDR="192.0.2.9").status_code
        == 302
    )
    assert len(mail.outbox) == 1
