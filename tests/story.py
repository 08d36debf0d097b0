"""Paragraphs of an invented story, for the text-path tests.  A story does not
repeat a paragraph (repeats are echoes, see classify.mark_repeats): tests that
need several paragraphs take distinct ones."""

PARA = (
    "The council voted on Tuesday to close the street for six weeks while the crews repair the seawall, "
    "and the mayor said that the work could not wait until the summer season begins."
)
PARA2 = (
    "Residents said that they had been asking the city for years to fix the wall, and that a few weeks "
    "of detours were a small price to pay for a street that does not flood every winter."
)
PARA3 = (
    "Shop owners on the waterfront were less certain, and several of them asked the council for help "
    "with the rent while the customers who walk along the harbor are kept away by the works."
)
PARA4 = (
    "The engineers expect to finish before the end of April if the weather holds, but they warned that "
    "a late storm could delay the pouring of the new concrete by another two or three weeks."
)
