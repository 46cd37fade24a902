from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django.contrib.auth.forms import AuthenticationForm


class LoginForm(AuthenticationForm):
    error_messages = {
        # The same message whether the user exists or not.
        "invalid_login": "Forkert brugernavn eller adgangskode. Prøv igen.",
        "inactive": "Forkert brugernavn eller adgangskode. Prøv igen.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Brugernavn"
        self.fields["password"].label = "Adgangskode"
        self.helper = FormHelper()
        self.helper.add_input(Submit("login", "Log ind"))
