"""The test's class mode against real servers (runserver on SQLite, gunicorn with three workers
on the suite's database): a whole class submits its results at the same moment, and every one of
them counts in the teacher's aggregate."""

import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import requests

from .conftest import ROOT

STUDENTS = 20
OPEN = (
    "from cms.orientation.classes import open_classe; "
    "_, code, token = open_classe('prof@ac-lyon.fr', '2nde B — atelier'); print(code, token)"
)


def open_classe(server):
    """A class opened in the server's database, as the registrations do: (code, token)."""
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", OPEN],
        cwd=ROOT,
        env=server.env,
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    code, token = done.stdout.split()[-2:]
    return code, token


def test_twenty_simultaneous_results_into_one_class_all_count(server):
    code, token = open_classe(server)
    api = f"{server.url}/api/v1/"
    questions = requests.get(api + "test/", timeout=30).json()["questions"]
    start = threading.Barrier(STUDENTS)

    def student(number):
        answers = {str(q["id"]): (q["id"] + number) % 5 for q in questions}
        session = requests.Session()
        session.headers["X-Forwarded-For"] = f"203.0.113.{number + 1}"
        start.wait(timeout=60)
        response = session.post(
            api + "test/resultats/",
            json={"answers": answers, "code_classe": code.lower()},
            timeout=120,
        )
        return response.status_code, response.json()

    with ThreadPoolExecutor(max_workers=STUDENTS) as pool:
        answers = list(pool.map(student, range(STUDENTS)))

    assert [status for status, _ in answers] == [201] * STUDENTS, answers
    aggregate = requests.get(f"{api}test/classes/{token}/", timeout=30).json()
    assert (aggregate["resultats"], aggregate["resultats_agreges"]) == (STUDENTS, STUDENTS)
    means = {
        letter: int(sum(body["profile"][letter] for _, body in answers) / STUDENTS + 0.5)
        for letter in "RIASEC"
    }
    assert aggregate["profil"] == means
