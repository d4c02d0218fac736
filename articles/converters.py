class UnicodeSlugConverter:
    """Match slugs in any script: `<slug:>` is ASCII-only, our slugs keep Кириллица and العربية."""

    regex = r"[-\w]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class YearConverter:
    regex = r"[0-9]{4}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{value:04d}"


class TwoDigitConverter:
    """Month or day, always two digits so that each article has one address."""

    regex = r"[0-9]{2}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{value:02d}"


# The largest key a 64-bit primary key column holds, on PostgreSQL and SQLite alike.
MAX_ID = 2**63 - 1


class IdConverter:
    """A row's id; a number no key column can hold matches no URL (404), never a query."""

    regex = r"[0-9]+"

    def to_python(self, value):
        number = int(value)
        if number > MAX_ID:
            raise ValueError("No row has that id")
        return number

    def to_url(self, value):
        return str(value)
