"""What the platform keeps about students, and for how long: one place applies every retention
period, so that nothing personal outlives its use.

| what                          | kept                          | setting                     |
|-------------------------------|-------------------------------|-----------------------------|
| Charly's conversations        | 90 days after the last message | CHARLY_RETENTION_DAYS       |
| anonymous test results        | 24 months                     |                             |
| parcours                      | 12 months after the last change |                            |
| test classes, their results   | 120 days after opening        |                             |
| class registrations (events)  | 90 days after the edition     | INSCRIPTIONS_RETENTION_DAYS |
| searches (daily aggregates)   | 395 days                      | SEARCH_LOG_RETENTION_DAYS   |

`purge_expired` is run daily: by the task worker (`manage.py purge_expired --schedule` once, the
task then schedules itself), or by cron (`manage.py purge_expired`).
"""

from chatbot.service import purge_conversations
from cms.orientation.retention import purge_classes, purge_inactive, purge_results
from evenements.inscriptions.retention import purge_inscriptions
from search.service import purge_query_log


def purge_expired():
    """Apply every retention period now; returns what was deleted, by kind."""
    return {
        "conversations de Charly": purge_conversations(),
        "résultats du test": purge_results(),
        "parcours": purge_inactive(),
        "classes du test": purge_classes(),
        "inscriptions des classes": purge_inscriptions(),
        "recherches (agrégats par jour)": purge_query_log(),
    }
