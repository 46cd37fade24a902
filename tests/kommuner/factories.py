import factory

from kommuner.models import Bruger, Kommune, Rolle
from kommuner.services import bruger_opret

PASSWORD = "hemmelig-test-kode"


class BrugerFactory(factory.django.DjangoModelFactory):
    """Users are created through the service, as everywhere else; `kommuner` are codes or Kommune objects."""

    class Meta:
        model = Bruger

    username = factory.Sequence(lambda n: f"bruger{n}")
    rolle = Rolle.MINISTERIET
    password = PASSWORD
    kommuner = ()

    @classmethod
    def _create(cls, model_class, *, username, rolle, password, kommuner, **kwargs):
        kommuner = [k if isinstance(k, Kommune) else Kommune.objects.get(kode=k) for k in kommuner]
        return bruger_opret(
            brugernavn=username,
            rolle=rolle,
            kommuner=kommuner,
            password=password,
            fornavn=kwargs.get("first_name", "Test"),
            efternavn=kwargs.get("last_name", rolle),
            email=kwargs.get("email", f"{username}@example.org"),
        )
