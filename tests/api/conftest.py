import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _ren_graense():
    # The per-key rate limit counts in the shared cache; every test starts from zero.
    cache.clear()
