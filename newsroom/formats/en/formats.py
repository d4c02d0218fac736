"""English dates as the newsroom prints them, day first: "6 March 2023" (Django's own
English formats put the month first). Any format not named here is Django's."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
# Weeks begin on Monday, as in the British English these dates follow (Django's own
# English starts them on Sunday): the editorial calendar and the admin's date picker.
FIRST_DAY_OF_WEEK = 1
