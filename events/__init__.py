"""The events room: the Semaine du numérique (events, class registrations, iCal) and the
Trophées NSI (editions, teams, submissions, juries, results)."""
