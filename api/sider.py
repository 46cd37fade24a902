"""Pages of a list: a cursor, not a page number, so a script that follows `next` never skips or repeats a row when
rows are added while it reads, and a hostile page number has nothing to point at."""

from rest_framework.pagination import CursorPagination

STOERSTE_SIDE = 1000


class Markoerside(CursorPagination):
    ordering = "pk"
    page_size = 100
    page_size_query_param = "antal"
    # Asking for more gives this many: a script is never refused for a generous page size.
    max_page_size = STOERSTE_SIDE
    cursor_query_description = "Hvor siden begynder: brug adressen i feltet next fra den forrige side."
    page_size_query_description = f"Rækker pr. side (standard 100, højst {STOERSTE_SIDE}; mere giver {STOERSTE_SIDE})."
    invalid_cursor_message = "Ugyldig cursor: brug adressen fra feltet next i det forrige svar."
