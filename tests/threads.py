"""Running jobs at the same instant in threads, each with its own database
connection: how tests make two workers race."""

import threading

from django.db import connection


def run_together(*jobs):
    """Start the jobs at the same instant in threads; return what each returned."""
    barrier = threading.Barrier(len(jobs))
    results: list = [None] * len(jobs)
    errors: list = []

    def run(index, job):
        try:
            barrier.wait(timeout=10)
            results[index] = job()
        except Exception as error:  # surfaced in the test thread below
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    return results
