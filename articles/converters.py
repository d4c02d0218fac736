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
