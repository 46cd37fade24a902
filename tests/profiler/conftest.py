import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _tom_cache(db):
    """The shared cache is a database table outside the test's models: start every test without entries."""
    cache.clear()
