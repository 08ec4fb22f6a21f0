"""English as written in Britain and the Nordic schools: day before month, 24-hour clock.

Django's own English formats give "Nov. 2, 2026, 12:40 a.m."; teachers expect
"2 Nov 2026, 00:40".
"""

DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
