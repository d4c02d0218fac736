from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db import connections
from django.db.models import Count, Window
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

# Far beyond any list's end, and small enough that its offset fits the database's
# 64-bit LIMIT and OFFSET (a larger one fails in SQLite and PostgreSQL alike).
MAX_PAGE = 10**9


def page_number(number) -> int:
    """Return a page number as asked for, checked without counting the list."""
    try:
        number = int(number)
    except (TypeError, ValueError) as error:
        raise PageNotAnInteger(_("That page number is not an integer")) from error
    if number < 1:
        raise EmptyPage(_("That page number is less than 1"))
    if number > MAX_PAGE:
        raise EmptyPage(_("That page contains no results"))
    return number


class NewerOlderPaginator(Paginator):
    """Pages of a long list linked newer/older, without counting the whole list.

    Counting every published article (or every one about a region) costs more than the
    page itself at archive size; a page only needs to know whether another follows, so it
    reads one row more than it shows.
    """

    def validate_number(self, number):
        return page_number(number)

    def page(self, number):
        number = self.validate_number(number)
        start = (number - 1) * self.per_page
        # The page's keys first, then its rows, in one query: the database would otherwise
        # work out every row the offset skips, subqueries and all (a teaser's bylines).
        keys = self.object_list.values("pk")[start : start + self.per_page + 1]
        rows = list(self.object_list.filter(pk__in=keys))
        if not rows and number > 1:
            raise EmptyPage(_("That page contains no results"))
        return NewerOlderPage(rows[: self.per_page], number, self, len(rows) > self.per_page)


class NewerOlderPage(Page):
    def __init__(self, object_list, number, paginator, has_next):
        super().__init__(object_list, number, paginator)
        self._has_next = has_next

    def has_next(self):
        return self._has_next


class EstimatedCountPaginator(Paginator):
    """An admin list over a large table: PostgreSQL's own row estimate when unfiltered.

    COUNT(*) over a whole large table reads all of it; the planner's estimate is free and
    close enough for "about 100,000 articles". Filtered lists and small tables count
    exactly.
    """

    ESTIMATE_ABOVE = 10_000

    @cached_property
    def count(self):
        queryset = self.object_list
        connection = connections[queryset.db]
        if connection.vendor == "postgresql" and not queryset.query.where:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
                    [queryset.model._meta.db_table],
                )
                row = cursor.fetchone()
            if row and row[0] > self.ESTIMATE_ABOVE:
                return row[0]
        return super().count


class WindowCountPaginator(Paginator):
    """Pages whose own query counts the list, so that showing a page is one query.

    Each row carries COUNT(*) OVER (): how many rows the list holds before LIMIT and
    OFFSET. Worth it where a separate COUNT would repeat the page's work, as for search
    results, which must all be found and ranked before the first twenty are known.
    """

    COUNT = "paginator_count"

    def page(self, number):
        number = page_number(number)
        start = (number - 1) * self.per_page
        counted = self.object_list.annotate(**{self.COUNT: Window(Count("*"))})
        rows = list(counted[start : start + self.per_page])
        if not rows and number > 1:
            raise EmptyPage(_("That page contains no results"))
        self.count = getattr(rows[0], self.COUNT) if rows else 0
        return self._get_page(rows, number, self)

    def get_page(self, number):
        """The page asked for; the first if that is no number, the last if past the end."""
        try:
            return self.page(number)
        except PageNotAnInteger:
            return self.page(1)
        except EmptyPage:
            # Counts in a query of its own: only an outdated or edited link gets here.
            return self.page(self.num_pages)
