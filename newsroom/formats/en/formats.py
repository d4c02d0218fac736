"""English dates as the newsroom prints them, day first: "6 March 2023" (Django's own
English formats put the month first). Any format not named here is Django's."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
