"""The student site's pages that are not Wagtail pages: search, the test, the map, the parcours,
events, and Charly's embeddable widget. They render on the server and are enhanced by plain
JavaScript modules that talk to API v1, the same API any other frontend uses."""
