from forebyggelse.roller import er_ministeriet


def kan_se_hentningslog(user) -> tuple[bool, str]:
    """The log tells who has read which municipality's files: the ministry's alone."""
    if not er_ministeriet(user):
        return False, "Kun ministeriet kan se, hvem der har hentet hvad."
    return True, ""
