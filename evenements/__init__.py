"""The events room: the Semaine du numérique (events, class registrations, iCal) and the
Trophées NSI (editions, teams, submissions, juries, results).

Named `evenements`, not `events` as the design first called it: a top-level `events` package
would hide the PyPI package `Events` that opensearch-py imports (`from events import Events`),
and break the search engine client.
"""
