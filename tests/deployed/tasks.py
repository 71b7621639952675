"""A task for the queue test: appends "<number> <worker pid>" to the file named by DEPLOYED_TASK_RECORD."""

import os

from django_tasks import task


@task()
def record_run(number):
    with open(os.environ["DEPLOYED_TASK_RECORD"], "a") as record:
        record.write(f"{number} {os.getpid()}\n")
